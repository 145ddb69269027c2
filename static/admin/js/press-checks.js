// Checks before submitting, run on the form as it is now (files left out): the list says
// what to look at, each item leading to its field.
"use strict";
{
  const panel = document.querySelector(".press-checks");
  const form = panel && panel.closest("form");
  if (panel && form) {
    const summary = panel.querySelector(".press-checks__summary");
    const list = panel.querySelector(".press-checks__list");
    const run = panel.querySelector(".press-checks__run");
    run.addEventListener("click", async () => {
      const data = new FormData(form);
      for (const [name, value] of [...data.entries()]) {
        if (value instanceof File) data.delete(name);
      }
      run.disabled = true;
      try {
        const response = await fetch(panel.dataset.url, {
          method: "POST",
          body: data,
          credentials: "same-origin",
        });
        if (!response.ok) throw new Error(String(response.status));
        const answer = await response.json();
        // The items are made by the server's templates, their text escaped there.
        list.innerHTML = answer.items.join("");
        summary.textContent = answer.summary;
      } catch {
        summary.textContent = panel.dataset.failed;
      } finally {
        run.disabled = false;
      }
    });
  }
}
