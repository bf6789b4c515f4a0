// Progress of the running load (rows and MB) with a Cancel button; updated in place, never rebuilt.

import { h } from '../lib/dom.js';

/**
 * The progress block: {element, update(progress|null), current}; progress = {name, phase, bytes, totalBytes, rows}.
 * update(current) relabels it after a language change.
 */
export function createProgressBar(app) {
  const text = h('div', { class: 'progress-text' });
  const bar = h('progress', {});
  const cancel = h('button', { type: 'button', class: 'btn', 'data-testid': 'cancel', on: { click: () => app.cancel() } });
  const element = h('div', { class: 'progress', 'data-testid': 'progress', role: 'status', hidden: true }, text, bar, cancel);
  const state = { current: null };
  const update = (p) => {
    const { t, i18n } = app;
    state.current = p;
    element.hidden = !p;
    cancel.textContent = t('progress.cancel');
    if (!p) return;
    const key = { parsing: 'progress.parsing', analyzing: 'progress.analyzing' }[p.phase] || 'progress.reading';
    text.textContent = t(key, {
      name: p.name || '',
      rows: i18n.integer(p.rows || 0),
      mb: i18n.megabytes(p.bytes || 0),
      total: i18n.megabytes(p.totalBytes || 0),
    });
    bar.setAttribute('aria-label', text.textContent);
    if (p.totalBytes > 0) {
      bar.max = p.totalBytes;
      bar.value = Math.min(p.bytes || 0, p.totalBytes);
    } else {
      bar.removeAttribute('value');
    }
  };
  return {
    element,
    update,
    get current() {
      return state.current;
    },
  };
}
