// The "Cognito calls" panel and copy buttons of the teaching blocks. Progressive enhancement only.
(() => {
  'use strict';

  // Open beside the page on a wide screen; on a phone it stays a one-line summary under the content.
  const wide = window.matchMedia('(min-width: 64rem)');
  for (const panel of document.querySelectorAll('[data-calls-panel]')) {
    panel.open = wide.matches;
  }

  // Copy buttons naming the element whose text they copy.
  for (const button of document.querySelectorAll('[data-copy-from]')) {
    const source = document.getElementById(button.dataset.copyFrom);
    const status = button.parentElement.querySelector('[data-copy-status]');
    if (!source) continue;
    button.addEventListener('click', async () => {
      try {
        await navigator.clipboard.writeText(source.textContent.trim());
        if (status) status.textContent = 'Copied.';
      } catch {
        if (status) status.textContent = 'Copy is not allowed here; select the text instead.';
      }
    });
  }
})();

// The export blocks hold the secret key: shown together with it, after "Reveal" (site.js toggles aria-pressed first).
(() => {
  'use strict';
  const exports = document.querySelector('[data-export]');
  if (!exports) return;
  for (const button of document.querySelectorAll('[data-reveal-secret]')) {
    button.addEventListener('click', () => {
      exports.hidden = button.getAttribute('aria-pressed') !== 'true';
    });
  }
})();
