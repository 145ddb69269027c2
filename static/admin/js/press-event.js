// The event's fields matter only for a media advisory: shown when that type is chosen, hidden
// otherwise. Without this script the fieldset is always there (and ignored for other types).
"use strict";
{
  const type = document.getElementById("id_type");
  const fieldset = document.querySelector("fieldset.press-event");
  if (type && fieldset) {
    // A fieldset holding an error stays in view, whatever the type, so it can be corrected.
    const hasErrors = fieldset.querySelector(".errorlist") !== null;
    const show = () => {
      fieldset.hidden = type.value !== "media-advisory" && !hasErrors;
    };
    type.addEventListener("change", show);
    show();
  }
}
