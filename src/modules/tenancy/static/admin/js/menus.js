// The menu editor: with JavaScript the up/down buttons move rows on the
// page (the hidden `key` inputs move with them, so the posted order is the
// order on screen) and Save posts once. Without it, each button posts the
// form and the server applies the move.
// Loaded before Alpine (both deferred): registered on `alpine:init`.
(() => {
  document.addEventListener('alpine:init', () => {
    window.Alpine.data('menuEditor', () => ({
      dirty: false,

      move(button, step) {
        const row = button.closest('tr');
        const other = step < 0 ? row.previousElementSibling : row.nextElementSibling;
        // Moves stay inside the row's group, like the sidebar (internal tools come last).
        if (!other || !other.hasAttribute('data-key')) return;
        if (step < 0) other.before(row);
        else other.after(row);
        this.renumber();
        this.dirty = true;
        // Keep the focus on the button that was pressed, unless it can no longer move that way.
        (button.disabled ? row.querySelector('[data-move]:not(:disabled)') : button)?.focus();
      },

      renumber() {
        let position = 0;
        for (const group of this.$root.querySelectorAll('tbody[data-group]')) {
          const rows = [...group.querySelectorAll('tr[data-key]')];
          rows.forEach((row, i) => {
            position += 1;
            row.querySelector('[data-position]').textContent = String(position);
            row.querySelector('[data-move="up"]').disabled = i === 0;
            row.querySelector('[data-move="down"]').disabled = i === rows.length - 1;
          });
        }
      },
    }));
  });
})();
