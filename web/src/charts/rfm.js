// RFM tab: the R×F heatmap and the segment bars.

import { frame, resolveOptions, withoutNulls, field, calculateFormatted, oneOf } from './spec.js';
import { segmentLabel } from './labels.js';

/** The measures rfmGrid can colour by. */
export const RFM_GRID_MEASURES = Object.freeze(['count', 'meanMonetary']);

function range(from, to) {
  const out = [];
  for (let i = from; i <= to; i++) out.push(i);
  return out;
}

/**
 * R×F heatmap of report.rfm.grid: colour = customer count (or `options.measure` 'meanMonetary'), text = count,
 * tooltip count, mean monetary and revenue. All n×n cells are drawn; empty ones (count 0) in the empty colour.
 * Datum (one per cell, drill keys `r`, `f`): {r, f, count, revenue, meanMonetary?, meanM?} — the means are left
 * out of empty cells (the report has null there).
 * @param {object} rfm report.rfm
 * @param {object} [options] {measure: 'count'|'meanMonetary', locale, labels, width, height, theme, palette, formats}
 */
export function rfmGrid(rfm, options = {}) {
  const measure = oneOf('rfmGrid measure', options.measure, RFM_GRID_MEASURES, 'count');
  const resolved = resolveOptions(options);
  const { labels, formats, palette } = resolved;
  const n = rfm?.n ?? 0;
  const grid = rfm?.grid || {};
  const rows = [];
  for (let r = 1; r <= n; r++) {
    for (let f = 1; f <= n; f++) {
      const at = (matrix) => matrix?.[r - 1]?.[f - 1];
      rows.push(withoutNulls({
        r, f, count: at(grid.count) ?? 0, revenue: at(grid.revenue), meanMonetary: at(grid.meanMonetary),
        meanM: at(grid.meanM),
      }));
    }
  }
  let top = 0;
  for (const row of rows) top = Math.max(top, row[measure] ?? 0);
  const measureTitle = measure === 'count' ? labels.customers : labels.meanMonetary;
  const measureFormat = measure === 'count' ? formats.count : formats.moneyAxis;
  const spec = frame(resolved, { titleKey: 'chartRfmGrid', height: 300, rows });
  spec.encoding = {
    x: { field: 'f', type: 'ordinal', title: labels.frequencyScore, scale: { domain: range(1, n) },
      axis: { labelAngle: 0 } },
    // R = n (most recent) on top.
    y: { field: 'r', type: 'ordinal', title: labels.recencyScore, scale: { domain: range(1, n).reverse() } },
  };
  spec.layer = [
    {
      transform: [
        calculateFormatted('count', formats.count, 'countText'),
        calculateFormatted('meanMonetary', formats.money, 'meanMonetaryText'),
        calculateFormatted('revenue', formats.money, 'revenueText'),
      ],
      mark: { type: 'rect', stroke: palette.gap, strokeWidth: 1 },
      encoding: {
        color: {
          condition: { test: `${field('count')} === 0`, value: palette.empty },
          field: measure, type: 'quantitative', title: measureTitle,
          scale: { domain: [0, top || 1] }, legend: { format: measureFormat },
        },
        tooltip: [
          { field: 'r', type: 'ordinal', title: labels.recencyScore },
          { field: 'f', type: 'ordinal', title: labels.frequencyScore },
          { field: 'countText', type: 'nominal', title: labels.customers },
          { field: 'meanMonetaryText', type: 'nominal', title: labels.meanMonetary },
          { field: 'revenueText', type: 'nominal', title: labels.revenue },
        ],
      },
    },
    {
      transform: [{ filter: `${field('count')} > 0` }],
      mark: { type: 'text', baseline: 'middle', align: 'center' },
      encoding: {
        text: { field: 'count', type: 'quantitative', format: formats.count },
        color: {
          condition: { test: `${field(measure)} > ${0.55 * top}`, value: palette.textOnDark },
          value: palette.text,
        },
      },
    },
  ];
  return spec;
}

/**
 * Customers' share and revenue share per RFM segment (report.rfm.segments, in report order) as overlaid bars.
 * Datum (one per segment, drill key `segment` = the report's segment name): {segment, label (the shown name),
 * customers, share, revenue, revenueShare, meanRecency?, meanFrequency?, meanMonetary?} — means are left out of
 * empty segments.
 * @param {object} rfm report.rfm
 * @param {object} [options] {locale, labels, width, height, theme, palette, formats}
 */
export function rfmSegments(rfm, options = {}) {
  const resolved = resolveOptions(options);
  const { labels, formats, palette } = resolved;
  const rows = (rfm?.segments || []).map((s) => withoutNulls({
    segment: s.name, label: segmentLabel(s.name, labels), customers: s.customers, share: s.share,
    revenue: s.revenue, revenueShare: s.revenueShare, meanRecency: s.meanRecency,
    meanFrequency: s.meanFrequency, meanMonetary: s.meanMonetary,
  }));
  const spec = frame(resolved, { titleKey: 'chartRfmSegments', height: 28 * rows.length + 90, rows });
  const tooltip = [
    { field: 'label', type: 'nominal', title: labels.segment },
    { field: 'customers', type: 'quantitative', title: labels.customers, format: formats.count },
    { field: 'share', type: 'quantitative', title: labels.customerShare, format: formats.percent },
    { field: 'revenue', type: 'quantitative', title: labels.revenue, format: formats.money },
    { field: 'revenueShare', type: 'quantitative', title: labels.revenueShare, format: formats.percent },
    { field: 'meanRecencyText', type: 'nominal', title: labels.meanRecency },
    { field: 'meanFrequencyText', type: 'nominal', title: labels.meanFrequency },
    { field: 'meanMonetaryText', type: 'nominal', title: labels.meanMonetary },
  ];
  const color = (title) => ({
    datum: title, type: 'nominal', title: null,
    scale: { domain: [labels.customerShare, labels.revenueShare], range: [palette.secondary, palette.primary] },
  });
  spec.transform = [
    calculateFormatted('meanRecency', formats.days, 'meanRecencyText'),
    calculateFormatted('meanFrequency', formats.days, 'meanFrequencyText'),
    calculateFormatted('meanMonetary', formats.money, 'meanMonetaryText'),
  ];
  spec.encoding = {
    y: { field: 'label', type: 'nominal', title: null, sort: null, scale: { domain: rows.map((r) => r.label) } },
    tooltip,
  };
  spec.layer = [
    {
      mark: { type: 'bar', height: { band: 0.8 } },
      encoding: {
        x: { field: 'share', type: 'quantitative', title: labels.share, axis: { format: formats.percentShort } },
        color: color(labels.customerShare),
      },
    },
    {
      mark: { type: 'bar', height: { band: 0.36 } },
      encoding: { x: { field: 'revenueShare', type: 'quantitative' }, color: color(labels.revenueShare) },
    },
  ];
  return spec;
}
