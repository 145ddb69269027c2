// Tools under the body's editor: a word count, a "Clear formatting" button, and pasted
// top-level headings (Word's Title and Heading 1 arrive as <h1>, which the body does not
// allow) kept as section headings instead of turning into plain paragraphs.
"use strict";
{
  const form = document.getElementById("pressrelease_form");
  const text = document.getElementById("body-tools-config")?.dataset || {};
  const wordsIn = (text) => (text.match(/[\p{L}\p{N}][\p{L}\p{N}'’.-]*/gu) || []).length;

  const equip = (editor) => {
    const dom = editor.view.dom;
    if (dom.dataset.bodyTools) return;
    dom.dataset.bodyTools = "true";
    editor.view.setProps({
      transformPastedHTML: (html) => html.replace(/<(\/?)h1(\s|>)/gi, "<$1h2$2"),
    });
    const bar = document.createElement("div");
    bar.className = "press-body-tools";
    const clear = document.createElement("button");
    clear.type = "button";
    clear.className = "button";
    clear.textContent = text.clear || "Clear formatting";
    clear.addEventListener("click", () => {
      editor.chain().focus().unsetAllMarks().clearNodes().run();
    });
    const count = document.createElement("p");
    count.className = "press-body-tools__count help";
    count.setAttribute("aria-live", "polite");
    const show = () => {
      const words = wordsIn(editor.getText());
      count.textContent =
        words === 1
          ? text.oneWord || "1 word"
          : (text.words || "%(count)s words").replace("%(count)s", words.toLocaleString());
    };
    editor.on("update", show);
    show();
    bar.append(clear, count);
    dom.closest(".prose-editor")?.after(bar);
    if (!form.contains(bar)) form.querySelector("textarea[name=body]").after(bar);
  };

  document.addEventListener("prose-editor:ready", (event) => {
    if (form.contains(event.detail.textarea) && event.detail.textarea.name === "body") {
      equip(event.detail.editor);
    }
  });
  // The editor may have started before this script ran.
  window.addEventListener("load", () => {
    const body = form.querySelector("textarea[name=body]");
    const dom = body && body.parentElement.querySelector(".tiptap.ProseMirror");
    if (dom && dom.editor) equip(dom.editor);
  });
}
