/* gloss — client-side search. Plain ES2017, no dependencies.
   Loaded with `defer` from search.html:
   <script src="…/search.js" data-index="<root>search/meta.json" data-root="<root>" defer>
   The index is sharded (src/render/search/): meta.json lists the term prefixes; the shard
   t/<hex of the prefix's UTF-8>.json of a prefix that was split holds [title items, text
   items, cut?] for every term under it, that of a prefix kept whole an object of its
   terms, each [title items, text items, cut?] (item numbers as differences from the one
   before); d/<n>.json holds items n*chunk… as {t: title, u: URL relative to the site root,
   k: kind, x: extra text}. A query fetches meta.json, one shard per word and the chunks
   of the items it shows. */
(function () {
  'use strict';

  // document.currentScript is only set while the script first runs.
  var script = document.currentScript;
  var INDEX_URL = (script && script.getAttribute('data-index')) || 'search/meta.json';
  var INDEX_DIR = INDEX_URL.replace(/[^/]*$/, '');
  var ROOT = (script && script.getAttribute('data-root')) || '';

  var PAGE = 20;
  var MAX_TERM_CHARS = 24;
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

  // Characters that separate terms, and those (Han, kana, Hangul) that are terms on their
  // own: the same tables as src/render/search/terms.rs.
  var SEPARATORS = [
    [0x0000, 0x002F], [0x003A, 0x0040], [0x005B, 0x0060], [0x007B, 0x00BF], [0x00D7, 0x00D7],
    [0x00F7, 0x00F7], [0x037E, 0x037E], [0x0387, 0x0387], [0x055A, 0x055F], [0x0589, 0x058A],
    [0x05BE, 0x05BE], [0x05C0, 0x05C0], [0x05C3, 0x05C3], [0x05F3, 0x05F4], [0x060C, 0x060D],
    [0x061B, 0x061F], [0x066A, 0x066D], [0x06D4, 0x06D4], [0x0964, 0x0965], [0x0E4F, 0x0E4F],
    [0x0E5A, 0x0E5B], [0x2000, 0x2BFF], [0x2E00, 0x2E7F], [0x3000, 0x303F], [0xFE10, 0xFE1F],
    [0xFE30, 0xFE6F], [0xFEFF, 0xFEFF], [0xFF00, 0xFF0F], [0xFF1A, 0xFF20], [0xFF3B, 0xFF40],
    [0xFF5B, 0xFF65], [0xFFF0, 0xFFFF], [0x1F000, 0x1FAFF], [0xE0000, 0xE007F]
  ];
  var CJK = [
    [0x1100, 0x11FF], [0x2E80, 0x2FDF], [0x3040, 0x30FF], [0x3130, 0x318F], [0x31F0, 0x31FF],
    [0x3400, 0x4DBF], [0x4E00, 0x9FFF], [0xA960, 0xA97F], [0xAC00, 0xD7FF], [0xF900, 0xFAFF],
    [0xFF66, 0xFF9F], [0x20000, 0x3FFFF]
  ];

  function within(table, c) {
    var lo = 0;
    var hi = table.length - 1;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (table[mid][1] < c) lo = mid + 1;
      else if (table[mid][0] > c) hi = mid - 1;
      else return true;
    }
    return false;
  }

  /** The terms of a text: folded, recomposed, split at separators, CJK characters apart. */
  function terms(text) {
    var s = fold(text);
    if (s.normalize) s = s.normalize('NFC');
    var out = [];
    var word = '';
    var chars = 0;
    function flush() {
      if (word) out.push(word);
      word = '';
      chars = 0;
    }
    for (var ch of s) {
      var c = ch.codePointAt(0);
      if (within(CJK, c)) {
        flush();
        out.push(ch);
      } else if (within(SEPARATORS, c)) {
        flush();
      } else {
        if (chars < MAX_TERM_CHARS) word += ch;
        chars++;
      }
    }
    flush();
    return out;
  }

  /** The shard file of a prefix: its UTF-8 bytes in hexadecimal. */
  function shardName(prefix) {
    var enc = encodeURIComponent(prefix);
    var hex = '';
    for (var i = 0; i < enc.length; i++) {
      if (enc.charAt(i) === '%') {
        hex += enc.substr(i + 1, 2).toLowerCase();
        i += 2;
      } else {
        hex += ('0' + enc.charCodeAt(i).toString(16)).slice(-2);
      }
    }
    return 't/' + hex + '.json';
  }

  /** Item numbers from differences. */
  function undelta(list) {
    var out = [];
    var last = 0;
    for (var i = 0; i < list.length; i++) {
      last += list[i];
      out.push(last);
    }
    return out;
  }

  /** Adds a [title items, text items, cut?] list to `hits` (item → whether a title has it). */
  function addList(hits, list) {
    undelta(list[0]).forEach(function (d) { hits.docs.set(d, true); });
    undelta(list[1]).forEach(function (d) { if (!hits.docs.has(d)) hits.docs.set(d, false); });
    if (list[2] === 1) hits.cut = true;
  }

  /** Whether every query term begins some term of the item. */
  function hasAll(item, qterms) {
    var own = terms(item.t).concat(terms(item.x));
    return qterms.every(function (q) {
      return own.some(function (t) { return t.lastIndexOf(q, 0) === 0; });
    });
  }

  /** The items that may match, best first: those of every word whose list is whole
      (or of every word, when none is), ranked by how many words their titles have. */
  function candidates(found) {
    var whole = found.filter(function (f) { return !f.cut; });
    var base = whole.length ? whole : found;
    var smallest = base.reduce(function (a, b) { return a.docs.size <= b.docs.size ? a : b; });
    var out = [];
    smallest.docs.forEach(function (_, d) {
      if (!base.every(function (f) { return f.docs.has(d); })) return;
      var titles = 0;
      found.forEach(function (f) { if (f.docs.get(d) === true) titles++; });
      out.push({ doc: d, titles: titles });
    });
    out.sort(function (a, b) { return b.titles - a.titles || a.doc - b.doc; });
    return out;
  }

  function isWordStart(s, pos) {
    return pos === 0 || /[\s\-–—/(«"'.,;:]/.test(s.charAt(pos - 1));
  }

  /** Scores an item the index found for the query.
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
      } else {
        // The index found every word; a word split by punctuation may not be in the text as typed.
        var inText = item.fx.indexOf(w);
        if (inText >= 0 && isWordStart(item.fx, inText)) bonus += 2;
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
    var more = document.createElement('button');
    more.type = 'button';
    more.className = 'search-more';
    more.textContent = 'More results';
    more.hidden = true;
    list.parentNode.insertBefore(more, list.nextSibling);

    var meta = null;       // {inner, leaves, longest, chunk} once loaded
    var files = {};        // URL → promise of its JSON
    var failed = false;
    var timer = 0;
    var lastQuery = null;
    var current = null;    // the query being shown: {q, query, qterms, cands, next, shown, cut}

    function setStatus(text) {
      if (status && status.textContent !== text) status.textContent = text;
    }

    function get(name) {
      var url = INDEX_DIR + name;
      if (!files[url]) {
        files[url] = fetch(url, { credentials: 'same-origin' }).then(function (res) {
          if (!res.ok) throw new Error('HTTP ' + res.status);
          return res.json();
        });
        files[url].catch(function () { delete files[url]; });
      }
      return files[url];
    }

    function load() {
      if (typeof fetch !== 'function' || typeof Map !== 'function') {
        failed = true;
        return Promise.resolve();
      }
      return get('meta.json').then(function (m) {
        if (!m || !Array.isArray(m.inner) || !Array.isArray(m.leaves)) throw new Error('not a search index');
        var longest = 0;
        m.inner.concat(m.leaves).forEach(function (p) { longest = Math.max(longest, Array.from(p).length); });
        meta = { inner: new Set(m.inner), leaves: new Set(m.leaves), longest: longest, chunk: m.chunk };
      });
    }

    /** The items of one query term: {docs: item → title hit, cut}. */
    function lookup(term) {
      var chars = Array.from(term);
      var hits = { docs: new Map(), cut: false };
      for (var k = Math.min(chars.length, meta.longest); k > 0; k--) {
        var prefix = chars.slice(0, k).join('');
        if (meta.leaves.has(prefix)) {
          return get(shardName(prefix)).then(function (shard) {
            Object.keys(shard).forEach(function (t) { if (t.lastIndexOf(term, 0) === 0) addList(hits, shard[t]); });
            return hits;
          });
        }
        if (meta.inner.has(prefix)) {
          // A split prefix lists every term under it; a longer word under it has no shard: no term.
          if (k < chars.length) break;
          return get(shardName(prefix)).then(function (l) { addList(hits, l); return hits; });
        }
      }
      return Promise.resolve(hits);
    }

    /** The records of `docs`, fetched by chunk. */
    function records(docs) {
      var chunks = [];
      docs.forEach(function (d) {
        var c = Math.floor(d / meta.chunk);
        if (chunks.indexOf(c) < 0) chunks.push(c);
      });
      return Promise.all(chunks.map(function (c) { return get('d/' + c + '.json'); })).then(function (got) {
        return docs.map(function (d) {
          var r = got[chunks.indexOf(Math.floor(d / meta.chunk))][d % meta.chunk];
          var x = r && typeof r.x === 'string' ? r.x : '';
          if (!r || typeof r.t !== 'string' || typeof r.u !== 'string') return null;
          return { t: r.t, u: r.u, k: String(r.k || ''), x: x, ft: fold(r.t), fx: fold(x) };
        });
      });
    }

    function showFailure() {
      list.textContent = '';
      more.hidden = true;
      setStatus(window.location.protocol === 'file:'
        ? 'Search needs the site to be served over HTTP: the index could not be loaded.'
        : 'Search is unavailable: the index could not be loaded. Please try again later.');
    }

    function showStatus(c) {
      var shown = '“' + c.q + '”';
      var total = c.cands.length;
      more.hidden = c.next >= total;
      if (!c.shown) setStatus(c.next >= total ? 'No results for ' + shown : 'No results among the first ' + c.next + ' checked for ' + shown);
      else if (c.next < total) setStatus('Showing the first ' + c.shown + ' of ' + (c.cut ? 'about ' : '') + total + ' results for ' + shown);
      else setStatus(c.shown + (c.shown === 1 ? ' result' : ' results') + ' for ' + shown);
    }

    /** Shows the next page of `c`'s candidates, ranked among themselves; fetches
        further candidates (at most three pages' worth) while some fail a word the
        index had cut. */
    function showPage(c, tries) {
      var batch = c.cands.slice(c.next, c.next + PAGE - c.pending.length).map(function (h) { return h.doc; });
      c.next += batch.length;
      return records(batch).then(function (items) {
        if (current !== c) return;
        items.forEach(function (item, n) {
          if (item && hasAll(item, c.qterms)) c.pending.push({ item: item, score: score(item, c.query), order: batch[n] });
        });
        if (c.pending.length < PAGE && c.next < c.cands.length && tries < 3) return showPage(c, tries + 1);
        c.pending.sort(function (a, b) { return b.score - a.score || a.order - b.order; });
        var frag = document.createDocumentFragment();
        c.pending.forEach(function (h) { frag.appendChild(renderItem(h, c.query)); });
        c.shown += c.pending.length;
        c.pending = [];
        list.appendChild(frag);
        showStatus(c);
      });
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

    function find(q, query) {
      var qterms = [];
      query.words.forEach(function (w) {
        terms(w).forEach(function (t) { if (qterms.indexOf(t) < 0) qterms.push(t); });
      });
      var c = { q: q, query: query, qterms: qterms, cands: [], next: 0, shown: 0, pending: [], cut: false };
      current = c;
      if (!qterms.length) {
        list.textContent = '';
        showStatus(c);
        return Promise.resolve();
      }
      return Promise.all(qterms.map(lookup)).then(function (found) {
        if (current !== c) return;
        c.cands = candidates(found);
        c.cut = found.some(function (f) { return f.cut; });
        list.textContent = '';
        return showPage(c, 0);
      });
    }

    function run(force) {
      clearTimeout(timer);
      var q = input.value.trim();
      if (q === lastQuery && !force) return;
      lastQuery = q;
      updateUrl(q);
      var query = parseQuery(q);
      if (!query.words.length) {
        current = null;
        list.textContent = '';
        more.hidden = true;
        setStatus('');
        return;
      }
      if (failed) {
        showFailure();
        return;
      }
      setStatus('Loading…');
      (meta ? Promise.resolve() : load())
        .then(function () { return failed ? showFailure() : find(q, query); })
        .catch(function () {
          failed = true;
          showFailure();
        });
    }

    more.addEventListener('click', function () {
      if (!current) return;
      more.hidden = true;
      setStatus('Loading…');
      showPage(current, 0).catch(function () {
        failed = true;
        showFailure();
      });
    });
    input.addEventListener('input', function () {
      failed = false;
      clearTimeout(timer);
      timer = setTimeout(run, DEBOUNCE_MS);
    });
    if (form) {
      form.addEventListener('submit', function (e) {
        e.preventDefault();
        failed = false;
        run(true);
      });
    }

    var initial = '';
    try {
      initial = new URLSearchParams(window.location.search).get('q') || '';
    } catch (e) { /* no URLSearchParams */ }
    if (initial) input.value = initial;
    if (input.value.trim()) run(true);
    else load().catch(function () { /* tried again on the first query */ });
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
