// The tab registry: a new analysis adds one file in this folder and one line here; no other tab changes.

import overview from './overview.js';
import rfm from './rfm.js';
import cohorts from './cohorts.js';
import funnel from './funnel.js';

/**
 * The tabs in display order. Each is {id, labelKey, analyses, emptyKey, render(ctx) -> Element}: it is drawn when
 * every analysis it names is in the report, else its empty state (emptyKey) is shown.
 */
export const TABS = Object.freeze([overview, rfm, cohorts, funnel]);

/** Whether the report holds everything `tab` draws. */
export function tabHasData(tab, report) {
  return !!report && tab.analyses.every((a) => report[a] !== null && report[a] !== undefined);
}
