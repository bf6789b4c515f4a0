// Overview tab: KPI cards, the date range and revenue over time.

import { overviewRevenue } from '../../src/charts/index.js';
import { h } from '../lib/dom.js';

/** The Overview tab. */
export default {
  id: 'overview',
  labelKey: 'tab.overview',
  analyses: ['summary'],
  emptyKey: 'overview.empty',
  render(ctx) {
    const { t, i18n } = ctx;
    const s = ctx.report.summary;
    const hasPurchases = s.purchases > 0;
    const kpis = [
      hasPurchases && { id: 'revenue', label: t('kpi.revenue'), value: i18n.money(s.revenue), hint: s.returnedAmount ? t('kpi.revenueHint', { gross: i18n.money(s.grossRevenue) }) : null },
      hasPurchases && { id: 'purchases', label: t('kpi.purchases'), value: i18n.integer(s.purchases), hint: t('kpi.purchasesHint', { value: i18n.number(s.purchasesPerCustomer, 2) }) },
      hasPurchases && { id: 'customers', label: t('kpi.customers'), value: i18n.integer(s.customers) },
      hasPurchases && { id: 'averageCheck', label: t('kpi.averageCheck'), value: i18n.money(s.averageCheck) },
      hasPurchases && { id: 'repeatRate', label: t('kpi.repeatRate'), value: i18n.percent(s.repeatRate), hint: t('kpi.repeatHint', { count: i18n.integer(s.repeatCustomers) }) },
      hasPurchases && s.returnRows > 0 && { id: 'returns', label: t('kpi.returns'), value: i18n.money(s.returnedAmount), hint: t('kpi.returnsHint', { count: i18n.integer(s.returnRows) }) },
      s.deals ? { id: 'deals', label: t('kpi.deals'), value: i18n.integer(s.deals) } : null,
    ].filter(Boolean);
    const range = s.firstDate
      ? t('overview.range', { from: i18n.date(s.firstDate), to: i18n.date(s.lastPurchase || s.firstDate), asOf: i18n.date(s.asOf) })
      : t('overview.noPurchases');
    const months = s.months || [];
    return h('div', { class: 'tab-body' },
      h('p', { class: 'range', 'data-testid': 'date-range' }, range),
      ctx.kpiGrid(kpis),
      months.length ? ctx.chart({ id: 'overviewRevenue', title: t('chart.overviewRevenue'), build: overviewRevenue, part: s }) : null,
      months.length ? ctx.table({
        id: 'overviewMonths',
        title: t('table.months'),
        filename: 'revenue-by-month',
        rows: months,
        columns: [
          { key: 'month', label: t('col.month'), kind: 'text' },
          { key: 'revenue', label: t('col.revenue'), kind: 'money' },
          { key: 'purchases', label: t('col.purchases'), kind: 'integer' },
          { key: 'customers', label: t('col.customers'), kind: 'integer' },
          { key: 'newCustomers', label: t('col.newCustomers'), kind: 'integer' },
        ],
      }) : null);
  },
};
