// Live reload for `almanac serve`. The server adds this script to the HTML
// pages it serves; published sites never carry it. data-build on the tag
// is the build the page came from.
(function () {
  "use strict";
  var me = document.currentScript;
  var build = me ? Number(me.getAttribute("data-build")) : 0;
  if (!window.EventSource) return;
  var box = null;
  var es = new EventSource("/_almanac/events");

  function data(e) {
    try { return JSON.parse(e.data); } catch (_) { return {}; }
  }
  es.addEventListener("hello", function (e) {
    var d = data(e);
    if (d.build !== build) { location.reload(); return; }
    if (d.errors && d.errors.length) show(d.errors); else hide();
  });
  es.addEventListener("reload", function (e) {
    if (data(e).build !== build) location.reload();
  });
  es.addEventListener("css", function (e) {
    var d = data(e);
    if (d.from !== build) { location.reload(); return; }
    build = d.build;
    hide();
    swapStyles(d.build);
  });
  es.addEventListener("build-error", function (e) {
    show(data(e).errors || []);
  });

  // swapStyles reloads the page's own stylesheets in place.
  function swapStyles(v) {
    var links = document.querySelectorAll('link[rel="stylesheet"]');
    for (var i = 0; i < links.length; i++) {
      var old = links[i], u = new URL(old.href, location.href);
      if (u.origin !== location.origin) continue;
      u.searchParams.set("almanac-build", v);
      var n = old.cloneNode();
      n.href = u.href;
      n.onload = n.onerror = remover(old);
      old.parentNode.insertBefore(n, old.nextSibling);
    }
  }
  function remover(el) {
    return function () { if (el.parentNode) el.parentNode.removeChild(el); };
  }

  function hide() {
    if (box) { box.parentNode.removeChild(box); box = null; }
  }
  // show lists the errors of a failed build over the page. Text only:
  // messages quote the handbook and are never parsed as HTML.
  function show(errors) {
    hide();
    box = document.createElement("div");
    box.id = "almanac-build-errors";
    box.setAttribute("role", "alert");
    box.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;padding:2rem;" +
      "background:rgba(20,20,24,.94);color:#fff;font:14px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace";
    var h = document.createElement("p");
    h.style.cssText = "margin:0 0 1rem;font-size:16px;font-weight:bold;color:#ff8a80";
    h.textContent = "Build failed — the site below is the last good build. Fix these and save:";
    var pre = document.createElement("pre");
    pre.style.cssText = "margin:0;white-space:pre-wrap;word-break:break-word";
    pre.textContent = errors.join("\n");
    var close = document.createElement("button");
    close.type = "button";
    close.textContent = "Hide";
    close.style.cssText = "position:absolute;top:1rem;right:1rem";
    close.onclick = hide;
    box.appendChild(h);
    box.appendChild(pre);
    box.appendChild(close);
    document.body.appendChild(box);
  }
})();
