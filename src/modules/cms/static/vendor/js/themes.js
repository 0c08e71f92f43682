// Theme editor (vendor back office): presets fill the fields, every change shows at once in the
// preview frame (same origin: its <html> gets the new custom properties), a new logo reloads it,
// and the contrast the server will check is shown while choosing colours.
// Without JavaScript the "Preview" button loads the frame with the form's values.
document.addEventListener('alpine:init', () => {
  const Alpine = window.Alpine;
  const RADII = { none: '0px', small: '4px', medium: '8px', large: '16px' };
  const COLORS = ['primary', 'accent', 'background', 'text'];

  function luminance(hex) {
    const c = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((v) => (v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
  }
  function contrast(a, b) {
    const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (hi + 0.05) / (lo + 0.05);
  }

  Alpine.data('themeEditor', () => ({
    values: {},
    contrastText: '',
    contrastLow: false,
    reloadTimer: null,
    presets: {},
    fonts: {},

    init() {
      this.presets = JSON.parse(this.$root.dataset.presets);
      this.fonts = JSON.parse(this.$root.dataset.fonts);
      this.read();
    },

    read() {
      for (const c of COLORS) this.values[`color_${c}`] = this.$refs[`color_${c}`].value;
      for (const name of ['font_heading', 'font_body', 'radius']) this.values[name] = this.$refs[name].value;
    },

    applyPreset(code) {
      const preset = this.presets[code];
      if (!preset) return;
      for (const c of COLORS) this.$refs[`color_${c}`].value = preset.colors[c];
      this.$refs.font_heading.value = preset.fontHeading;
      this.$refs.font_body.value = preset.fontBody;
      this.$refs.radius.value = preset.radius;
      this.changed();
    },

    changed() {
      this.read();
      const ds = this.$root.dataset;
      const text = contrast(this.values.color_text, this.values.color_background);
      const button = contrast('#ffffff', this.values.color_primary);
      const round = (r) => (Math.floor(r * 100) / 100).toString();
      if (text < 4.5) {
        this.contrastLow = true;
        this.contrastText = ds.textLow.replace('{ratio}', round(text));
      } else if (button < 4.5) {
        this.contrastLow = true;
        this.contrastText = ds.buttonLow.replace('{ratio}', round(button));
      } else {
        this.contrastLow = false;
        this.contrastText = ds.ok.replace('{text}', round(text)).replace('{button}', round(button));
      }
      this.paint();
    },

    paint() {
      const doc = this.$refs.frame.contentDocument;
      if (!doc || !doc.documentElement) return;
      const style = doc.documentElement.style;
      for (const c of COLORS) style.setProperty(`--color-${c}`, this.values[`color_${c}`]);
      style.setProperty('--font-heading', this.fonts[this.values.font_heading] || '');
      style.setProperty('--font-body', this.fonts[this.values.font_body] || '');
      style.setProperty('--radius', RADII[this.values.radius] || '8px');
    },

    frameLoaded() {
      this.paint();
    },

    // A logo or favicon is rendered by the server: reload the frame with the form's values.
    reloadSoon() {
      clearTimeout(this.reloadTimer);
      this.reloadTimer = setTimeout(() => {
        const data = new FormData(this.$root);
        data.delete('_csrf');
        this.$refs.frame.src = `${this.$root.dataset.preview}?${new URLSearchParams(data).toString()}`;
      }, 150);
    },
  }));
});
