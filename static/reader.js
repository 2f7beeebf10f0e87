// gloss reader enhancements. Everything here adds to pages that already work without
// JavaScript: references stay plain links, notes stay readable under their passage.
//  - Hover cards: hovering or focusing a reference shows a small card built from its
//    data-card-* attributes (no request); Escape closes it; on touch screens the first
//    tap opens the card and a second tap follows the link.
//  - Folded notes: on narrow screens margin notes fold under their passage and open
//    when their number is tapped.
(function () {
  'use strict';

  // ---- Hover cards ----
  var card = null;
  var owner = null;
  var hideTimer = 0;

  function refOf(node) {
    return node && node.closest ? node.closest('a.ref[data-card-title]') : null;
  }

  function build(a) {
    var box = document.createElement('div');
    box.className = 'gloss-card';
    box.id = 'gloss-card';
    box.setAttribute('role', 'tooltip');
    var kind = document.createElement('p');
    kind.className = 'gloss-card-kind';
    kind.textContent = a.getAttribute('data-card-kind');
    var title = document.createElement('p');
    title.className = 'gloss-card-title';
    title.textContent = a.getAttribute('data-card-title');
    box.appendChild(kind);
    box.appendChild(title);
    var text = a.getAttribute('data-card-text');
    if (text) {
      var p = document.createElement('p');
      p.className = 'gloss-card-text';
      p.textContent = text;
      box.appendChild(p);
    }
    var link = document.createElement('a');
    link.href = a.href;
    link.tabIndex = -1;
    link.className = 'gloss-card-link';
    link.textContent = 'Open page →';
    box.appendChild(link);
    box.addEventListener('mouseenter', function () { clearTimeout(hideTimer); });
    box.addEventListener('mouseleave', scheduleHide);
    return box;
  }

  function place(a) {
    var r = a.getBoundingClientRect();
    var width = Math.min(320, document.documentElement.clientWidth - 16);
    card.style.width = width + 'px';
    var left = Math.max(8, Math.min(r.left + window.scrollX, window.scrollX + document.documentElement.clientWidth - width - 8));
    card.style.left = left + 'px';
    card.style.top = (r.bottom + window.scrollY + 6) + 'px';
  }

  function show(a) {
    clearTimeout(hideTimer);
    if (owner === a) return;
    hide();
    card = build(a);
    document.body.appendChild(card);
    place(a);
    owner = a;
    a.setAttribute('aria-describedby', 'gloss-card');
  }

  function hide() {
    clearTimeout(hideTimer);
    if (card) card.remove();
    if (owner) owner.removeAttribute('aria-describedby');
    card = null;
    owner = null;
  }

  function scheduleHide() {
    clearTimeout(hideTimer);
    hideTimer = setTimeout(hide, 250);
  }

  var lastPointer = 'mouse';
  document.addEventListener('pointerdown', function (e) { lastPointer = e.pointerType; }, true);
  document.addEventListener('mouseover', function (e) {
    var a = refOf(e.target);
    if (a && lastPointer === 'mouse') show(a);
  });
  document.addEventListener('mouseout', function (e) {
    var a = refOf(e.target);
    if (a && a === owner && !(card && card.contains(e.relatedTarget))) scheduleHide();
  });
  document.addEventListener('focusin', function (e) {
    var a = refOf(e.target);
    if (a) show(a);
  });
  document.addEventListener('focusout', function (e) {
    if (refOf(e.target) === owner) scheduleHide();
  });
  document.addEventListener('keydown', function (e) {
    if (e.key === 'Escape' && card) hide();
  });
  document.addEventListener('click', function (e) {
    var a = refOf(e.target);
    if (!a) {
      if (card && !card.contains(e.target)) hide();
      return;
    }
    if (lastPointer === 'touch' && owner !== a) {
      e.preventDefault();
      show(a);
    }
  });

  // ---- Folded notes on narrow screens ----
  var narrow = window.matchMedia('(max-width: 71.99em)');
  function marks() { return document.querySelectorAll('sup.note-mark a'); }
  function setFolded(folded) {
    document.documentElement.classList.toggle('notes-folded', folded);
    marks().forEach(function (m) {
      var note = document.getElementById(m.getAttribute('href').slice(1));
      if (!note) return;
      if (folded) {
        m.setAttribute('aria-expanded', note.classList.contains('open') ? 'true' : 'false');
        m.setAttribute('aria-controls', note.id);
      } else {
        m.removeAttribute('aria-expanded');
        m.removeAttribute('aria-controls');
      }
    });
  }
  document.addEventListener('click', function (e) {
    var m = e.target.closest && e.target.closest('sup.note-mark a');
    if (!m || !narrow.matches) return;
    var note = document.getElementById(m.getAttribute('href').slice(1));
    if (!note) return;
    e.preventDefault();
    var open = note.classList.toggle('open');
    m.setAttribute('aria-expanded', open ? 'true' : 'false');
  });
  setFolded(narrow.matches);
  if (narrow.addEventListener) narrow.addEventListener('change', function (e) { setFolded(e.matches); });
})();
