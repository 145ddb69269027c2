// Suggests countries, fields of work, structures and meeting series named in the release's
// text, each as a one-click addition to the matching autocomplete field. It only ever adds:
// the author's own choices are never removed or replaced.
"use strict";
{
  const KINDS = {
    countries: "id_countries",
    fields_of_work: "id_fields_of_work",
    structures: "id_structures",
    meeting_series: "id_meeting_series",
  };

  function selectedIds(select) {
    return new Set(Array.from(select.selectedOptions, (option) => option.value));
  }

  function addTerm(select, term) {
    let option = Array.from(select.options).find((o) => o.value === String(term.id));
    if (!option) {
      option = new Option(term.name, term.id, true, true);
      select.append(option);
    }
    option.selected = true;
    // The autocomplete widget (select2) redraws on jQuery's change event.
    if (window.django && window.django.jQuery) {
      window.django.jQuery(select).trigger("change");
    } else {
      select.dispatchEvent(new Event("change", { bubbles: true }));
    }
  }

  function render(panel, data) {
    const list = panel.querySelector(".press-suggestions__list");
    const status = panel.querySelector(".press-suggestions__status");
    list.replaceChildren();
    let count = 0;
    for (const [kind, selectId] of Object.entries(KINDS)) {
      const select = document.getElementById(selectId);
      if (!select) continue;
      const chosen = selectedIds(select);
      const label = document.querySelector(`label[for="${selectId}"]`);
      for (const term of data[kind] || []) {
        if (chosen.has(String(term.id))) continue;
        const item = document.createElement("li");
        const button = document.createElement("button");
        button.type = "button";
        button.className = "button press-suggestions__add";
        button.dataset.kind = kind;
        button.textContent = `+ ${term.name}`;
        button.title = `${label ? label.textContent.replace(/:$/, "") : kind}: ${term.because.join(", ")}`;
        button.addEventListener("click", () => {
          addTerm(select, term);
          item.remove();
        });
        item.append(button);
        list.append(item);
        count += 1;
      }
    }
    status.textContent = count
      ? window.gettext("Click a term to add it.")
      : window.gettext("No further terms found in the text.");
  }

  async function suggest(panel) {
    const form = panel.closest("form");
    const status = panel.querySelector(".press-suggestions__status");
    const body = new FormData();
    for (const name of ["title", "lead", "body"]) {
      const field = form.elements.namedItem(name);
      body.append(name, field ? field.value : "");
    }
    status.textContent = window.gettext("Looking for terms…");
    try {
      const response = await fetch(panel.dataset.url, {
        method: "POST",
        body,
        credentials: "same-origin",
        headers: { "X-CSRFToken": form.elements.namedItem("csrfmiddlewaretoken").value },
      });
      if (!response.ok) throw new Error(String(response.status));
      render(panel, await response.json());
    } catch {
      status.textContent = window.gettext("Suggestions are not available right now.");
    }
  }

  document.addEventListener("DOMContentLoaded", () => {
    for (const panel of document.querySelectorAll(".press-suggestions")) {
      panel.querySelector(".press-suggestions__run").addEventListener("click", () => suggest(panel));
    }
  });
}
