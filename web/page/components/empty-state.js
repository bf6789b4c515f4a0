// What the page shows before any data: what it does, what to drop, and the sample one click away.

import { h } from '../lib/dom.js';

/** The first-visit empty state. */
export function emptyState(app) {
  const { t } = app;
  return h('section', { class: 'empty-state', 'data-testid': 'empty-state' },
    h('h2', {}, t('empty.title')),
    h('p', {}, t('empty.intro')),
    h('ul', { class: 'empty-list' },
      h('li', {}, t('empty.orders')),
      h('li', {}, t('empty.deals')),
      h('li', {}, t('empty.formats'))),
    app.mode === 'widget' ? h('p', { class: 'muted' }, t('empty.widget')) : h('p', {},
      h('button', { type: 'button', class: 'btn btn-primary', 'data-testid': 'empty-sample', on: { click: () => app.loadSample() } }, t('sample.load')),
      ' ',
      h('span', { class: 'muted' }, t('empty.sampleHint'))));
}

/** A tab's empty state: why it is empty and what to add. */
export function tabEmpty(app, messageKey) {
  const { t } = app;
  return h('div', { class: 'empty-state tab-empty-state', 'data-testid': 'tab-empty' },
    h('p', {}, t(messageKey)),
    app.mode === 'widget' ? null : h('button', { type: 'button', class: 'btn', on: { click: () => app.loadSample() } }, t('sample.load')));
}
