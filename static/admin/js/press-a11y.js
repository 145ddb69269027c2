// Names for the release form's controls that the widgets create without one: the rich-text
// editor's text box, the autocomplete search boxes, and the hint icons of the two-list
// selector (Django puts aria-label on a bare span, which has no role to carry it).
"use strict";
{
  const form = document.getElementById("pressrelease_form");
  const labelText = (element) => {
    const row = element.closest(".form-row, .fieldBox, fieldset");
    const label = row && row.querySelector("label, legend");
    return label ? label.textContent.replace(/:\s*$/, "").trim() : "";
  };
  const name = () => {
    for (const box of form.querySelectorAll(".ProseMirror[contenteditable=true]:not([aria-label])")) {
      box.setAttribute("aria-label", labelText(box) || "Text");
      box.setAttribute("aria-multiline", "true");
    }
    for (const search of form.querySelectorAll(".select2-search__field:not([aria-label])")) {
      search.setAttribute("aria-label", labelText(search));
    }
    // A single-choice autocomplete is labelled by its own (possibly empty) selection: add
    // the field's label in front of it.
    for (const box of form.querySelectorAll(".select2-selection[role=combobox]:not([data-named])")) {
      const label = box.closest(".form-row, .fieldBox")?.querySelector("label");
      if (!label) continue;
      label.id ||= `${label.htmlFor || "field"}_label`;
      const own = box.getAttribute("aria-labelledby");
      box.setAttribute("aria-labelledby", own ? `${label.id} ${own}` : label.id);
      box.dataset.named = "true";
    }
    for (const shown of form.querySelectorAll(".select2-selection__rendered[role=textbox]:not([aria-label])")) {
      shown.setAttribute("aria-label", labelText(shown));
    }
    // A file input inside a fieldset is named by its legend, which axe does not count.
    for (const file of form.querySelectorAll("input[type=file]:not([aria-label])")) {
      if (!form.querySelector(`label[for="${file.id}"]`)) file.setAttribute("aria-label", labelText(file));
    }
    for (const hint of form.querySelectorAll("span.help-tooltip[aria-label]:not([role])")) {
      hint.setAttribute("role", "img");
    }
  };
  if (form) {
    name();
    new MutationObserver(name).observe(form, { childList: true, subtree: true });
  }
}
