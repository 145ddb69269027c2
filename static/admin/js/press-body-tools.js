// Tools under the body's editor: a word count, a "Clear formatting" button, pasted
// top-level headings (Word's Title and Heading 1 arrive as <h1>, which the body does not
// allow) kept as section headings instead of turning into plain paragraphs, and a dialog
// that finds another release by its title and links to it.
"use strict";
{
  const form = document.getElementById("pressrelease_form");
  const text = document.getElementById("body-tools-config")?.dataset || {};
  const wordsIn = (text) => (text.match(/[\p{L}\p{N}][\p{L}\p{N}'’.-]*/gu) || []).length;

  const toolButton = (label, onClick) => {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "button";
    button.textContent = label;
    button.addEventListener("click", onClick);
    return button;
  };

  // "Link to a release": the words typed are looked up as the author types (after a pause,
  // and only the answer to the latest words is shown); a chosen release links the selected
  // text, or its own title when nothing is selected.
  const linkDialog = (editor) => {
    const dialog = document.getElementById("release-link-dialog");
    if (!dialog) return null;
    const input = dialog.querySelector("input[type=search]");
    const status = dialog.querySelector("[role=status]");
    const results = dialog.querySelector(".body-dialog__results");
    let asked = 0;
    let timer = null;

    const choose = (release) => {
      dialog.close();
      const chain = editor.chain().focus();
      if (editor.state.selection.empty) {
        chain
          .insertContent([
            { type: "text", text: release.title, marks: [{ type: "link", attrs: { href: release.url } }] },
            { type: "text", text: " " },
          ])
          .run();
      } else {
        chain.extendMarkRange("link").setLink({ href: release.url }).run();
      }
    };

    const show = (found) => {
      results.replaceChildren();
      status.textContent = found.length
        ? (found.length === 1 ? dialog.dataset.one : dialog.dataset.many).replace("%(count)s", found.length)
        : dialog.dataset.none;
      for (const release of found) {
        const item = document.createElement("li");
        const button = document.createElement("button");
        button.type = "button";
        button.className = "body-dialog__choice";
        const title = document.createElement("span");
        title.className = "body-dialog__title";
        title.textContent = release.title;
        const about = document.createElement("span");
        about.className = "body-dialog__about";
        about.textContent = release.public
          ? `${release.date} · ${release.status}`
          : `${release.date} · ${release.status} – ${dialog.dataset.notPublic}`;
        button.append(title, about);
        button.addEventListener("click", () => choose(release));
        item.append(button);
        results.append(item);
      }
    };

    const search = async () => {
      const words = input.value.trim();
      const mine = ++asked;
      if (!words) {
        results.replaceChildren();
        status.textContent = "";
        return;
      }
      try {
        const response = await fetch(`${dialog.dataset.url}?${new URLSearchParams({ q: words })}`, {
          headers: { Accept: "application/json" },
          credentials: "same-origin",
        });
        if (!response.ok) throw new Error(response.status);
        const answer = await response.json();
        if (mine === asked) show(answer.results);
      } catch {
        if (mine === asked) status.textContent = dialog.dataset.failed;
      }
    };

    input.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(search, 250);
    });
    // Enter searches at once; it must not submit the release form around the dialog.
    input.addEventListener("keydown", (event) => {
      if (event.key === "Enter") {
        event.preventDefault();
        clearTimeout(timer);
        search();
      }
    });
    dialog.querySelector("[data-close]").addEventListener("click", () => dialog.close());
    return () => {
      const { from, to } = editor.state.selection;
      input.value = editor.state.doc.textBetween(from, to, " ").slice(0, 100);
      dialog.showModal();
      input.select();
      if (input.value) search();
    };
  };

  // "Insert an image": one of the release's own images, never without a description (the
  // field is required; the server refuses an undescribed image too, and names it).
  const imageDialog = (editor) => {
    const dialog = document.getElementById("body-image-dialog");
    if (!dialog) return null;
    const alt = dialog.querySelector("#body-image-alt");
    const chosen = () => dialog.querySelector("input[name=body-image]:checked");
    dialog.querySelectorAll("input[name=body-image]").forEach((radio) =>
      radio.addEventListener("change", () => {
        if (!alt.value.trim()) alt.value = radio.dataset.alt;
      }),
    );
    dialog.querySelector("[data-close]").addEventListener("click", () => dialog.close());
    dialog.querySelector("form")?.addEventListener("submit", (event) => {
      event.preventDefault();
      const description = alt.value.trim().replace(/\s+/g, " ");
      const image = chosen();
      if (!description || !image) {
        alt.reportValidity();
        return;
      }
      dialog.close();
      editor.chain().focus().insertContent({ type: "image", attrs: { src: image.value, alt: description } }).run();
    });
    return () => {
      const image = chosen();
      if (alt && image) alt.value = image.dataset.alt;
      dialog.showModal();
      alt?.select();
    };
  };

  const equip = (editor) => {
    const dom = editor.view.dom;
    if (dom.dataset.bodyTools) return;
    dom.dataset.bodyTools = "true";
    editor.view.setProps({
      transformPastedHTML: (html) => html.replace(/<(\/?)h1(\s|>)/gi, "<$1h2$2"),
      // Pasted HTML arrives "open" at its start, so a leading heading pasted after some
      // text would merge into that paragraph and lose its level; closed, it splits the
      // paragraph and stays a heading, as it does in a word processor.
      transformPasted: (slice) =>
        slice.openStart > 0 && slice.content.firstChild?.type.name === "heading"
          ? new slice.constructor(slice.content, 0, slice.openEnd)
          : slice,
    });
    const bar = document.createElement("div");
    bar.className = "press-body-tools";
    const clear = toolButton(text.clear || "Clear formatting", () => {
      editor.chain().focus().unsetAllMarks().clearNodes().run();
    });
    const openLinkDialog = linkDialog(editor);
    const tools = [clear];
    if (openLinkDialog) tools.push(toolButton(text.linkRelease || "Link to a release", openLinkDialog));
    const openImageDialog = imageDialog(editor);
    if (openImageDialog) tools.push(toolButton(text.insertImage || "Insert an image", openImageDialog));
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
    bar.append(...tools, count);
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
