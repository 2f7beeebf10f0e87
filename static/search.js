/* gloss — client-side search. Plain ES2017, no dependencies.
   Loaded with `defer` from search.html:
   <script src="…/search.js" data-index="<root>search-index.json" data-root="<root>" defer>
   The index is an array of {t: title, u: URL relative to the site root, k: kind, x: extra text}. */
(function () {
  'use strict';

  // document.currentScript is only set while the script first runs.
  var script = document.currentScript;
  var INDEX_URL = (script && script.getAttribute('data-index')) || 'search-index.json';
  var ROOT = (script && script.getAttribute('data-root')) || '';

  var MAX_RESULTS = 50;
  var DEBOUNCE_MS = 100;
  var SNIPPET_CHARS = 180;
  var KIND_LABELS = {
    article: 'Explainer', person: 'Person', organization: 'Organization', country: 'Country',
    place: 'Place', publication: 'Publication', other: 'Entity', quote: 'Quote',
    document: 'Document', provision: 'Provision'
  };
  // Combining marks left by NFD decomposition (accents, diacritics).
  var MARKS = /[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]/g;
  var EDGE_PUNCT = /^[\s.,;:!?"'()[\]{}<>«»“”„‘’‚…–—\-/\\*]+|[\s.,;:!?"'()[\]{}<>«»“”„‘’‚…–—\-/\\*]+$/g;

  /** Case- and accent-insensitive form of a string. */
  function fold(s) {
    var out = String(s).toLowerCase();
    if (out.normalize) out = out.normalize('NFD');
    return out
      .replace(MARKS, '')
      .replace(/[’‘ʼ`´]/g, "'")
      .replace(/[“”„]/g, '"')
      .replace(/ς/g, 'σ');
  }

  /** Folds a string character by character, remembering where each folded
      character came from, so hits can be highlighted in the original text. */
  function foldWithMap(text) {
    var folded = '';
    var map = [];
    var i = 0;
    for (var ch of text) {
      var f = fold(ch);
      for (var j = 0; j < f.length; j++) map.push(i);
      folded += f;
      i += ch.length;
    }
    map.push(i);
    return { folded: folded, map: map };
  }

  /** The query's words, folded, without surrounding punctuation; and the whole phrase. */
  function parseQuery(q) {
    var words = fold(q).split(/\s+/)
      .map(function (w) { return w.replace(EDGE_PUNCT, ''); })
      .filter(function (w) { return w.length > 0; });
    var unique = words.filter(function (w, i) { return words.indexOf(w) === i; });
    return { words: unique, phrase: words.join(' ') };
  }

  function isWordStart(s, pos) {
    return pos === 0 || /[\s\-–—/(«"'.,;:]/.test(s.charAt(pos - 1));
  }

  /** Scores an item against the query, or returns -1 when some word is missing.
      Tiers keep title and phrase matches above text-only matches. */
  function score(item, query) {
    var titleHits = 0;
    var bonus = 0;
    for (var i = 0; i < query.words.length; i++) {
      var w = query.words[i];
      var inTitle = item.ft.indexOf(w);
      if (inTitle >= 0) {
        titleHits++;
        if (isWordStart(item.ft, inTitle)) bonus += 10;
      } else if (item.fx.indexOf(w) < 0) {
        return -1;
      } else if (isWordStart(item.fx, item.fx.indexOf(w))) {
        bonus += 2;
      }
    }
    var p = query.phrase;
    var tier;
    if (item.ft === p) tier = 5;
    else if (item.ft.indexOf(p) === 0) tier = 4;
    else if (item.ft.indexOf(p) > 0) tier = 3;
    else if (titleHits === query.words.length) tier = 2;
    else if (titleHits > 0 || (query.words.length > 1 && item.fx.indexOf(p) >= 0)) tier = 1;
    else tier = 0;
    if (item.k === 'article') bonus += 3;
    else if (item.k !== 'quote' && item.k !== 'provision') bonus += 1;
    // Shorter titles are closer matches.
    return tier * 1000 + bonus * 10 - Math.min(item.ft.length, 300) / 30;
  }

  function search(index, query) {
    if (!query.words.length) return [];
    var hits = [];
    for (var i = 0; i < index.length; i++) {
      var s = score(index[i], query);
      if (s >= 0) hits.push({ item: index[i], score: s, order: i });
    }
    hits.sort(function (a, b) { return b.score - a.score || a.order - b.order; });
    return hits;
  }

  /** Appends `text` to `parent`, wrapping the query's words in <mark>. */
  function appendHighlighted(parent, text, words) {
    var fm = foldWithMap(text);
    var ranges = [];
    words.forEach(function (w) {
      var from = 0;
      var at;
      while ((at = fm.folded.indexOf(w, from)) >= 0) {
        ranges.push([fm.map[at], fm.map[at + w.length]]);
        from = at + w.length;
      }
    });
    ranges.sort(function (a, b) { return a[0] - b[0]; });
    var pos = 0;
    ranges.forEach(function (r) {
      if (r[1] <= pos) return;
      var start = Math.max(r[0], pos);
      if (start > pos) parent.appendChild(document.createTextNode(text.slice(pos, start)));
      var mark = document.createElement('mark');
      mark.textContent = text.slice(start, r[1]);
      parent.appendChild(mark);
      pos = r[1];
    });
    if (pos < text.length) parent.appendChild(document.createTextNode(text.slice(pos)));
  }

  /** A window of the item's text around its first hit. */
  function snippetText(text, words) {
    if (text.length <= SNIPPET_CHARS) return text;
    var fm = foldWithMap(text);
    var first = -1;
    words.forEach(function (w) {
      var at = fm.folded.indexOf(w);
      if (at >= 0 && (first < 0 || fm.map[at] < first)) first = fm.map[at];
    });
    var start = first < 0 ? 0 : Math.max(0, first - 60);
    if (start > 0) {
      var space = text.indexOf(' ', start);
      start = space >= 0 && space < first ? space + 1 : start;
    }
    var end = Math.min(text.length, start + SNIPPET_CHARS);
    if (end < text.length) {
      var back = text.lastIndexOf(' ', end);
      if (back > start + SNIPPET_CHARS / 2) end = back;
    }
    return (start > 0 ? '…' : '') + text.slice(start, end).trim() + (end < text.length ? '…' : '');
  }

  function href(u) {
    return /^([a-z][a-z0-9+.-]*:|\/)/i.test(u) ? u : ROOT + u;
  }

  function renderItem(hit, query) {
    var item = hit.item;
    var li = document.createElement('li');
    var a = document.createElement('a');
    a.href = href(item.u);
    a.textContent = item.k === 'quote' ? '“' + item.t + '”' : item.t;
    li.appendChild(a);
    li.appendChild(document.createTextNode(' '));
    var kind = document.createElement('span');
    kind.className = 'kind';
    kind.textContent = KIND_LABELS[item.k] || item.k || '';
    li.appendChild(kind);
    if (item.x) {
      li.appendChild(document.createTextNode(' '));
      var p = document.createElement('p');
      var text = snippetText(item.x, query.words);
      appendHighlighted(p, item.k === 'quote' ? '— ' + text : text, query.words);
      li.appendChild(p);
    }
    return li;
  }

  function init() {
    var input = document.getElementById('search-input');
    var list = document.getElementById('search-results');
    var status = document.getElementById('search-status');
    if (!input || !list) return;
    var form = input.form;

    var index = null;      // prepared items once loaded
    var loading = null;    // pending promise
    var failed = false;
    var timer = 0;
    var lastQuery = null;

    function setStatus(text) {
      if (status && status.textContent !== text) status.textContent = text;
    }

    function prepare(data) {
      if (!Array.isArray(data)) throw new Error('index is not an array');
      return data
        .filter(function (d) { return d && typeof d.t === 'string' && typeof d.u === 'string'; })
        .map(function (d) {
          var x = typeof d.x === 'string' ? d.x : '';
          return { t: d.t, u: d.u, k: String(d.k || ''), x: x, ft: fold(d.t), fx: fold(x) };
        });
    }

    function load() {
      if (typeof fetch !== 'function') {
        failed = true;
        return;
      }
      loading = fetch(INDEX_URL, { credentials: 'same-origin' })
        .then(function (res) {
          if (!res.ok) throw new Error('HTTP ' + res.status);
          return res.json();
        })
        .then(function (data) {
          index = prepare(data);
          loading = null;
          run(true);
        })
        .catch(function () {
          failed = true;
          loading = null;
          run(true);
        });
      return loading;
    }

    function updateUrl(q) {
      if (!window.history || !history.replaceState || !window.URL) return;
      try {
        var url = new URL(window.location.href);
        if (q) url.searchParams.set('q', q);
        else url.searchParams.delete('q');
        if (url.href !== window.location.href) history.replaceState(history.state, '', url.href);
      } catch (e) { /* e.g. file: URLs in some browsers */ }
    }

    function run(force) {
      clearTimeout(timer);
      var q = input.value.trim();
      if (q === lastQuery && !force) return;
      lastQuery = q;
      updateUrl(q);
      var query = parseQuery(q);
      if (!query.words.length) {
        list.textContent = '';
        setStatus('');
        return;
      }
      if (!index) {
        if (!loading && !failed) load();
        if (failed) {
          list.textContent = '';
          setStatus(window.location.protocol === 'file:'
            ? 'Search needs the site to be served over HTTP: the index could not be loaded.'
            : 'Search is unavailable: the index could not be loaded. Please try again later.');
        } else {
          setStatus('Loading…');
        }
        return;
      }
      var hits = search(index, query);
      var frag = document.createDocumentFragment();
      hits.slice(0, MAX_RESULTS).forEach(function (h) { frag.appendChild(renderItem(h, query)); });
      list.textContent = '';
      list.appendChild(frag);
      var shown = '“' + q + '”';
      if (!hits.length) setStatus('No results for ' + shown);
      else if (hits.length > MAX_RESULTS) setStatus('Showing the first ' + MAX_RESULTS + ' of ' + hits.length + ' results for ' + shown);
      else setStatus(hits.length + (hits.length === 1 ? ' result' : ' results') + ' for ' + shown);
    }

    function retryIfFailed() {
      if (failed && !loading) failed = false;
    }

    input.addEventListener('input', function () {
      retryIfFailed();
      clearTimeout(timer);
      timer = setTimeout(run, DEBOUNCE_MS);
    });
    if (form) {
      form.addEventListener('submit', function (e) {
        e.preventDefault();
        retryIfFailed();
        run(true);
      });
    }

    var initial = '';
    try {
      initial = new URLSearchParams(window.location.search).get('q') || '';
    } catch (e) { /* no URLSearchParams */ }
    if (initial) input.value = initial;
    load();
    if (input.value.trim()) run(true);
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
