// Search: loads assets/search-index.js on first use (a script, so it works
// from file:// too), and the other parts of a large site's index it names
// (assets/search-index-N.js), and matches the query's terms against them,
// the last term as a prefix. "/" focuses the box; arrows and Enter navigate.
(function () {
  "use strict";
  var input = document.getElementById("search-input");
  var list = document.getElementById("search-results");
  if (!input || !list) return;
  var root = document.body.getAttribute("data-root") || "";
  // parts[i] is part i of the index; terms[i] its terms, sorted.
  var parts = null, terms = null, loading = false, pending = null, selected = -1, results = [];

  // script loads a script of the index. One that does not load (a site
  // published without it) is reported in the results rather than leaving
  // the box silent, and the next keystroke tries again.
  function script(src, onload) {
    var s = document.createElement("script");
    s.src = root + src;
    s.onload = onload;
    s.onerror = function () { failed(src); };
    document.head.appendChild(s);
  }
  function failed(src) {
    loading = false;
    list.textContent = "";
    var li = document.createElement("li");
    li.className = "muted search-error";
    li.textContent = "Search is unavailable: " + src + " did not load.";
    list.appendChild(li);
    list.hidden = false;
    input.setAttribute("aria-expanded", "true");
  }
  // load calls then once every part of the index is in; a call made while
  // they load replaces the one before, so the latest query is answered.
  function load(then) {
    if (parts) { then(); return; }
    pending = then;
    if (loading) return;
    loading = true;
    script("assets/search-index.js", function () {
      var n = window.ALMANAC_SEARCH.parts || 1, left = n - 1;
      var done = function () {
        parts = [window.ALMANAC_SEARCH];
        for (var i = 1; i < n; i++) parts.push(window.ALMANAC_SEARCH_PARTS[i]);
        terms = parts.map(function (idx) { return Object.keys(idx.terms).sort(); });
        pending();
      };
      if (!left) { done(); return; }
      for (var i = 1; i < n; i++) script("assets/search-index-" + i + ".js", function () { if (--left === 0) done(); });
    });
  }
  function tokens(q) {
    return q.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(function (t) { return t.length >= 2; });
  }
  // scores returns the summed weight of each document of part p that
  // matches every query term, or null when the query has none.
  function scores(p, qs) {
    var idx = parts[p], sorted = terms[p], out = null;
    qs.forEach(function (qt, i) {
      var cur = {}, last = i === qs.length - 1;
      // Binary search for the first term >= qt, then walk the prefix range.
      var lo = 0, hi = sorted.length;
      while (lo < hi) { var mid = (lo + hi) >> 1; if (sorted[mid] < qt) lo = mid + 1; else hi = mid; }
      for (var j = lo; j < sorted.length; j++) {
        var t = sorted[j];
        if (t !== qt && !(last && t.indexOf(qt) === 0)) break;
        var post = idx.terms[t];
        for (var k = 0; k + 1 < post.length; k += 2) cur[post[k]] = (cur[post[k]] || 0) + post[k + 1];
      }
      if (out === null) { out = cur; return; }
      Object.keys(out).forEach(function (d) { if (cur[d]) out[d] += cur[d]; else delete out[d]; });
    });
    return out;
  }
  // lookup ranks the documents of every part by weight, then by their
  // order in the site: a document's terms are all in its own part.
  function lookup(q) {
    var qs = tokens(q), hits = [];
    if (!qs.length) return [];
    parts.forEach(function (idx, p) {
      var s = scores(p, qs);
      Object.keys(s).forEach(function (d) { hits.push([s[d], p, +d]); });
    });
    hits.sort(function (a, b) { return b[0] - a[0] || a[1] - b[1] || a[2] - b[2]; });
    return hits.slice(0, 12).map(function (h) { return parts[h[1]].docs[h[2]]; });
  }
  function highlight(text, q) {
    var frag = document.createDocumentFragment(), qs = tokens(q);
    if (!qs.length) { frag.appendChild(document.createTextNode(text)); return frag; }
    var re = new RegExp("(" + qs.map(function (t) { return t.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); }).join("|") + ")", "ig");
    var last = 0, m;
    while ((m = re.exec(text)) !== null) {
      frag.appendChild(document.createTextNode(text.slice(last, m.index)));
      var mark = document.createElement("mark"); mark.textContent = m[0]; frag.appendChild(mark);
      last = m.index + m[0].length;
    }
    frag.appendChild(document.createTextNode(text.slice(last)));
    return frag;
  }
  function render(q) {
    results = q.trim() ? lookup(q) : [];
    selected = -1;
    list.textContent = "";
    results.forEach(function (d, i) {
      var li = document.createElement("li"), a = document.createElement("a");
      li.setAttribute("role", "option"); li.id = "search-result-" + i;
      var href = root + d.u;
      if (location.protocol === "file:" && (href === "" || href.slice(-1) === "/")) href += "index.html";
      a.href = href || "./";
      var kind = document.createElement("span"); kind.className = "kind"; kind.textContent = d.k;
      a.appendChild(kind); a.appendChild(highlight(d.t, q));
      if (d.b) { var b = document.createElement("span"); b.className = "badge badge-" + d.b.toLowerCase().replace(/[^a-z0-9]+/g, "-"); b.textContent = d.b; a.appendChild(document.createTextNode(" ")); a.appendChild(b); }
      if (d.s) { var s = document.createElement("span"); s.className = "snippet"; s.appendChild(highlight(d.s, q)); a.appendChild(s); }
      li.appendChild(a); list.appendChild(li);
    });
    if (q.trim() && !results.length) {
      var none = document.createElement("li"); none.className = "muted"; none.textContent = "No pages match."; list.appendChild(none);
    }
    list.hidden = !q.trim();
    input.setAttribute("aria-expanded", list.hidden ? "false" : "true");
  }
  function select(i) {
    var items = list.querySelectorAll("li[role=option]");
    if (!items.length) return;
    selected = (i + items.length) % items.length;
    items.forEach(function (li, j) { li.setAttribute("aria-selected", j === selected ? "true" : "false"); });
    input.setAttribute("aria-activedescendant", items[selected].id);
    items[selected].scrollIntoView({ block: "nearest" });
  }
  // Results open in place; the form never submits (there is no server).
  input.form.addEventListener("submit", function (e) { e.preventDefault(); });
  input.addEventListener("focus", function () { load(function () {}); });
  input.addEventListener("input", function () { load(function () { render(input.value); }); });
  input.addEventListener("keydown", function (e) {
    if (e.key === "ArrowDown") { e.preventDefault(); select(selected + 1); }
    else if (e.key === "ArrowUp") { e.preventDefault(); select(selected - 1); }
    else if (e.key === "Enter") {
      e.preventDefault();
      var items = list.querySelectorAll("li[role=option] a");
      var a = items[selected >= 0 ? selected : 0];
      if (a) location.href = a.href;
    } else if (e.key === "Escape") { list.hidden = true; input.blur(); }
  });
  document.addEventListener("keydown", function (e) {
    if (e.key === "/" && document.activeElement !== input && !/^(INPUT|TEXTAREA|SELECT)$/.test(document.activeElement.tagName) && !document.activeElement.isContentEditable) {
      e.preventDefault(); input.focus();
    }
  });
  document.addEventListener("click", function (e) { if (!input.form.contains(e.target)) list.hidden = true; });
})();
