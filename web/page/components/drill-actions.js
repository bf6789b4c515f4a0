// Drill-downs: RFM customers from the report itself, cohort cells and funnel stages asked of the engine.

import { h } from '../lib/dom.js';
import { buildRequest } from '../lib/request.js';
import { drillTable, rfmCustomers, RFM_CUSTOMER_COLUMNS } from '../lib/drill.js';
import { createDrillPanel } from './drill-panel.js';

const DRILL_SETS = ['reached', 'skipped', 'droppedAfter', 'stalled', 'won', 'lost', 'open'];

/**
 * The drill actions of the element: {element (the dialog), rfm(match, title), cohort(cohort, offset),
 * stage(stage, set)}. `analyze(request)` runs an engine request (the worker client's analyze).
 */
export function createDrillActions(app, { analyze }) {
  const panel = createDrillPanel(() => app.baseContext());

  // The engine's drill table for the current parameters and filters (request key `drill`); its errors are shown
  // as the engine words them.
  const engineDrill = async (drill, analyses) => {
    const report = await analyze(buildRequest(app.params, app.filters, { analyses, includeFiles: false, drill }));
    const table = drillTable(report.drill, (name) => (app.i18n.has(`col.${name}`) ? app.t(`col.${name}`) : name));
    const { total, truncated } = report.drill;
    const note = truncated ? app.t('drill.truncated', { shown: app.i18n.integer(table.rows.length), total: app.i18n.integer(total) }) : '';
    return { ...table, note };
  };

  const actions = {
    element: panel.element,
    /** Re-reads the panel's labels after a language change. */
    relabel: () => panel.relabel(),
    /** The RFM customers matching {r, f} or {segment}. */
    rfm(match, title) {
      const { t } = app;
      panel.open({
        id: match.segment ? `rfm-${match.segment}` : `rfm-r${match.r}-f${match.f}`,
        title,
        subtitle: t('drill.rfmSubtitle'),
        load: async () => ({
          columns: RFM_CUSTOMER_COLUMNS.map((c) => ({ key: c.key, label: t(c.labelKey), kind: c.kind })),
          rows: rfmCustomers(app.report?.rfm, match),
        }),
      });
    },
    /** The customers of one cohort cell, or of the whole cohort when `offset` is null. */
    cohort(cohort, offset = null) {
      const { t } = app;
      const whole = offset === null || offset === undefined;
      panel.open({
        id: `cohort-${cohort}-${whole ? 'all' : offset}`,
        title: whole ? t('drill.cohortAll', { cohort }) : t('drill.cohortCell', { cohort, offset }),
        subtitle: whole ? t('drill.cohortAllSubtitle') : t('drill.cohortSubtitle'),
        load: () => engineDrill(whole ? { cohort: String(cohort) } : { cohort: String(cohort), offset: Number(offset) }, ['summary']),
      });
    },
    /** The deals behind a funnel stage (set: reached|skipped|droppedAfter|stalled|won|lost|open), with a set switch. */
    stage(stage, set = 'reached', manager) {
      const { t } = app;
      const sets = h('label', { class: 'field inline' },
        h('span', { class: 'field-label' }, t('funnel.drillSet')),
        h('select', { 'data-testid': 'drill-set', on: { change: (e) => actions.stage(stage, e.target.value, manager) } },
          DRILL_SETS.map((v) => h('option', { value: v, selected: v === set }, t(`drillSet.${v}`)))));
      const drill = manager ? { stage, set, manager } : { stage, set };
      panel.open({
        id: `stage-${stage}-${set}${manager ? `-${manager}` : ''}`,
        title: manager ? t('drill.stageManager', { stage, manager }) : t('drill.stage', { stage }),
        subtitle: t(`drillSet.${set}`),
        controls: sets,
        load: () => engineDrill(drill, ['summary']),
      });
    },
  };
  return actions;
}
