// Overview tab: revenue by month.

import { frame, resolveOptions, withoutNulls } from './spec.js';

/**
 * Revenue per month as bars (report.summary.months), purchases and customers in the tooltip.
 * Datum (one per month, drill key `month`): {month: 'YYYY-MM', revenue, purchases, customers, newCustomers}.
 * @param {object} summary report.summary
 * @param {object} [options] {locale, labels, width, height, theme, palette, formats, title}
 */
export function overviewRevenue(summary, options = {}) {
  const resolved = resolveOptions(options);
  const { labels, formats } = resolved;
  const rows = (summary?.months || []).map((m) => withoutNulls({
    month: m.month, revenue: m.revenue, purchases: m.purchases, customers: m.customers,
    newCustomers: m.newCustomers,
  }));
  const spec = frame(resolved, { titleKey: 'chartOverviewRevenue', height: 260, rows });
  spec.mark = { type: 'bar', tooltip: true };
  spec.encoding = {
    // 'YYYY-MM' parses as the first of the month, UTC; the utc time unit keeps it there in every time zone.
    x: {
      field: 'month', type: 'temporal', timeUnit: 'utcyearmonth', title: labels.month,
      axis: { format: formats.month, labelOverlap: true },
    },
    y: { field: 'revenue', type: 'quantitative', title: labels.revenue, axis: { format: formats.moneyAxis } },
    tooltip: [
      { field: 'month', type: 'temporal', timeUnit: 'utcyearmonth', title: labels.month, format: formats.monthLong },
      { field: 'revenue', type: 'quantitative', title: labels.revenue, format: formats.money },
      { field: 'purchases', type: 'quantitative', title: labels.purchases, format: formats.count },
      { field: 'customers', type: 'quantitative', title: labels.customers, format: formats.count },
      { field: 'newCustomers', type: 'quantitative', title: labels.newCustomers, format: formats.count },
    ],
  };
  return spec;
}
