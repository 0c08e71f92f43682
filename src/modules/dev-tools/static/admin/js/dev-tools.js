// Developer tools pages: the icon browser's search and size controls, and
// copy-to-clipboard for icon calls and component markup. Loaded before
// Alpine (both deferred), so the components are registered on `alpine:init`.
(() => {
  /** Copies text; falls back to a hidden textarea where the Clipboard API is unavailable (plain http). */
  async function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return;
    }
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.appendChild(area);
    area.select();
    try {
      if (!document.execCommand('copy')) throw new Error('copy refused');
    } finally {
      area.remove();
    }
  }

  document.addEventListener('alpine:init', () => {
    const Alpine = window.Alpine;

    Alpine.store('devTools', {
      toast: '',
      timer: undefined,
      notify(message) {
        this.toast = message;
        clearTimeout(this.timer);
        this.timer = setTimeout(() => {
          this.toast = '';
        }, 1800);
      },
    });

    /** Any block with a "copy" button: <div x-data="copyable"> … @click="copy(text)". */
    Alpine.data('copyable', () => ({
      async copy(text) {
        const store = Alpine.store('devTools');
        // The toast region carries the translated confirmations.
        const labels = document.querySelector('.toast-region')?.dataset ?? {};
        try {
          await copyText(text.trim());
          store.notify(labels.copied || 'Copied');
        } catch {
          store.notify(labels.copyFailed || 'Copy failed');
        }
      },
    }));

    /** The icon browser: filter by name (every word must match), preview size, copy the template call. */
    Alpine.data('iconBrowser', (options) => ({
      query: '',
      size: 24,
      names: options.names,
      get words() {
        return this.query.trim().toLowerCase().split(/[\s,]+/).filter(Boolean);
      },
      matches(name) {
        return this.words.every((word) => name.includes(word));
      },
      anyMatch(list) {
        return list.split(' ').some((name) => this.matches(name));
      },
      countMatches(list) {
        return list.split(' ').filter((name) => this.matches(name)).length;
      },
      get visibleCount() {
        return this.names.filter((name) => this.matches(name)).length;
      },
      async copy(name) {
        const store = Alpine.store('devTools');
        const call = `{{ icon('${name}') }}`;
        try {
          await copyText(call);
          store.notify(`${options.copied}: ${call}`);
        } catch {
          store.notify(options.failed);
        }
      },
    }));
  });
})();
