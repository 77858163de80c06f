// Progressive enhancement only: every form works without JavaScript, and the server checks everything again.
(() => {
  'use strict';

  // Show/hide toggles for password fields.
  for (const button of document.querySelectorAll('[data-toggle-password]')) {
    const input = document.getElementById(button.dataset.togglePassword);
    if (!input) continue;
    button.addEventListener('click', () => {
      const show = input.type === 'password';
      input.type = show ? 'text' : 'password';
      button.textContent = show ? 'Hide' : 'Show';
      button.setAttribute('aria-pressed', String(show));
    });
  }

  // The password rules checklist, ticked as the user types.
  const checks = {
    length: (value, item) => [...value].length >= Number(item.dataset.minLength || 0),
    lower: value => /\p{Ll}/u.test(value),
    upper: value => /\p{Lu}/u.test(value),
    number: value => /[0-9]/.test(value),
    symbol: value => /[\^$*.\[\]{}()?"!@#%&/\\,><':;|_~`=+\- ]/.test(value),
  };
  for (const input of document.querySelectorAll('[data-password-checklist]')) {
    const list = document.getElementById(input.dataset.passwordChecklist);
    if (!list) continue;
    const update = () => {
      for (const item of list.querySelectorAll('[data-rule]')) {
        const check = checks[item.dataset.rule];
        const met = check ? check(input.value, item) : false;
        item.classList.toggle('met', met);
        item.setAttribute('aria-checked', String(met));
      }
    };
    input.addEventListener('input', update);
    update();
  }

  // A secret shown only when its owner asks.
  for (const button of document.querySelectorAll('[data-reveal-secret]')) {
    const container = button.parentElement;
    const masked = container.querySelector('[data-secret-masked]');
    const value = container.querySelector('[data-secret-value]');
    button.addEventListener('click', () => {
      const reveal = value.hidden;
      value.hidden = !reveal;
      masked.hidden = reveal;
      button.textContent = reveal ? 'Hide' : 'Reveal';
      button.setAttribute('aria-pressed', String(reveal));
    });
  }

  // Copy buttons.
  for (const button of document.querySelectorAll('[data-copy]')) {
    const status = button.parentElement.querySelector('[data-copy-status]');
    button.addEventListener('click', async () => {
      try {
        await navigator.clipboard.writeText(button.dataset.copy);
        if (status) status.textContent = 'Copied.';
      } catch {
        if (status) status.textContent = 'Copy is not allowed here; select the value instead.';
      }
    });
  }

  // Live countdowns to an expiry, measured against the server's clock at render time.
  for (const time of document.querySelectorAll('[data-countdown]')) {
    const text = time.parentElement.querySelector('[data-countdown-text]');
    const expires = Date.parse(time.getAttribute('datetime'));
    const offset = Number(time.dataset.now) - Date.now();
    const tick = () => {
      const left = Math.max(0, Math.floor((expires - (Date.now() + offset)) / 1000));
      const minutes = Math.floor(left / 60);
      const seconds = String(left % 60).padStart(2, '0');
      text.textContent = left > 0 ? `${minutes}:${seconds} left` : 'expired: get new credentials';
      time.dataset.secondsLeft = String(left);
    };
    tick();
    setInterval(tick, 1000);
  }
})();
