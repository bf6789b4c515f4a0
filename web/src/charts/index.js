// The public Vega-Lite spec module: `import { charts } from 'crm-analytics'` or `import * as charts from
// 'crm-analytics/charts'`. Every builder is a pure function (reportPart, options) -> Vega-Lite spec (plain JSON).
// Embed under a no-eval CSP with vegaEmbed(el, spec, {ast: true, expr: expressionInterpreter, actions: false}).

export { overviewRevenue } from './overview.js';
export { rfmGrid, rfmSegments, RFM_GRID_MEASURES } from './rfm.js';
export { cohortHeatmap, cohortLtv, COHORT_MEASURES } from './cohorts.js';
export { funnelBars, funnelTimeInStage, funnelSkippedHeatmap, funnelBreakdown, FUNNEL_BREAKDOWNS } from './funnel.js';
export { CHARTS, buildChart } from './registry.js';
export { LOCALES, localeConfig, normalizeLocale } from './locale.js';
export {
  DEFAULT_LABELS, LABELS_RU, LABELS_UK, labelsFor, resolveLabels, segmentLabel, segmentLabelKey,
} from './labels.js';
export { DEFAULT_THEME, DEFAULT_PALETTE, deepMerge, themeConfig } from './theme.js';
export { DEFAULT_FORMATS } from './formats.js';
export { SCHEMA_URL } from './spec.js';
