// Who is editing: the release editor reports in while it is open, so colleagues opening the
// same release see "X is editing since 10:42", and says so here when someone takes over.
// The page lets go when it is closed; one that stops reporting lets go by itself.
"use strict";
{
  const config = document.getElementById("editing-config");
  const status = document.getElementById("editing-status");
  const notice = config && config.nextElementSibling;
  const takeOver = notice && notice.querySelector(".editing-notice__take-over");
  if (config && status) {
    let mine = takeOver ? takeOver.hidden : true;
    const token = () => document.querySelector("[name=csrfmiddlewaretoken]")?.value || "";
    const body = () => {
      const data = new FormData();
      data.append("csrfmiddlewaretoken", token());
      return data;
    };
    const show = (answer) => {
      mine = answer.mine;
      if (answer.message !== status.textContent) status.textContent = answer.message;
      notice.classList.toggle("editing-notice--quiet", mine);
      if (takeOver) takeOver.hidden = mine;
    };
    const report = async () => {
      try {
        const response = await fetch(config.dataset.heartbeat, {
          method: "POST",
          body: body(),
          credentials: "same-origin",
        });
        if (response.ok) show(await response.json());
      } catch {
        // Offline for a moment: the next report tries again.
      }
    };
    setInterval(report, Number(config.dataset.interval) || 30000);
    // Saving reloads the form, which holds the release again: only leaving lets go.
    let saving = false;
    document.getElementById("pressrelease_form")?.addEventListener(
      "submit",
      () => {
        saving = true;
      },
    );
    window.addEventListener("pagehide", () => {
      if (mine && !saving) navigator.sendBeacon(config.dataset.leave, body());
    });
  }
}
