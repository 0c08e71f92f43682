// Media library (vendor back office): drag and drop onto the upload form, and copying a file's URL.
// Without JavaScript the plain file field and submit button do the same.
document.addEventListener('alpine:init', () => {
  const Alpine = window.Alpine;

  // <form x-data="mediaDropzone">: a file dropped on the zone is put in the file field and uploaded.
  Alpine.data('mediaDropzone', () => ({
    over: false,
    name: '',
    submitting: false,
    chosen() {
      const file = this.$refs.input.files[0];
      this.name = file ? file.name : '';
    },
    drop(event) {
      this.over = false;
      const files = event.dataTransfer && event.dataTransfer.files;
      if (!files || files.length === 0) return;
      const transfer = new DataTransfer();
      transfer.items.add(files[0]);
      this.$refs.input.files = transfer.files;
      this.chosen();
      this.submitting = true;
      this.$root.requestSubmit();
    },
  }));

  // <div x-data="copyMediaUrl" data-copy="Copy" data-copied="Copied"> with an input x-ref="url".
  Alpine.data('copyMediaUrl', () => ({
    label: '',
    init() {
      this.label = this.$root.dataset.copy;
    },
    async copy() {
      const input = this.$refs.url;
      try {
        await navigator.clipboard.writeText(input.value);
      } catch {
        input.select();
        document.execCommand('copy');
      }
      this.label = this.$root.dataset.copied;
      setTimeout(() => (this.label = this.$root.dataset.copy), 2000);
    },
  }));
});
