// gloss serve: reload the page after each rebuild, and show build errors over it.
// Injected by the dev server only; never part of `gloss build` output.
(function () {
  'use strict';
  var overlay = null;
  function showErrors(text) {
    if (!overlay) {
      overlay = document.createElement('div');
      overlay.id = 'gloss-error-overlay';
      overlay.setAttribute('role', 'alert');
      overlay.style.cssText = 'position:fixed;inset:0;z-index:2147483647;overflow:auto;background:#141414;' +
        'color:#fff;padding:2rem;font:14px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace';
      var title = document.createElement('p');
      title.style.cssText = 'font-weight:bold;color:#ff8a80;font-size:inherit;margin:0 0 1rem';
      title.textContent = 'gloss: the last change does not build. The page shows the last good version.';
      overlay.appendChild(title);
      // The page's own stylesheet styles <pre> (a light code background in the light
      // scheme): the overlay's text sets every colour it depends on itself.
      var pre = document.createElement('pre');
      pre.style.cssText = 'margin:0;padding:0;border:0;background:transparent;color:#f5f5f5;' +
        'font:inherit;white-space:pre-wrap;overflow-wrap:anywhere';
      overlay.appendChild(pre);
      document.body.appendChild(overlay);
    }
    overlay.lastChild.textContent = text;
  }
  var events = new EventSource('/__gloss/events');
  events.addEventListener('reload', function () { window.location.reload(); });
  events.addEventListener('build-error', function (e) { showErrors(JSON.parse(e.data)); });
})();
