// Almanac site script: small helpers every page needs. No dependencies.
(function () {
  "use strict";
  // Opened from disk, a link to "dir/" shows a folder listing instead of
  // the page: point such links at dir/index.html.
  if (location.protocol === "file:") {
    document.querySelectorAll("a[href]").forEach(function (a) {
      var href = a.getAttribute("href");
      if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.charAt(0) === "#") return;
      var m = href.match(/^([^?#]*)(.*)$/);
      if (m[1] === "" ) return;
      if (m[1].slice(-1) === "/") a.setAttribute("href", m[1] + "index.html" + m[2]);
      else if (m[1] === "." || m[1] === "..") a.setAttribute("href", m[1] + "/index.html" + m[2]);
    });
  }
  var toggle = document.querySelector(".nav-toggle");
  var nav = document.getElementById("site-nav");
  if (toggle && nav) {
    toggle.addEventListener("click", function () {
      var open = nav.classList.toggle("open");
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
    });
  }
})();
