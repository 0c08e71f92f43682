// The modules page: Enable/Disable open the cascade preview in a dialog
// instead of navigating to it. The dialog shows the preview page's own
// fragment, so what is confirmed is exactly what the page would show; if
// anything fails the browser simply goes to the preview page.
// Loaded before Alpine (both deferred): registered on `alpine:init`.
(() => {
  document.addEventListener('alpine:init', () => {
    window.Alpine.data('modulePreview', () => ({
      async open(url) {
        const dialog = this.$refs.dialog;
        const body = this.$refs.body;
        if (typeof dialog.showModal !== 'function') {
          window.location.assign(url);
          return;
        }
        const loading = document.createElement('p');
        loading.className = 'text-muted';
        loading.id = 'module-preview-title';
        loading.textContent = body.dataset.loading;
        body.replaceChildren(loading);
        dialog.showModal();
        try {
          const response = await fetch(url, { headers: { accept: 'text/html' }, credentials: 'same-origin' });
          const page = new DOMParser().parseFromString(await response.text(), 'text/html');
          const fragment = page.querySelector('[data-module-preview]');
          if (!fragment) throw new Error('no preview in the response');
          body.replaceChildren(document.importNode(fragment, true));
          body.querySelector('button[type="submit"], [data-preview-cancel]')?.focus();
        } catch {
          window.location.assign(url);
        }
      },

      // Cancel (a link back to this page) and a click on the backdrop close the dialog.
      clicked(event) {
        const dialog = this.$refs.dialog;
        if (event.target === dialog || event.target.closest('[data-preview-cancel]')) {
          event.preventDefault();
          dialog.close();
        }
      },
    }));
  });
})();
