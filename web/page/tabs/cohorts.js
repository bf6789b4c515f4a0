// Cohorts tab: the cohort heatmap with a measure switch, LTV curves, and the matrix as a table.

import { cohortHeatmap, cohortLtv } from '../../src/charts/index.js';
import { h } from '../lib/dom.js';

const MEASURES = ['active', 'retention', 'revenue', 'cumulativeRevenuePerCustomer', 'retentionOrLater', 'retentionCumulative'];
const MEASURE_KINDS = {
  active: 'integer', retention: 'percent', revenue: 'money', cumulativeRevenuePerCustomer: 'money',
  retentionOrLater: 'percent', retentionCumulative: 'percent',
};

/** The Cohorts tab. */
export default {
  id: 'cohorts',
  labelKey: 'tab.cohorts',
  analyses: ['cohorts'],
  emptyKey: 'cohorts.empty',
  render(ctx) {
    const { t, i18n, state } = ctx;
    const c = ctx.report.cohorts;
    const measure = state.measure || 'retention';
    const offsets = c.offsets || 0;
    const matrix = c[measure] || [];
    const rows = c.cohorts.map((label, i) => {
      const row = { cohort: label, size: c.sizes[i] };
      for (let k = 0; k < offsets; k++) row[`k${k}`] = matrix[i]?.[k] ?? null;
      return row;
    });
    const columns = [
      { key: 'cohort', label: t('col.cohort'), kind: 'text' },
      { key: 'size', label: t('col.cohortSize'), kind: 'integer' },
      ...Array.from({ length: offsets }, (_, k) => ({ key: `k${k}`, label: String(k), kind: MEASURE_KINDS[measure] })),
    ];
    const periodWord = t(`period.${c.period}`);
    return h('div', { class: 'tab-body' },
      h('p', { class: 'range' }, t('cohorts.summary', {
        count: i18n.integer(c.cohorts.length), period: periodWord, by: t(`cohortBy.${c.by}`), asOf: i18n.date(c.asOf),
      })),
      c.partialLastPeriod ? ctx.note(t('cohorts.partial', { period: c.lastPeriod })) : null,
      ctx.switcher({
        id: 'cohort-measure', label: t('cohorts.measure'), value: measure,
        options: MEASURES.map((m) => ({ value: m, label: t(`measure.${m}`) })),
        onChange: (v) => { state.measure = v; ctx.rerender(); },
      }),
      ctx.chart({
        id: 'cohortHeatmap', title: t('chart.cohortHeatmap', { measure: t(`measure.${measure}`) }), build: cohortHeatmap, part: c,
        options: { measure }, minWidth: 160 + offsets * 30, description: t('cohorts.emptyCells'),
        onSelect: (d) => d.cohort !== undefined && d.offset !== undefined && ctx.drillCohort(d.cohort, d.offset),
      }),
      ctx.chart({ id: 'cohortLtv', title: t('chart.cohortLtv'), build: cohortLtv, part: c }),
      ctx.table({
        id: 'cohortMatrix', title: t('table.cohorts', { measure: t(`measure.${measure}`) }), filename: `cohorts-${measure}`, rows, columns, limit: 200,
        onRowSelect: (row) => ctx.drillCohort(row.cohort, null), rowActionLabel: (row) => t('drill.showCohort', { cohort: row.cohort }),
      }));
  },
};
