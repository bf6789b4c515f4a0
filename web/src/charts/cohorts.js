// Cohorts tab: the cohort × offset heatmap and the LTV curves.

import { frame, resolveOptions, field, literal, calculateFormatted, oneOf } from './spec.js';

/** The matrices cohortHeatmap can show (keys of report.cohorts). */
export const COHORT_MEASURES = Object.freeze([
  'retention', 'active', 'revenue', 'cumulativeRevenuePerCustomer', 'retentionOrLater', 'retentionCumulative',
]);

const kMeasureKind = {
  retention: 'percent', retentionOrLater: 'percent', retentionCumulative: 'percent', active: 'count',
  revenue: 'money', cumulativeRevenuePerCustomer: 'money',
};

/** The offset axis title for the cohort period ('month' -> 'Months since first purchase'). */
function offsetTitle(cohorts, labels) {
  const period = String(cohorts?.period || '');
  const key = `offset${period.charAt(0).toUpperCase()}${period.slice(1)}`;
  return labels[key] ?? labels.offset;
}

function offsetDomain(cohorts) {
  const k = cohorts?.offsets ?? 0;
  return Array.from({ length: k }, (_, i) => i);
}

/**
 * The observable cells of one matrix: {cohort, offset, size, value, active?, partial?}; null cells are left out.
 * `active` (from report.cohorts.active) is added when `withActive`.
 */
function cells(cohorts, matrix, withActive = false) {
  const rows = [];
  const labels = cohorts?.cohorts || [];
  for (let i = 0; i < labels.length; i++) {
    const line = matrix?.[i] || [];
    for (let k = 0; k < line.length; k++) {
      if (line[k] === null || line[k] === undefined) continue;
      const row = { cohort: labels[i], offset: k, size: cohorts.sizes?.[i], value: line[k] };
      if (row.size === null || row.size === undefined) delete row.size;
      const active = withActive ? cohorts.active?.[i]?.[k] : null;
      if (active !== null && active !== undefined) row.active = active;
      if (cohorts.partialOffsets?.[i] === k) row.partial = true;
      rows.push(row);
    }
  }
  return rows;
}

/** A calculate transform naming the cell's period status in words (complete / in progress). */
function periodStatus(labels) {
  return {
    calculate: `${field('partial')} === true ? ${literal(labels.periodPartial)} : ${literal(labels.periodComplete)}`,
    as: 'periodStatusText',
  };
}

/**
 * Cohort × offset heatmap of one matrix of report.cohorts (`options.measure`, default 'retention'; see
 * COHORT_MEASURES). Rows are the cohorts in report order, columns the offsets 0..K-1; unobservable (null) cells are
 * left out and drawn empty; the partial cell of each cohort is drawn faded with a dashed outline. For every measure
 * but cumulativeRevenuePerCustomer the colour scale spans the offsets ≥ 1 (offset 0 is clamped to the darkest), so
 * that the later periods are readable. Cell text: `options.cellText` (default when K ≤ 12).
 * Datum (one per observable cell, drill keys `cohort`, `offset`): {cohort, offset, size, value (the measure's
 * number), active? (active customers, for measures other than 'active'), partial?: true}.
 * @param {object} cohorts report.cohorts
 * @param {object} [options] {measure, cellText, locale, labels, width, height, theme, palette, formats}
 */
export function cohortHeatmap(cohorts, options = {}) {
  const measure = oneOf('cohortHeatmap measure', options.measure, COHORT_MEASURES, 'retention');
  const resolved = resolveOptions(options);
  const { labels, formats, palette } = resolved;
  const rows = cells(cohorts, cohorts?.[measure], measure !== 'active');
  const kind = kMeasureKind[measure];
  const format = { percent: formats.percent, count: formats.count, money: formats.money }[kind];
  const shortFormat = { percent: formats.percentShort, count: formats.count, money: formats.moneyShort }[kind];

  let low = 0;
  let highAll = 0;
  let highLater = null;
  for (const row of rows) {
    low = Math.min(low, row.value);
    highAll = Math.max(highAll, row.value);
    if (row.offset >= 1) highLater = Math.max(highLater ?? row.value, row.value);
  }
  const clampFirst = measure !== 'cumulativeRevenuePerCustomer' && highLater !== null && highLater > low;
  const high = clampFirst ? highLater : highAll;
  const scale = clampFirst ? { domain: [low, high], clamp: true } : { domain: [low, high > low ? high : low + 1] };

  const height = 20 * (cohorts?.cohorts?.length ?? 0) + 100;
  const spec = frame(resolved, { titleKey: 'chartCohortHeatmap', height: Math.max(180, height), rows });
  spec.transform = [
    calculateFormatted('value', format, 'valueText'),
    calculateFormatted('size', formats.count, 'sizeText'),
    calculateFormatted('active', formats.count, 'activeText'),
    periodStatus(labels),
  ];
  spec.encoding = {
    x: {
      field: 'offset', type: 'ordinal', title: offsetTitle(cohorts, labels), scale: { domain: offsetDomain(cohorts) },
      axis: { labelAngle: 0, labelOverlap: 'parity' },
    },
    y: {
      field: 'cohort', type: 'ordinal', title: labels.cohort, sort: null,
      scale: { domain: [...(cohorts?.cohorts || [])] },
    },
  };
  const tooltip = [
    { field: 'cohort', type: 'ordinal', title: labels.cohort },
    { field: 'offset', type: 'ordinal', title: offsetTitle(cohorts, labels) },
    { field: 'valueText', type: 'nominal', title: labels[measure] },
    ...(measure === 'active' ? [] : [{ field: 'activeText', type: 'nominal', title: labels.active }]),
    { field: 'sizeText', type: 'nominal', title: labels.cohortSize },
    { field: 'periodStatusText', type: 'nominal', title: labels.periodStatus },
  ];
  const partial = `${field('partial')} === true`;
  spec.layer = [{
    mark: { type: 'rect', strokeDash: [3, 2], strokeWidth: 1 },
    encoding: {
      color: { field: 'value', type: 'quantitative', title: labels[measure], scale, legend: { format: shortFormat } },
      opacity: { condition: { test: partial, value: 0.5 }, value: 1 },
      stroke: { condition: { test: partial, value: palette.partialStroke }, value: null },
      tooltip,
    },
  }];
  const cellText = options.cellText ?? (cohorts?.offsets ?? 0) <= 12;
  if (cellText) {
    spec.layer.push({
      mark: { type: 'text', baseline: 'middle', align: 'center', fontSize: 10 },
      encoding: {
        text: { field: 'value', type: 'quantitative', format: shortFormat },
        color: { condition: { test: `${field('value')} > ${low + 0.55 * (high - low)}`, value: palette.textOnDark },
          value: palette.text },
        tooltip,
      },
    });
  }
  return spec;
}

/**
 * Cumulative revenue per customer against the offset, one line per cohort (report.cohorts
 * .cumulativeRevenuePerCustomer); the partial last point of each cohort is drawn faded.
 * Datum (one per observable cell, drill keys `cohort`, `offset`): {cohort, offset, size, value, partial?: true}.
 * @param {object} cohorts report.cohorts
 * @param {object} [options] {locale, labels, width, height, theme, palette, formats}
 */
export function cohortLtv(cohorts, options = {}) {
  const resolved = resolveOptions(options);
  const { labels, formats } = resolved;
  const rows = cells(cohorts, cohorts?.cumulativeRevenuePerCustomer);
  const names = [...(cohorts?.cohorts || [])];
  const columns = Math.max(1, Math.min(4, names.length));
  const height = 280 + 18 * Math.ceil(names.length / columns);
  const spec = frame(resolved, { titleKey: 'chartCohortLtv', height, rows });
  spec.transform = [
    calculateFormatted('value', formats.money, 'valueText'),
    calculateFormatted('size', formats.count, 'sizeText'),
    periodStatus(labels),
  ];
  spec.encoding = {
    x: { field: 'offset', type: 'quantitative', title: offsetTitle(cohorts, labels),
      axis: { tickMinStep: 1, format: 'd' } },
    y: { field: 'value', type: 'quantitative', title: labels.cumulativeRevenuePerCustomer,
      axis: { format: formats.moneyAxis } },
    color: { field: 'cohort', type: 'ordinal', title: labels.cohort, sort: null, scale: { domain: names },
      legend: { columns, symbolType: 'stroke' } },
  };
  spec.layer = [
    { mark: { type: 'line' } },
    {
      mark: { type: 'point', size: 28 },
      encoding: {
        opacity: { condition: { test: `${field('partial')} === true`, value: 0.4 }, value: 1 },
        tooltip: [
          { field: 'cohort', type: 'ordinal', title: labels.cohort },
          { field: 'offset', type: 'ordinal', title: offsetTitle(cohorts, labels) },
          { field: 'valueText', type: 'nominal', title: labels.cumulativeRevenuePerCustomer },
          { field: 'sizeText', type: 'nominal', title: labels.cohortSize },
          { field: 'periodStatusText', type: 'nominal', title: labels.periodStatus },
        ],
      },
    },
  ];
  return spec;
}
