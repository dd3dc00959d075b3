// onboarding.js: the checkboxes of an onboarding plan remember their state
// in the browser (localStorage), per page and per task:
//   almanac:onboarding:<page path>:<task id>  ->  "1" when ticked
// A task id is the phase's day and a hash of the task's text, so ticks
// survive a rebuild and reordering. Without storage (private mode, a
// strict file:// policy) the boxes still tick, they are just not kept.
(function () {
  'use strict';

  function storage() {
    try {
      var s = window.localStorage;
      var probe = 'almanac:onboarding:probe';
      s.setItem(probe, '1');
      s.removeItem(probe);
      return s;
    } catch (e) {
      return null;
    }
  }

  function setup(root, store) {
    var prefix = root.getAttribute('data-checklist') || '';
    if (!prefix) {
      return;
    }
    var boxes = root.querySelectorAll('input[type="checkbox"][data-task]');
    var progress = root.querySelector('.onboarding-progress');
    var count = root.querySelector('.onboarding-count');
    var reset = root.querySelector('.onboarding-reset');

    function key(box) {
      return prefix + ':' + box.getAttribute('data-task');
    }

    function update() {
      var done = 0;
      for (var i = 0; i < boxes.length; i++) {
        if (boxes[i].checked) {
          done++;
        }
        var li = boxes[i].closest ? boxes[i].closest('li') : null;
        if (li) {
          li.classList.toggle('onboarding-done', boxes[i].checked);
        }
      }
      if (count) {
        count.textContent = done + ' of ' + boxes.length + ' done';
      }
      var phases = root.querySelectorAll('.onboarding-phase');
      for (var p = 0; p < phases.length; p++) {
        var inPhase = phases[p].querySelectorAll('input[type="checkbox"][data-task]');
        var d = 0;
        for (var j = 0; j < inPhase.length; j++) {
          if (inPhase[j].checked) {
            d++;
          }
        }
        var label = phases[p].querySelector('.onboarding-phase-count');
        if (label) {
          label.textContent = inPhase.length ? '(' + d + '/' + inPhase.length + ')' : '';
        }
      }
    }

    for (var i = 0; i < boxes.length; i++) {
      if (store && store.getItem(key(boxes[i])) === '1') {
        boxes[i].checked = true;
      }
      boxes[i].addEventListener('change', function (ev) {
        var box = ev.target;
        if (store) {
          try {
            if (box.checked) {
              store.setItem(key(box), '1');
            } else {
              store.removeItem(key(box));
            }
          } catch (e) {
            // storage full or refused: the tick still shows
          }
        }
        update();
      });
    }
    if (reset) {
      reset.addEventListener('click', function () {
        for (var i = 0; i < boxes.length; i++) {
          boxes[i].checked = false;
          if (store) {
            store.removeItem(key(boxes[i]));
          }
        }
        update();
      });
    }
    if (progress && boxes.length) {
      progress.hidden = false;
    }
    update();
  }

  function init() {
    var roots = document.querySelectorAll('[data-checklist]');
    if (!roots.length) {
      return;
    }
    var store = storage();
    for (var i = 0; i < roots.length; i++) {
      setup(roots[i], store);
    }
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', init);
  } else {
    init();
  }
})();
