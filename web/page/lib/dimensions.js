// The values each list filter offers: describe().dimensions when the engine gives it, else what the report shows.

import { LIST_FILTERS } from './request.js';

function valuesOf(list) {
  if (!Array.isArray(list)) return null;
  const out = [];
  for (const item of list) {
    const value = item && typeof item === 'object' ? (item.value ?? item.name) : item;
    if (value !== null && value !== undefined && value !== '') out.push(String(value));
  }
  return [...new Set(out)];
}

/**
 * {channels, managers, statuses, pipelines}: the values of each list filter, in the engine's order (most rows
 * first) or, from the report, alphabetically.
 * @param {object} described client.describe() result (its `dimensions` may be missing)
 * @param {object} report the last report (fallback: funnel groups, excluded statuses)
 */
export function filterValues(described, report) {
  const dims = described?.dimensions || {};
  const funnel = report?.funnel;
  const fallback = {
    channels: (funnel?.bySource || []).map((g) => g.source),
    managers: (funnel?.byManager || []).map((g) => g.manager),
    statuses: [],
    pipelines: (funnel?.byPipeline || []).map((g) => g.pipeline),
  };
  const singular = { channels: 'channel', managers: 'manager', statuses: 'status', pipelines: 'pipeline' };
  const out = {};
  for (const key of LIST_FILTERS) {
    const given = valuesOf(dims[key]) ?? valuesOf(dims[singular[key]]);
    out[key] = given ?? valuesOf(fallback[key]).sort((a, b) => a.localeCompare(b));
  }
  return out;
}
