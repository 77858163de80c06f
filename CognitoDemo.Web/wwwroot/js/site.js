// Progressive enhancement only: every form works without JavaScript, and the server checks everything again.
(() => {
  'use strict';

  // Every password field gets a show/hide toggle; the shared password partial renders its own.
  let generated = 0;
  for (const input of document.querySelectorAll('input[type=password]')) {
    if (!input.id) input.id = `password-field-${++generated}`;
    if (document.querySelector(`[data-toggle-password="${input.id}"]`)) continue;
    const wrapper = document.createElement('div');
    wrapper.className = 'password-input';
    input.parentNode.insertBefore(wrapper, input);
    wrapper.appendChild(input);
    const toggle = document.createElement('button');
    toggle.type = 'button';
    toggle.className = 'toggle';
    toggle.textContent = 'Show';
    toggle.dataset.togglePassword = input.id;
    toggle.setAttribute('aria-controls', input.id);
    toggle.setAttribute('aria-pressed', 'false');
    wrapper.appendChild(toggle);
  }

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

  // After a refused submit, the first field that needs fixing has the focus (its message is tied to it).
  const firstInvalid = document.querySelector('main [aria-invalid="true"]');
  if (firstInvalid) firstInvalid.focus();

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
        // A list item has no checked state in ARIA: the state is words a screen reader reads with the rule.
        item.dataset.met = String(met);
        const state = item.querySelector('[data-rule-state]');
        if (state) state.textContent = met ? ': met' : ': not met yet';
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

  // A form in flight is sent once: its submit buttons are disabled until the answer arrives, so a
  // double click cannot confirm twice (and show the second answer, "already confirmed", as an error).
  for (const form of document.querySelectorAll('form')) {
    form.addEventListener('submit', event => {
      if (form.dataset.submitting === 'true') {
        event.preventDefault();
        return;
      }
      form.dataset.submitting = 'true';
      form.setAttribute('aria-busy', 'true');
      // Disabled after the browser has read the submitter (its formaction), not before.
      setTimeout(() => {
        for (const button of form.querySelectorAll('button[type=submit], button:not([type])')) button.disabled = true;
      }, 0);
    });
  }
  // Coming back with the Back button shows the page as it was left: enable its forms again.
  window.addEventListener('pageshow', () => {
    for (const form of document.querySelectorAll('form[data-submitting]')) {
      delete form.dataset.submitting;
      form.removeAttribute('aria-busy');
      for (const button of form.querySelectorAll('button')) if (!button.dataset.cooldownUntil) button.disabled = false;
    }
  });

  // A button that may be used again only after a cooldown (Confirm's "Send a new code") counts it down.
  for (const button of document.querySelectorAll('[data-cooldown-until]')) {
    const until = Number(button.dataset.cooldownUntil);
    const offset = Number(button.dataset.now) - Date.now();
    const label = button.textContent.trim();
    const tick = () => {
      const left = Math.max(0, Math.ceil((until - (Date.now() + offset)) / 1000));
      button.disabled = left > 0;
      button.textContent = left > 0 ? `${label} (in ${left} s)` : label;
      if (left === 0) clearInterval(timer);
    };
    const timer = setInterval(tick, 1000);
    tick();
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
      // The parentheses are part of the text: the row is a flex box, which would space them apart from it.
      text.textContent = left > 0 ? `(${minutes}:${seconds} left)` : '(expired: get new credentials)';
      time.dataset.secondsLeft = String(left);
    };
    tick();
    setInterval(tick, 1000);
  }
})();
