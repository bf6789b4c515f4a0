// The analysis request (docs/request-schema.md) built from the page's parameters and filters.

/** Parameter defaults (the engine's defaults; asOf '' and funnel stages null mean "the engine decides"). */
export const DEFAULT_PARAMS = Object.freeze({
  rfm: Object.freeze({ method: 'quantile', n: 5, monetary: 'total', thresholds: null }),
  cohorts: Object.freeze({ period: 'month', by: 'firstPurchase' }),
  funnel: Object.freeze({ mode: 'reached', stages: null }),
  asOf: '',
});

/** Filter defaults: no period, every value. */
export const DEFAULT_FILTERS = Object.freeze({ from: '', to: '', channels: [], managers: [], statuses: [], pipelines: [] });

/** The multi-value filters, in the order the page shows them. */
export const LIST_FILTERS = Object.freeze(['channels', 'managers', 'statuses', 'pipelines']);

/** Allowed values of each choice parameter. */
export const PARAM_CHOICES = Object.freeze({
  rfmMethod: ['quantile', 'ntile', 'fixed'],
  rfmMonetary: ['total', 'mean'],
  cohortPeriod: ['month', 'week', 'quarter'],
  cohortBy: ['firstPurchase', 'channel', 'campaign', 'region', 'manager'],
  funnelMode: ['reached', 'strict'],
});

const isDate = (v) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v);

/** The scores fixed thresholds are given for. */
export const THRESHOLD_KEYS = Object.freeze(['recency', 'frequency', 'monetary']);

/** Fixed RFM thresholds {recency, frequency, monetary} (arrays of finite numbers), or null when incomplete. */
export function normalizeThresholds(thresholds) {
  if (!thresholds || typeof thresholds !== 'object') return null;
  const out = {};
  for (const key of THRESHOLD_KEYS) {
    const list = thresholds[key];
    if (!Array.isArray(list) || !list.length || !list.every((v) => typeof v === 'number' && Number.isFinite(v))) return null;
    out[key] = list.slice();
  }
  return out;
}

/** Numbers typed in a thresholds field ("30 90 180", "1,5; 2,5"): commas are decimal commas; null if any is not a number. */
export function parseNumberList(text) {
  const tokens = String(text || '').trim().split(/[\s;]+/).filter(Boolean);
  const values = tokens.map((t) => Number(t.replace(',', '.')));
  return values.every((v) => Number.isFinite(v)) ? values : null;
}

/** Starting thresholds for the fixed method: the current quantile breakpoints, rounded (null if there are none). */
export function thresholdsFromBreakpoints(breakpoints, n) {
  if (!breakpoints) return null;
  const out = {};
  for (const key of THRESHOLD_KEYS) {
    const list = breakpoints[key];
    if (!Array.isArray(list) || list.length !== n - 1) return null;
    out[key] = list.map((v) => (key === 'monetary' ? Math.round(v * 100) / 100 : Math.round(v)));
  }
  return out;
}

/** A deep copy of the defaults merged with `params` (unknown or invalid values fall back to the default). */
export function normalizeParams(params = {}) {
  const p = params || {};
  const pick = (value, allowed, fallback) => (allowed.includes(value) ? value : fallback);
  const n = Number(p.rfm?.n);
  const stages = Array.isArray(p.funnel?.stages) && p.funnel.stages.length ? p.funnel.stages.map(String) : null;
  return {
    rfm: {
      method: pick(p.rfm?.method, PARAM_CHOICES.rfmMethod, DEFAULT_PARAMS.rfm.method),
      n: Number.isInteger(n) && n >= 3 && n <= 10 ? n : DEFAULT_PARAMS.rfm.n,
      monetary: pick(p.rfm?.monetary, PARAM_CHOICES.rfmMonetary, DEFAULT_PARAMS.rfm.monetary),
      thresholds: normalizeThresholds(p.rfm?.thresholds),
    },
    cohorts: {
      period: pick(p.cohorts?.period, PARAM_CHOICES.cohortPeriod, DEFAULT_PARAMS.cohorts.period),
      by: pick(p.cohorts?.by, PARAM_CHOICES.cohortBy, DEFAULT_PARAMS.cohorts.by),
    },
    funnel: { mode: pick(p.funnel?.mode, PARAM_CHOICES.funnelMode, DEFAULT_PARAMS.funnel.mode), stages },
    asOf: isDate(p.asOf) ? p.asOf : '',
  };
}

/** A copy of the default filters merged with `filters` (dates must be YYYY-MM-DD; lists hold strings). */
export function normalizeFilters(filters = {}) {
  const f = filters || {};
  const out = { from: isDate(f.from) ? f.from : '', to: isDate(f.to) ? f.to : '' };
  for (const key of LIST_FILTERS) out[key] = Array.isArray(f[key]) ? [...new Set(f[key].map(String))] : [];
  return out;
}

/** The request object for client.analyze(): only the keys that differ from "let the engine decide". */
export function buildRequest(params, filters, extra = {}) {
  const p = normalizeParams(params);
  const f = normalizeFilters(filters);
  const { thresholds, ...rfm } = p.rfm;
  const request = {
    rfm: rfm.method === 'fixed' && thresholds ? { ...rfm, thresholds } : rfm,
    cohorts: { ...p.cohorts },
    funnel: p.funnel.stages ? { mode: p.funnel.mode, stages: p.funnel.stages } : { mode: p.funnel.mode },
  };
  if (p.asOf) request.asOf = p.asOf;
  const requestFilters = {};
  if (f.from) requestFilters.from = f.from;
  if (f.to) requestFilters.to = f.to;
  for (const key of LIST_FILTERS) if (f[key].length) requestFilters[key] = f[key];
  if (Object.keys(requestFilters).length) request.filters = requestFilters;
  return { ...request, ...extra };
}
