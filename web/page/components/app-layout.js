// The app's frame: header, alerts, the data section (drop zone, progress, files, accounting), and either the
// workspace (filters and parameters beside the tabs) or the first-visit empty state.

import { h } from '../lib/dom.js';
import { appHeader } from './app-header.js';
import { alertRegion } from './alerts.js';
import { dropZone } from './drop-zone.js';
import { fileList } from './file-panel.js';
import { accounting } from './accounting.js';
import { filtersPanel } from './filters-panel.js';
import { paramsPanel } from './params-panel.js';
import { emptyState } from './empty-state.js';
import { disclosure } from './disclosure.js';

function dataSection(app, progress) {
  const { t } = app;
  const widget = app.mode === 'widget';
  const hasFiles = app.files.size > 0;
  const parts = [widget ? null : dropZone(app, { compact: hasFiles }), progress, fileList(app), accounting(app, app.report?.rows)];
  if (widget) {
    return hasFiles
      ? disclosure(app, 'data-section', t('data.title'), h('div', { class: 'data-body' }, parts), { className: 'data-disclosure', testid: 'data-section' })
      : progress;
  }
  return h('section', { class: `data-section${hasFiles ? ' has-files' : ''}`, 'aria-label': t('data.title'), 'data-testid': 'data-section' }, parts);
}

/**
 * The whole app as one element, plus the slots the tabs are drawn into ({root, tabsSlot, panel}; the slots are
 * null before there is a report). `progress` is the persistent progress bar element.
 */
export function appLayout(app, { progress }) {
  const { t } = app;
  const widget = app.mode === 'widget';
  let tabsSlot = null;
  let panel = null;
  let workspace = null;
  if (app.report) {
    const wide = !!globalThis.matchMedia?.('(min-width: 1024px)').matches;
    const controls = h('div', { class: 'controls-body' }, filtersPanel(app), paramsPanel(app));
    tabsSlot = h('div', { class: 'tabs-slot' });
    panel = h('div', { class: 'tabpanel', role: 'tabpanel', id: 'tabpanel', tabindex: '0', 'data-testid': 'tabpanel' });
    workspace = h('div', { class: 'workspace' },
      h('aside', { class: 'controls', 'aria-label': t('controls.title') },
        disclosure(app, 'controls', t('controls.title'), controls, { defaultOpen: !widget && wide, className: 'controls-disclosure', testid: 'controls' })),
      h('section', { class: 'results', 'aria-label': t('results.title') }, tabsSlot, panel));
  } else if (![...app.files.values()].some((f) => !f.error)) {
    workspace = emptyState(app);
  }
  const root = h('div', { class: `app ${widget ? 'mode-widget' : 'mode-page'}`, lang: app.language },
    appHeader(app),
    alertRegion(app),
    app.notice ? h('p', { class: 'notice', role: 'status', 'data-testid': 'notice' }, app.notice) : null,
    h('main', { class: 'app-main' }, dataSection(app, progress), workspace));
  return { root, tabsSlot, panel };
}
