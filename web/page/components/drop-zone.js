// The drop zone and file picker (several files at once).

import { h } from '../lib/dom.js';

/** A drop zone: dropping files or choosing them calls app.loadFiles([...files]). */
export function dropZone(app, { compact = false } = {}) {
  const { t } = app;
  const input = h('input', {
    type: 'file', multiple: true, class: 'visually-hidden', 'data-testid': 'file-input',
    accept: '.csv,.tsv,.txt,.json,.ndjson,.jsonl,text/csv,application/json',
    on: { change: (e) => { const files = [...e.target.files]; e.target.value = ''; if (files.length) app.loadFiles(files); } },
  });
  const zone = h('label', { class: `drop-zone${compact ? ' compact' : ''}`, 'data-testid': 'drop-zone' },
    input,
    h('span', { class: 'drop-icon', 'aria-hidden': 'true' }, '⇪'),
    h('span', { class: 'drop-text' },
      h('strong', {}, t('drop.title')),
      h('span', { class: 'muted' }, t('drop.hint'))));
  zone.addEventListener('dragover', (e) => {
    e.preventDefault();
    zone.classList.add('dragging');
  });
  zone.addEventListener('dragleave', () => zone.classList.remove('dragging'));
  zone.addEventListener('drop', (e) => {
    e.preventDefault();
    zone.classList.remove('dragging');
    const files = [...(e.dataTransfer?.files || [])];
    if (files.length) app.loadFiles(files);
  });
  return zone;
}
