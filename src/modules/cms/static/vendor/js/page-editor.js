// The sections editor of a content page: add, remove and reorder typed blocks
// (hero, rich text, image with text) and edit their texts per language. The
// blocks travel to the server as JSON in the hidden `sections` field, which
// the server renders with the saved value: without JavaScript the page's
// other fields still save, and its sections stay as they are.
// Loaded with `defer` before Alpine, so the component exists when Alpine starts.
document.addEventListener('alpine:init', () => {
  const LOCALISED = {
    hero: ['heading', 'subheading', 'button_label'],
    rich_text: ['html'],
    image_text: ['text'],
  };
  let nextKey = 1;

  /** A block as the editor keeps it: every localised field an object, plus a key for x-for. */
  function prepare(block) {
    const out = { ...block, _key: nextKey++ };
    for (const name of LOCALISED[block.type] ?? []) out[name] = { ...(block[name] ?? {}) };
    if (block.type === 'hero') {
      out.button_link = block.button_link ?? '';
      out.image_id = block.image_id ?? '';
    }
    if (block.type === 'image_text') {
      out.image_id = block.image_id ?? '';
      out.image_position = block.image_position ?? 'left';
    }
    return out;
  }

  function blank(type) {
    if (type === 'hero') return { type, heading: {}, subheading: {}, button_label: {}, button_link: '', image_id: null };
    if (type === 'image_text') return { type, image_id: null, text: {}, image_position: 'left' };
    return { type: 'rich_text', html: {} };
  }

  window.Alpine.data('cmsSections', () => ({
    sections: [],
    lang: 'en',
    addType: '',

    init() {
      const source = this.$root.querySelector('script[type="application/json"][data-sections]');
      let initial = [];
      try {
        initial = JSON.parse(source?.textContent || '[]');
      } catch {
        initial = [];
      }
      this.sections = Array.isArray(initial) ? initial.map(prepare) : [];
      this.lang = this.$root.dataset.language || 'en';
      this.addType = this.$root.dataset.firstType || 'rich_text';
    },

    /** What the hidden field posts: the blocks without the editor's keys, empty images as none. */
    get json() {
      return JSON.stringify(
        this.sections.map(({ _key, ...block }) => {
          if ('image_id' in block) block.image_id = block.image_id === '' || block.image_id === null ? null : Number(block.image_id);
          return block;
        }),
      );
    },

    add() {
      this.sections.push(prepare(blank(this.addType)));
      this.$nextTick(() => {
        const blocks = this.$root.querySelectorAll('[data-section]');
        blocks[blocks.length - 1]?.focus();
      });
    },

    remove(index) {
      this.sections.splice(index, 1);
    },

    move(index, by) {
      const target = index + by;
      if (target < 0 || target >= this.sections.length) return;
      const [block] = this.sections.splice(index, 1);
      this.sections.splice(target, 0, block);
    },

    /** A unique id for a field of a block, for label/input pairs inside x-for. */
    fid(section, name) {
      return `section-${section._key}-${name}`;
    },
  }));
});
