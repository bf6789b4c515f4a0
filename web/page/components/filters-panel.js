// Filters: period and the value lists (channel, manager, status, pipeline); each change recomputes, no re-parse.

import { h } from '../lib/dom.js';
import { LIST_FILTERS } from '../lib/request.js';
import { disclosure } from './disclosure.js';

const LABEL_KEYS = { channels: 'filter.channels', managers: 'filter.managers', statuses: 'filter.statuses', pipelines: 'filter.pipelines' };

function listFilter(app, key, values) {
  const { t } = app;
  const selected = new Set(app.filters[key]);
  const offered = [...new Set([...values, ...selected])];
  if (!offered.length) return null;
  const summary = h('span', { class: 'filter-summary' },
    h('span', {}, t(LABEL_KEYS[key])), ': ',
    h('strong', {}, selected.size ? t('filter.selected', { count: selected.size }) : t('filter.all')));
  const boxes = h('fieldset', { class: 'checklist' },
    h('legend', { class: 'visually-hidden' }, t(LABEL_KEYS[key])),
    offered.map((value) => h('label', { class: 'check' },
      h('input', {
        type: 'checkbox', value, checked: selected.has(value), 'data-testid': `filter-${key}-option`,
        on: {
          change: (e) => {
            const next = new Set(app.filters[key]);
            if (e.target.checked) next.add(value);
            else next.delete(value);
            app.setFilters({ [key]: offered.filter((v) => next.has(v)) });
          },
        },
      }),
      h('span', {}, value))),
    selected.size ? h('button', { type: 'button', class: 'link-button', 'data-testid': `filter-${key}-clear`, on: { click: () => app.setFilters({ [key]: [] }) } }, t('filter.clearList')) : null);
  return disclosure(app, `filter-${key}`, summary, boxes, { className: 'filter-list', testid: `filter-${key}` });
}

/** The filters panel. */
export function filtersPanel(app) {
  const { t } = app;
  const dateInput = (key, testid, label) => h('label', { class: 'field' },
    h('span', { class: 'field-label' }, label),
    h('input', {
      type: 'date', value: app.filters[key] || '', 'data-testid': testid,
      on: { change: (e) => app.setFilters({ [key]: e.target.value }) },
    }));
  const any = app.filters.from || app.filters.to || LIST_FILTERS.some((k) => app.filters[k].length);
  return h('section', { class: 'panel', 'aria-labelledby': 'filters-title', 'data-testid': 'filters' },
    h('div', { class: 'panel-head' },
      h('h2', { id: 'filters-title', class: 'panel-title' }, t('filter.title')),
      any ? h('button', { type: 'button', class: 'link-button', 'data-testid': 'filter-reset', on: { click: () => app.resetFilters() } }, t('filter.reset')) : null),
    h('div', { class: 'field-row dates' },
      dateInput('from', 'filter-from', t('filter.from')),
      dateInput('to', 'filter-to', t('filter.to'))),
    LIST_FILTERS.map((key) => listFilter(app, key, app.filterValues[key] || [])),
    h('p', { class: 'field-hint' }, t('filter.hint')));
}
