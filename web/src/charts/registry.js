// The registry of charts: which report part each builder draws, its title label and its switchable options.

import { overviewRevenue } from './overview.js';
import { rfmGrid, rfmSegments, RFM_GRID_MEASURES } from './rfm.js';
import { cohortHeatmap, cohortLtv, COHORT_MEASURES } from './cohorts.js';
import { funnelBars, funnelTimeInStage, funnelSkippedHeatmap, funnelBreakdown, FUNNEL_BREAKDOWNS } from './funnel.js';

/**
 * Every chart by id: {analysis (the report key it draws), build(part, options), title (label key), measures? / by?
 * (the values of options.measure / options.by, the first is the default), available(part) (false when the
 * part cannot give the chart anything, e.g. skipped stages of a snapshot)}.
 */
export const CHARTS = Object.freeze({
  overviewRevenue: Object.freeze({
    analysis: 'summary', build: overviewRevenue, title: 'chartOverviewRevenue',
    available: (summary) => (summary?.months?.length ?? 0) > 0,
  }),
  rfmGrid: Object.freeze({
    analysis: 'rfm', build: rfmGrid, title: 'chartRfmGrid', measures: RFM_GRID_MEASURES,
    available: (rfm) => (rfm?.customerCount ?? 0) > 0,
  }),
  rfmSegments: Object.freeze({
    analysis: 'rfm', build: rfmSegments, title: 'chartRfmSegments',
    available: (rfm) => (rfm?.customerCount ?? 0) > 0,
  }),
  cohortHeatmap: Object.freeze({
    analysis: 'cohorts', build: cohortHeatmap, title: 'chartCohortHeatmap', measures: COHORT_MEASURES,
    available: (cohorts) => (cohorts?.cohorts?.length ?? 0) > 0,
  }),
  cohortLtv: Object.freeze({
    analysis: 'cohorts', build: cohortLtv, title: 'chartCohortLtv',
    available: (cohorts) => (cohorts?.cohorts?.length ?? 0) > 0,
  }),
  funnelBars: Object.freeze({
    analysis: 'funnel', build: funnelBars, title: 'chartFunnelBars',
    available: (funnel) => (funnel?.stages?.length ?? 0) > 0,
  }),
  funnelTimeInStage: Object.freeze({
    analysis: 'funnel', build: funnelTimeInStage, title: 'chartFunnelTimeInStage',
    available: (funnel) => (funnel?.timeInStage || []).some((t) => t.medianDays !== null && t.medianDays !== undefined),
  }),
  funnelSkippedHeatmap: Object.freeze({
    analysis: 'funnel', build: funnelSkippedHeatmap, title: 'chartFunnelSkipped',
    available: (funnel) => (funnel?.byManager || []).some((m) => Array.isArray(m.skipped)),
  }),
  funnelBreakdown: Object.freeze({
    analysis: 'funnel', build: funnelBreakdown, title: 'chartFunnelBreakdown',
    by: Object.freeze(Object.keys(FUNNEL_BREAKDOWNS)),
    available: (funnel) => Object.values(FUNNEL_BREAKDOWNS).some((key) => (funnel?.[key]?.length ?? 0) > 0),
  }),
});

/** The spec of chart `id` for a whole report (from report[CHARTS[id].analysis]), or null when that part is missing. */
export function buildChart(id, report, options = {}) {
  const chart = CHARTS[id];
  if (!chart) throw new RangeError(`unknown chart '${id}' (known: ${Object.keys(CHARTS).join(', ')})`);
  const part = report?.[chart.analysis];
  return part ? chart.build(part, options) : null;
}
