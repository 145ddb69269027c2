// The live preview: the public page as the unsaved form would make it, beside the form, at
// desktop or phone width. The fields (files left out) go to the server a moment after each
// change while the panel is open; the frame then loads the page made from them.
"use strict";
{
  const panel = document.getElementById("live-preview");
  const toggle = document.getElementById("live-preview-toggle");
  const form = panel && panel.closest("form");
  if (panel && toggle && form) {
    const frame = panel.querySelector(".live-preview__frame");
    const viewport = panel.querySelector(".live-preview__viewport");
    const status = document.getElementById("live-preview-status");
    const widths = { desktop: 1280, phone: 375 };
    let width = "desktop";
    let timer = null;
    let scroll = 0;

    // The page is laid out at the chosen width and scaled down to fit the panel.
    const fit = () => {
      const wanted = widths[width];
      const scale = Math.min(1, viewport.clientWidth / wanted);
      frame.style.width = `${wanted}px`;
      frame.style.height = `${viewport.clientHeight / scale}px`;
      frame.style.transform = `scale(${scale})`;
    };

    const fields = () => {
      const data = new FormData(form);
      for (const [name, value] of [...data.entries()]) {
        if (value instanceof File) data.delete(name);
      }
      return data;
    };
    const update = async () => {
      timer = null;
      try {
        const response = await fetch(panel.dataset.url, {
          method: "POST",
          body: fields(),
          credentials: "same-origin",
        });
        if (!response.ok) throw new Error(String(response.status));
        const answer = await response.json();
        scroll = frame.contentWindow ? frame.contentWindow.scrollY : 0;
        frame.src = answer.url;
        status.textContent = "";
      } catch {
        status.textContent = panel.dataset.failed;
      }
    };
    frame.addEventListener("load", () => {
      frame.contentWindow?.scrollTo(0, scroll);
    });
    const later = () => {
      if (panel.hidden) return;
      clearTimeout(timer);
      timer = setTimeout(update, 600);
    };
    form.addEventListener("input", later);
    form.addEventListener("change", later);

    const open = (shown) => {
      panel.hidden = !shown;
      toggle.setAttribute("aria-expanded", String(shown));
      document.body.classList.toggle("live-preview-open", shown);
      if (shown) {
        fit();
        update();
      } else {
        toggle.focus();
      }
    };
    toggle.addEventListener("click", () => open(panel.hidden));
    panel.querySelector(".live-preview__close").addEventListener("click", () => open(false));
    for (const button of panel.querySelectorAll("button[data-width]")) {
      button.addEventListener("click", () => {
        width = button.dataset.width;
        for (const other of panel.querySelectorAll("button[data-width]")) {
          other.setAttribute("aria-pressed", String(other === button));
        }
        fit();
      });
    }
    window.addEventListener("resize", () => {
      if (!panel.hidden) fit();
    });
  }
}
