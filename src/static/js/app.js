// Shared page behaviour for every frontend. Modules bring their own scripts
// from /static/modules/<code>/; this file only holds what all pages use.
// Loaded with `defer` before Alpine, so the components below exist when Alpine starts.
document.documentElement.classList.replace('no-js', 'js');

document.addEventListener('alpine:init', () => {
  const Alpine = window.Alpine;

  // An alert or banner the user can close: <div x-data="dismissible" x-show="open">…<button @click="dismiss">
  Alpine.data('dismissible', () => ({
    open: true,
    dismiss() {
      this.open = false;
    },
  }));

  // Accessible tabs: <div x-data="tabs('first')"> with buttons :aria-selected="isActive('first')" @click="select('first')".
  Alpine.data('tabs', (initial) => ({
    active: initial,
    select(name) {
      this.active = name;
    },
    isActive(name) {
      return this.active === name;
    },
  }));
});
