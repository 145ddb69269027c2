// The lead image's focal point: a click on the image (or the two number fields) sets the
// point every cropped copy keeps in view. A file just chosen shows here at once, with its
// size and weight, before the form is saved.
"use strict";
{
  const panel = document.querySelector(".press-focus");
  const across = document.getElementById("id_image_focus_x");
  const down = document.getElementById("id_image_focus_y");
  const file = document.getElementById("id_image");
  if (panel && across && down) {
    const frame = panel.querySelector(".press-focus__frame");
    const marker = panel.querySelector(".press-focus__marker");
    const facts = panel.querySelector(".press-focus__facts");
    const place = () => {
      marker.style.left = `${Number(across.value) || 0}%`;
      marker.style.top = `${Number(down.value) || 0}%`;
    };
    const set = (x, y) => {
      across.value = String(Math.round(Math.min(100, Math.max(0, x))));
      down.value = String(Math.round(Math.min(100, Math.max(0, y))));
      // Other scripts (unsaved-changes warning, autosave, live preview) listen for input.
      across.dispatchEvent(new Event("input", { bubbles: true }));
      place();
    };
    frame.addEventListener("click", (event) => {
      const image = frame.querySelector("img");
      if (!image) return;
      const box = image.getBoundingClientRect();
      set(((event.clientX - box.left) / box.width) * 100, ((event.clientY - box.top) / box.height) * 100);
    });
    across.addEventListener("input", place);
    down.addEventListener("input", place);

    const weight = (bytes) =>
      bytes >= 1048576 ? `${(bytes / 1048576).toFixed(1)} MB` : `${Math.round(bytes / 1024)} KB`;
    file?.addEventListener("change", () => {
      const chosen = file.files && file.files[0];
      if (!chosen || !chosen.type.startsWith("image/")) return;
      let image = frame.querySelector("img");
      if (!image) {
        image = document.createElement("img");
        frame.prepend(image);
      }
      image.alt = panel.dataset.alt;
      image.removeAttribute("width");
      image.removeAttribute("height");
      image.addEventListener(
        "load",
        () => {
          facts.textContent = `${image.naturalWidth} × ${image.naturalHeight} pixels, ${weight(chosen.size)}`;
        },
        { once: true },
      );
      image.src = URL.createObjectURL(chosen);
      marker.hidden = false;
      set(50, 50);
    });
  }
}
