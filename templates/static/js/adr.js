// adr.js: filters for the ADR index (adr/). The table lists every ADR and
// works without JavaScript; this script shows the filter form, hides rows
// that do not match the chosen status, tag and search text, and reorders
// rows by number or date. The choice is kept in the URL's #fragment
// ("#status=accepted&tag=security") so a filtered view can be linked; ADR
// pages link their tags that way.
(function () {
  'use strict';

  function init() {
    var form = document.querySelector('form[data-adr-filters]');
    var table = document.querySelector('table[data-adr-table]');
    if (!form || !table || !table.tBodies.length) {
      return;
    }
    var tbody = table.tBodies[0];
    var rows = Array.prototype.slice.call(tbody.rows);
    var status = form.elements.namedItem('status');
    var tag = form.elements.namedItem('tag');
    var q = form.elements.namedItem('q');
    var sort = form.elements.namedItem('sort');
    var count = form.querySelector('.count');
    var empty = document.querySelector('.adr-empty');
    form.hidden = false;

    function hasOption(select, value) {
      if (!select) {
        return false;
      }
      for (var i = 0; i < select.options.length; i++) {
        if (select.options[i].value === value) {
          return true;
        }
      }
      return false;
    }

    function fromHash() {
      var h = location.hash.replace(/^#/, '');
      if (!h || h.indexOf('=') < 0) {
        return;
      }
      h.split('&').forEach(function (kv) {
        var parts = kv.split('=');
        var v;
        try {
          v = decodeURIComponent(parts[1] || '');
        } catch (e) {
          return;
        }
        if (parts[0] === 'status' && hasOption(status, v)) {
          status.value = v;
        } else if (parts[0] === 'tag' && hasOption(tag, v)) {
          tag.value = v;
        } else if (parts[0] === 'sort' && hasOption(sort, v)) {
          sort.value = v;
        } else if (parts[0] === 'q' && q) {
          q.value = v;
        }
      });
    }

    function toHash() {
      var parts = [];
      if (status && status.value) {
        parts.push('status=' + encodeURIComponent(status.value));
      }
      if (tag && tag.value) {
        parts.push('tag=' + encodeURIComponent(tag.value));
      }
      if (q && q.value) {
        parts.push('q=' + encodeURIComponent(q.value));
      }
      if (sort && sort.value && sort.value !== 'id') {
        parts.push('sort=' + encodeURIComponent(sort.value));
      }
      var h = parts.length ? '#' + parts.join('&') : '';
      if (history.replaceState) {
        history.replaceState(null, '', h || location.pathname + location.search);
      }
    }

    function order(a, b) {
      var by = sort ? sort.value : 'id';
      var oa = +a.getAttribute('data-order');
      var ob = +b.getAttribute('data-order');
      if (by === 'id') {
        return oa - ob;
      }
      var da = a.getAttribute('data-date') || '';
      var db = b.getAttribute('data-date') || '';
      if (da === db) {
        return oa - ob;
      }
      if (!da) {
        return 1; // undated last either way
      }
      if (!db) {
        return -1;
      }
      return by === 'newest' ? (da < db ? 1 : -1) : (da < db ? -1 : 1);
    }

    function apply(updateURL) {
      var st = status ? status.value : '';
      var tg = tag ? tag.value : '';
      var text = q ? q.value.trim().toLowerCase() : '';
      var shown = 0;
      rows.forEach(function (row) {
        var ok = (!st || row.getAttribute('data-filter-status') === st) &&
          (!tg || (' ' + row.getAttribute('data-filter-tag') + ' ').indexOf(' ' + tg + ' ') >= 0) &&
          (!text || row.textContent.toLowerCase().indexOf(text) >= 0);
        row.hidden = !ok;
        if (ok) {
          shown++;
        }
      });
      rows.slice().sort(order).forEach(function (row) {
        tbody.appendChild(row);
      });
      if (count) {
        count.textContent = shown === rows.length ? rows.length + ' ADRs' : shown + ' of ' + rows.length + ' ADRs';
      }
      if (empty) {
        empty.hidden = shown > 0;
      }
      if (updateURL) {
        toHash();
      }
    }

    form.addEventListener('submit', function (e) {
      e.preventDefault();
    });
    form.addEventListener('change', function () {
      apply(true);
    });
    if (q) {
      q.addEventListener('input', function () {
        apply(true);
      });
    }
    window.addEventListener('hashchange', function () {
      fromHash();
      apply(false);
    });
    fromHash();
    apply(false);
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', init);
  } else {
    init();
  }
})();
