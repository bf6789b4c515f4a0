// The drill-down panel: a dialog listing the customers or deals behind a clicked cell, bar or row.

import { h, replaceChildren } from '../lib/dom.js';
import { dataTable } from './data-table.js';

/**
 * Creates the panel (append `panel.element` once). panel.open({id, title, subtitle, load, controls}) shows it;
 * `load()` resolves {columns: [{key, label, kind}], rows: [objects], note?} or throws (its message is shown).
 */
export function createDrillPanel(ctxProvider) {
  const body = h('div', { class: 'drill-body' });
  const heading = h('h2', { class: 'drill-title', id: 'drill-title' });
  const subtitle = h('p', { class: 'drill-subtitle' });
  const closeButton = h('button', { type: 'button', class: 'btn', 'data-testid': 'drill-close' });
  const dialog = h('dialog', { class: 'drill-panel', 'data-testid': 'drill-panel', 'aria-labelledby': 'drill-title' },
    h('div', { class: 'drill-head' }, h('div', {}, heading, subtitle), closeButton),
    body);
  closeButton.textContent = ctxProvider().t('drill.close');
  closeButton.addEventListener('click', () => dialog.close());
  dialog.addEventListener('click', (event) => {
    if (event.target === dialog) dialog.close();
  });
  let generation = 0;

  const show = async ({ id, title, subtitle: sub, load, controls }) => {
    const ctx = ctxProvider();
    const { t } = ctx;
    const current = ++generation;
    closeButton.textContent = t('drill.close');
    heading.textContent = title;
    subtitle.textContent = sub || '';
    replaceChildren(body, controls || null, h('p', { class: 'muted', role: 'status' }, t('drill.loading')));
    dialog.setAttribute('data-state', 'loading');
    if (!dialog.open) dialog.showModal();
    try {
      const { columns, rows, note } = await load();
      if (current !== generation) return;
      const table = rows.length
        ? dataTable({ id: 'drill', title, columns, rows, ctx, filename: `${id}`, limit: 500, note: note || null })
        : h('p', { class: 'muted' }, t('drill.none'));
      replaceChildren(body, controls || null, table);
      dialog.setAttribute('data-state', 'ready');
    } catch (error) {
      if (current !== generation) return;
      replaceChildren(body, controls || null, h('p', { class: 'alert', role: 'alert' }, error.message));
      dialog.setAttribute('data-state', 'error');
    }
  };

  /** Re-reads the panel's own labels (after a language change). */
  const relabel = () => {
    closeButton.textContent = ctxProvider().t('drill.close');
  };

  return { element: dialog, open: show, relabel, close: () => dialog.open && dialog.close() };
}
