// What a tab's render(ctx) gets: the report, translations, and builders for charts, tables and drill-downs.

import { h } from '../lib/dom.js';
import { chartView } from './chart-view.js';
import { dataTable } from './data-table.js';
import { kpiGrid, note, section, switcher } from './widgets.js';
import { tabEmpty } from './empty-state.js';

/**
 * The context for one render of one tab.
 * @param {object} app the <crm-analytics> element
 * @param {object} tab the tab definition ({id, ...})
 */
export function createTabContext(app, tab) {
  const ctx = {
    app,
    report: app.report,
    lang: app.language,
    t: app.t,
    i18n: app.i18n,
    params: app.params,
    filters: app.filters,
    state: app.tabState(tab.id),
    downloadRoot: app.shadowRoot,
    tableSort: app.tableSort,
    registerView: (id, view) => app.registerView(id, view),
    rerender: () => app.renderPanel(),
    section,
    kpiGrid,
    switcher,
    note,
    empty: (key) => tabEmpty(app, key),
    /** A chart card: spec = build(part, {locale, ...options}); `minWidth` makes wide heatmaps scroll. */
    chart({ id, title, build, part, options = {}, onSelect, description, minWidth }) {
      let spec;
      try {
        spec = build(part, { locale: app.language, ...options });
      } catch (error) {
        return h('div', { class: 'card chart-card', 'data-testid': `chart-${id}`, 'data-error': '' },
          h('p', { class: 'card-title' }, title), h('p', { class: 'alert-inline' }, app.t('chart.error', { message: error.message })));
      }
      const card = chartView({ id, title, spec, ctx, onSelect, description });
      if (minWidth) card.querySelector('.chart-target').style.minWidth = `${minWidth}px`;
      return card;
    },
    /** A sortable table card with CSV export (see data-table.js). */
    table: (options) => dataTable({ ...options, ctx }),
    /** Opens the drill panel for RFM customers ({r, f} or {segment}). */
    drillRfm: (match, title) => app.drillRfm(match, title),
    /** Opens the drill panel for a cohort cell. */
    drillCohort: (cohort, offset) => app.drillCohort(cohort, offset),
    /** Opens the drill panel for a funnel stage (set: reached|skipped|droppedAfter|stalled|won|lost|open), optionally one manager's. */
    drillStage: (stage, set, manager) => app.drillStage(stage, set, manager),
  };
  return ctx;
}
