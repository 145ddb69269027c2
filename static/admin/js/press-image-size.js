// The release form's lead image: a file over the size limit is said at once, when it is
// chosen, and the form cannot be sent with it (the server would refuse the whole request and
// the author would have to go back). The limit comes from the field (data-max-bytes).
(function () {
  "use strict";

  function megabytes(bytes) {
    return (bytes / 1048576).toFixed(1).replace(/\.0$/, "");
  }

  function check(input, status) {
    var limit = Number(input.dataset.maxBytes);
    var file = input.files && input.files[0];
    if (file && limit && file.size > limit) {
      var message =
        "“" + file.name + "” is " + megabytes(file.size) + " MB; the limit is " +
        megabytes(limit) + " MB. Choose a smaller image (export it again at a lower size " +
        "or quality).";
      input.setCustomValidity(message);
      input.setAttribute("aria-invalid", "true");
      status.textContent = message;
      status.hidden = false;
      input.reportValidity();
    } else {
      input.setCustomValidity("");
      input.removeAttribute("aria-invalid");
      status.textContent = "";
      status.hidden = true;
    }
  }

  document.querySelectorAll("input[type=file][data-max-bytes]").forEach(function (input) {
    var status = document.createElement("p");
    status.className = "errornote press-image-size";
    status.id = input.id + "-size";
    status.setAttribute("role", "alert");
    status.hidden = true;
    input.insertAdjacentElement("afterend", status);
    var described = input.getAttribute("aria-describedby");
    input.setAttribute("aria-describedby", (described ? described + " " : "") + status.id);
    input.addEventListener("change", function () {
      check(input, status);
    });
    check(input, status);
  });
})();
