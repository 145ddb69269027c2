// The press release listing without page reloads: a filter change fetches the part of the page
// that depends on the filters and puts the new address in the address bar. Without this
// script the same form submits normally.
(function () {
  "use strict";
  // Where ::details-content is unknown, CSS cannot show a closed panel's filters on a
  // wide screen: open the panel there instead.
  var panel = document.getElementById("filters-panel");
  if (
    panel && window.CSS && CSS.supports && !CSS.supports("selector(::details-content)") &&
    window.matchMedia("(min-width: 56rem)").matches
  ) {
    panel.open = true;
  }
  var region = document.getElementById("listing");
  var status = document.getElementById("listing-status");
  if (!region || !window.fetch || !window.history || !window.URLSearchParams) {
    return;
  }
  var base = region.getAttribute("data-listing-url");
  var pending = null;

  function queryOf(form) {
    var params = new URLSearchParams();
    new FormData(form).forEach(function (value, key) {
      if (typeof value === "string" && value.trim() !== "") {
        params.append(key, value.trim());
      }
    });
    return params.toString();
  }

  function load(url, push) {
    if (pending) {
      pending.abort();
    }
    pending = new AbortController();
    var focused = document.activeElement && document.activeElement.id;
    // The filters' panel and the facets the reader opened stay open in the new form.
    var opened = Array.prototype.map.call(
      region.querySelectorAll("details[open][id]"),
      function (facet) {
        return facet.id;
      }
    );
    region.setAttribute("aria-busy", "true");
    return fetch(url, {
      headers: { "X-Partial": "listing" },
      credentials: "same-origin",
      signal: pending.signal,
    })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("HTTP " + response.status);
        }
        return response.text();
      })
      .then(function (html) {
        region.innerHTML = html;
        region.removeAttribute("aria-busy");
        opened.forEach(function (id) {
          var facet = document.getElementById(id);
          if (facet) {
            facet.open = true;
          }
        });
        var layout = region.querySelector("[data-canonical-query]");
        var query = layout ? layout.getAttribute("data-canonical-query") : "";
        var address = base + (query ? "?" + query : "");
        if (push) {
          window.history.pushState({ listing: true }, "", address);
        }
        if (layout && layout.getAttribute("data-title")) {
          document.title = layout.getAttribute("data-title");
        }
        var count = region.querySelector(".results__count");
        if (status && count) {
          status.textContent = count.textContent;
        }
        var again = focused && document.getElementById(focused);
        if (again) {
          again.focus();
        }
      })
      .catch(function (error) {
        if (error.name !== "AbortError") {
          // Fall back to an ordinary page load: the server renders the same list.
          window.location.href = url;
        }
      });
  }

  region.addEventListener("change", function (event) {
    var form = event.target.form;
    if (form && form.id === "release-filters" && event.target.type !== "search") {
      var query = queryOf(form);
      load(base + (query ? "?" + query : ""), true);
    }
  });

  region.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.id === "release-filters") {
      event.preventDefault();
      var query = queryOf(form);
      load(base + (query ? "?" + query : ""), true);
    }
  });

  region.addEventListener("click", function (event) {
    var link = event.target.closest("a[data-listing-link]");
    if (!link || event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) {
      return;
    }
    event.preventDefault();
    load(link.href, true).then(function () {
      var heading = document.getElementById("results-heading");
      if (heading) {
        heading.setAttribute("tabindex", "-1");
        heading.focus();
      }
    });
  });

  window.addEventListener("popstate", function () {
    load(window.location.href, false);
  });
})();
