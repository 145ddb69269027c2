// Site-wide progressive enhancement for the header menus (plain <details> without it):
// one menu open at a time, and Escape or a click elsewhere closes it.
(function () {
  "use strict";
  var menus = Array.prototype.slice.call(document.querySelectorAll(".site-nav__group"));
  if (!menus.length) {
    return;
  }
  menus.forEach(function (menu) {
    menu.addEventListener("toggle", function () {
      if (menu.open) {
        menus.forEach(function (other) {
          if (other !== menu) {
            other.open = false;
          }
        });
      }
    });
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") {
      return;
    }
    menus.forEach(function (menu) {
      if (menu.open) {
        menu.open = false;
        menu.querySelector("summary").focus();
      }
    });
  });
  document.addEventListener("click", function (event) {
    menus.forEach(function (menu) {
      if (menu.open && !menu.contains(event.target)) {
        menu.open = false;
      }
    });
  });
})();

// Videos in a release's text: a link until the reader asks for the player, which only then
// loads from the video site (website/videos.py).
(function () {
  "use strict";
  Array.prototype.forEach.call(document.querySelectorAll(".video-embed[data-player]"), function (figure) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "video-embed__play";
    button.textContent = figure.getAttribute("data-play");
    button.addEventListener("click", function () {
      var frame = document.createElement("iframe");
      frame.src = figure.getAttribute("data-player") + "?autoplay=1";
      frame.title = figure.getAttribute("data-title") || button.textContent;
      frame.setAttribute("allow", "autoplay; fullscreen; picture-in-picture");
      frame.setAttribute("allowfullscreen", "");
      frame.setAttribute("referrerpolicy", "strict-origin-when-cross-origin");
      frame.className = "video-embed__player";
      figure.replaceChildren(frame);
      frame.focus();
    });
    figure.appendChild(button);
  });
})();
