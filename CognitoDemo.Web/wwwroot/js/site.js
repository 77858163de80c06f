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
})();
