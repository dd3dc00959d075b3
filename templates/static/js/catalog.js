// catalog.js: in-page filters for tables of the service catalog (services/)
// and the scorecards page. A form.filters with data-filter-target="ID" holds
// <select>/<input> controls named by data-filter="KEY"; rows of the element
// with that id carrying data-filter-row are shown when, for every control
// with a value, the row's data-filter-KEY attribute (a space-separated list
// of tokens) contains that value. The control data-filter="q" matches the
// row's text instead. The table works without JavaScript (every row shown);
// the form stays hidden until this script runs. Filter values are kept in
// the URL's query string (?team=payments&tier=1) so a filtered view can be
// linked.
(function () {
  'use strict';

  function tokens(s) {
    return (s || '').split(/\s+/).filter(function (t) { return t !== ''; });
  }

  function init(form) {
    var target = document.getElementById(form.getAttribute('data-filter-target'));
    if (!target) {
      return;
    }
    var rows = target.querySelectorAll('[data-filter-row]');
    var controls = form.querySelectorAll('[data-filter]');
    var count = form.querySelector('[data-filter-count]');
    var noun = form.getAttribute('data-filter-noun') || 'rows';

    function matches(row, control) {
      var v = (control.value || '').trim();
      if (v === '') {
        return true;
      }
      var key = control.getAttribute('data-filter');
      if (key === 'q') {
        var text = (row.textContent + ' ' + (row.getAttribute('data-filter-q') || '')).toLowerCase();
        return text.indexOf(v.toLowerCase()) >= 0;
      }
      return tokens(row.getAttribute('data-filter-' + key)).indexOf(v) >= 0;
    }

    function apply(updateURL) {
      var shown = 0;
      for (var i = 0; i < rows.length; i++) {
        var ok = true;
        for (var j = 0; j < controls.length && ok; j++) {
          ok = matches(rows[i], controls[j]);
        }
        rows[i].hidden = !ok;
        if (ok) {
          shown++;
        }
      }
      if (count) {
        count.textContent = shown === rows.length ? rows.length + ' ' + noun : shown + ' of ' + rows.length + ' ' + noun;
      }
      if (updateURL && window.history && history.replaceState && location.protocol !== 'file:') {
        var params = [];
        for (var k = 0; k < controls.length; k++) {
          var v = (controls[k].value || '').trim();
          if (v !== '') {
            params.push(encodeURIComponent(controls[k].getAttribute('data-filter')) + '=' + encodeURIComponent(v));
          }
        }
        history.replaceState(null, '', location.pathname + (params.length ? '?' + params.join('&') : '') + location.hash);
      }
    }

    // Restore filters from the query string.
    var query = location.search.replace(/^\?/, '').split('&');
    for (var q = 0; q < query.length; q++) {
      var kv = query[q].split('=');
      if (kv.length !== 2) {
        continue;
      }
      var key, value;
      try {
        key = decodeURIComponent(kv[0]);
        value = decodeURIComponent(kv[1].replace(/\+/g, ' '));
      } catch (e) {
        continue;
      }
      for (var c = 0; c < controls.length; c++) {
        var ctl = controls[c];
        if (ctl.getAttribute('data-filter') !== key) {
          continue;
        }
        if (ctl.tagName === 'SELECT') {
          for (var o = 0; o < ctl.options.length; o++) {
            if (ctl.options[o].value === value) {
              ctl.value = value;
              break;
            }
          }
          if (ctl.value === value) {
            break;
          }
        } else {
          ctl.value = value;
          break;
        }
      }
    }

    form.addEventListener('input', function () { apply(true); });
    form.addEventListener('change', function () { apply(true); });
    form.addEventListener('submit', function (e) { e.preventDefault(); });
    form.hidden = false;
    apply(false);
  }

  var forms = document.querySelectorAll('form.filters[data-filter-target]');
  for (var i = 0; i < forms.length; i++) {
    init(forms[i]);
  }
})();
