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
      overlay.style.cssText = 'position:fixed;inset:0;z-index:2147483647;overflow:auto;background:rgba(20,20,20,.94);' +
        'color:#fff;padding:2rem;font:14px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace';
      var title = document.createElement('p');
      title.style.cssText = 'font-weight:bold;color:#ff8a80;margin:0 0 1rem';
      title.textContent = 'gloss: the last change does not build. The page shows the last good version.';
      overlay.appendChild(title);
      overlay.appendChild(document.createElement('pre'));
      document.body.appendChild(overlay);
    }
    overlay.lastChild.textContent = text;
  }
  var events = new EventSource('/__gloss/events');
  events.addEventListener('reload', function () { window.location.reload(); });
  events.addEventListener('build-error', function (e) { showErrors(JSON.parse(e.data)); });
})();
