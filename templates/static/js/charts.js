/*
 * charts.js: draws the charts rendered by generator/chart.
 *
 * Every chart is a <div class="chart" id="ID" data-height="N"> followed by
 * <script type="application/json" id="ID-data"> holding its ECharts option.
 * The option is parsed with JSON.parse, never evaluated. Charts follow the
 * colour scheme (prefers-color-scheme, or data-theme="dark"/"light" on
 * <html> when the site sets one), resize with their container, and skip
 * animation when the reader prefers reduced motion. A node whose data
 * carries a "url" (relative, or http(s)) is a link.
 *
 * Before printing, the charts' data tables (<details class="chart-data">)
 * are opened so that the numbers are printed too.
 *
 * Pages without charts do not load echarts; then this script only opens
 * data tables for printing.
 */
(function () {
  "use strict";

  var started = [];
  var media = typeof window.matchMedia === "function" ? window.matchMedia.bind(window) : null;
  var darkQuery = media ? media("(prefers-color-scheme: dark)") : null;
  var motionQuery = media ? media("(prefers-reduced-motion: reduce)") : null;

  function theme() {
    var forced = document.documentElement.getAttribute("data-theme");
    if (forced === "dark") return "dark";
    if (forced === "light") return null;
    return darkQuery && darkQuery.matches ? "dark" : null;
  }

  function readOption(el) {
    var block = document.getElementById(el.id + "-data");
    if (!block) return null;
    try {
      return JSON.parse(block.textContent);
    } catch (e) {
      if (window.console) console.error("chart " + el.id + ": bad option JSON", e);
      return null;
    }
  }

  // safeURL resolves a node link against the page and accepts only http(s),
  // or file: when the handbook itself is opened from disk.
  function safeURL(raw) {
    if (typeof raw !== "string" || raw === "") return null;
    var u;
    try {
      u = new URL(raw, document.baseURI);
    } catch (e) {
      return null;
    }
    if (u.protocol === "http:" || u.protocol === "https:") return u.href;
    if (u.protocol === "file:" && window.location.protocol === "file:") return u.href;
    return null;
  }

  function draw(entry) {
    var option = readOption(entry.el); // a fresh copy every time
    if (!option) return;
    if (motionQuery && motionQuery.matches) option.animation = false;
    var chart = window.echarts.init(entry.el, theme());
    chart.setOption(option);
    chart.on("click", function (params) {
      var href = params && params.data && safeURL(params.data.url);
      if (href) window.location.href = href;
    });
    entry.chart = chart;
  }

  function redraw() {
    for (var i = 0; i < started.length; i++) {
      if (started[i].chart) started[i].chart.dispose();
      draw(started[i]);
    }
  }

  var pending = false;
  function resize() {
    if (pending) return;
    pending = true;
    var run = function () {
      pending = false;
      for (var i = 0; i < started.length; i++) {
        if (started[i].chart) started[i].chart.resize();
      }
    };
    if (window.requestAnimationFrame) window.requestAnimationFrame(run);
    else setTimeout(run, 50);
  }

  var observer = typeof window.ResizeObserver === "function" ? new window.ResizeObserver(resize) : null;
  var listening = false;

  function listen() {
    if (listening) return;
    listening = true;
    window.addEventListener("resize", resize);
    if (darkQuery) {
      if (darkQuery.addEventListener) darkQuery.addEventListener("change", redraw);
      else if (darkQuery.addListener) darkQuery.addListener(redraw);
    }
    if (typeof window.MutationObserver === "function") {
      new window.MutationObserver(redraw).observe(document.documentElement, {
        attributes: true,
        attributeFilter: ["data-theme"]
      });
    }
    window.addEventListener("beforeprint", resize);
  }

  function start() {
    if (!window.echarts) return; // no chart on this page, or echarts missing
    var els = document.querySelectorAll("div.chart[id]");
    for (var i = 0; i < els.length; i++) {
      var el = els[i];
      if (el.getAttribute("data-chart-started") === "1") continue;
      el.setAttribute("data-chart-started", "1");
      var height = parseInt(el.getAttribute("data-height"), 10);
      if (height > 0 && !el.style.height) el.style.height = height + "px";
      var entry = { el: el, chart: null };
      started.push(entry);
      draw(entry);
      if (observer) observer.observe(el);
    }
    if (started.length) listen();
  }

  // Print the data tables too: open every closed chart data <details>
  // before printing and close them again afterwards.
  var openedForPrint = [];
  window.addEventListener("beforeprint", function () {
    var all = document.querySelectorAll("details.chart-data");
    for (var i = 0; i < all.length; i++) {
      if (!all[i].open) {
        all[i].open = true;
        openedForPrint.push(all[i]);
      }
    }
  });
  window.addEventListener("afterprint", function () {
    for (var i = 0; i < openedForPrint.length; i++) openedForPrint[i].open = false;
    openedForPrint = [];
  });

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
  // echarts may arrive after this script (async or late script tags).
  window.addEventListener("load", start);
})();
