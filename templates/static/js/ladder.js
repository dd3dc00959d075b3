// ladder.js: the "compare two levels" page of a role ladder
// (ladders/<id>/compare/). The page holds every level's expectations as
// columns of one table, so it works offline and without JavaScript (all
// levels shown); this script shows the two levels chosen in the form, side
// by side, and marks the competencies whose expectations differ. The
// choice is kept in the URL's #fragment ("#E3,E5") so it can be linked.
(function () {
  'use strict';

  function init() {
    var form = document.querySelector('form[data-ladder-compare]');
    var table = document.querySelector('table.ladder-compare');
    if (!form || !table) {
      return;
    }
    var a = form.elements.namedItem('a');
    var b = form.elements.namedItem('b');
    var diff = form.elements.namedItem('diff');
    var summary = document.querySelector('.ladder-compare-summary');
    if (!a || !b) {
      return;
    }
    var levels = [];
    for (var i = 0; i < a.options.length; i++) {
      levels.push(a.options[i].value);
    }

    function fromHash() {
      var h = location.hash.replace(/^#/, '');
      try {
        h = decodeURIComponent(h);
      } catch (e) {
        return;
      }
      var parts = h.split(',');
      if (parts.length === 2 && levels.indexOf(parts[0]) >= 0 && levels.indexOf(parts[1]) >= 0) {
        a.value = parts[0];
        b.value = parts[1];
      }
    }

    function apply(updateURL) {
      var la = a.value;
      var lb = b.value;
      var differ = 0;
      var same = 0;
      table.classList.add('ladder-comparing');
      for (var r = 0; r < table.rows.length; r++) {
        var row = table.rows[r];
        var cells = row.querySelectorAll('[data-level]');
        var ca = null;
        var cb = null;
        for (var j = 0; j < cells.length; j++) {
          var lv = cells[j].getAttribute('data-level');
          cells[j].hidden = lv !== la && lv !== lb;
          if (lv === la) {
            ca = cells[j];
          }
          if (lv === lb) {
            cb = cells[j];
          }
        }
        // Left column first, whatever the ladder order.
        if (ca) {
          row.appendChild(ca);
        }
        if (cb && cb !== ca) {
          row.appendChild(cb);
        }
        if (row.parentNode && row.parentNode.tagName === 'TBODY' && ca && cb) {
          var isSame = ca.getAttribute('data-from') === cb.getAttribute('data-from');
          row.classList.toggle('ladder-row-same', isSame);
          row.classList.toggle('ladder-row-differs', !isSame);
          row.hidden = !!(diff && diff.checked && isSame);
          if (isSame) {
            same++;
          } else {
            differ++;
          }
        }
      }
      if (summary) {
        var total = differ + same;
        summary.textContent = la === lb
          ? 'The same level is chosen twice.'
          : la + ' and ' + lb + ' differ in ' + differ + ' of ' + total + (total === 1 ? ' competency.' : ' competencies.');
      }
      if (updateURL && window.history && history.replaceState) {
        try {
          history.replaceState(null, '', '#' + encodeURIComponent(la) + ',' + encodeURIComponent(lb));
        } catch (e) {
          // some browsers refuse replaceState on file:// pages; the choice still applies
        }
      }
    }

    form.hidden = false;
    fromHash();
    apply(false);
    form.addEventListener('change', function () {
      apply(true);
    });
    form.addEventListener('submit', function (ev) {
      ev.preventDefault();
    });
    window.addEventListener('hashchange', function () {
      fromHash();
      apply(false);
    });
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', init);
  } else {
    init();
  }
})();
