// The release editor keeps what is typed: it warns before leaving a form with unsaved
// changes, and sends the form's fields to the server every few seconds while they change
// (and once more when the tab is hidden), so a closed tab or a lost connection loses nothing.
// Files are not sent: an image is uploaded with the form itself.
"use strict";
{
  const config = document.getElementById("autosave-config");
  const form = config && config.closest("form");
  const status = document.getElementById("autosave-status");
  if (form) {
    // Changed since the page was loaded; a form sent back with errors holds unsaved text.
    let unsaved = document.querySelector(".errornote, .errorlist") !== null;
    let unsent = false; // changed since the last copy reached the server
    let submitting = false;
    const changed = (event) => {
      unsaved = true;
      unsent = unsent || event.target?.type !== "file";
    };
    form.addEventListener("input", changed);
    form.addEventListener("change", changed);
    form.addEventListener("submit", () => {
      submitting = true;
    });
    window.addEventListener("beforeunload", (event) => {
      if (unsaved && !submitting) {
        event.preventDefault();
        event.returnValue = "";
      }
    });

    const fields = () => {
      const data = new FormData(form);
      for (const [name, value] of [...data.entries()]) {
        if (value instanceof File) data.delete(name);
      }
      return data;
    };
    const send = async () => {
      if (!unsent || submitting) return;
      unsent = false;
      try {
        const response = await fetch(config.dataset.url, {
          method: "POST",
          body: fields(),
          credentials: "same-origin",
        });
        if (!response.ok) throw new Error(String(response.status));
        const answer = await response.json();
        status.textContent = answer.message;
      } catch {
        unsent = true;
        status.textContent = config.dataset.failed;
      }
    };
    setInterval(send, Number(config.dataset.interval) || 10000);
    document.addEventListener("visibilitychange", () => {
      if (document.visibilityState === "hidden" && unsent && !submitting) {
        unsent = !navigator.sendBeacon(config.dataset.url, fields());
      }
    });
  }
}
