// Funnel tab: bars with conversion and drop-off, time in stage, skipped stages per manager, breakdown by group.

import { funnelBars, funnelBreakdown, funnelSkippedHeatmap, funnelTimeInStage } from '../../src/charts/index.js';
import { h } from '../lib/dom.js';

const GROUPS = { manager: 'byManager', pipeline: 'byPipeline', source: 'bySource' };

/** The Funnel tab. */
export default {
  id: 'funnel',
  labelKey: 'tab.funnel',
  analyses: ['funnel'],
  emptyKey: 'funnel.empty',
  render(ctx) {
    const { t, i18n, state } = ctx;
    const f = ctx.report.funnel;
    const by = GROUPS[state.by] ? state.by : 'manager';
    const available = Object.keys(GROUPS).filter((g) => (f[GROUPS[g]] || []).length);
    const stageRows = f.stages.map((stage, s) => ({
      stage, reached: f.reached[s], skipped: f.skipped ? f.skipped[s] : null, stepConversion: f.stepConversion[s],
      overallConversion: f.overallConversion[s], dropOff: f.dropOff ? f.dropOff[s] : null,
      medianDays: f.timeInStage?.find((x) => x.stage === stage)?.medianDays ?? null,
      p90Days: f.timeInStage?.find((x) => x.stage === stage)?.p90Days ?? null,
    }));
    const openStage = (stage) => ctx.drillStage(stage, 'reached');
    const groupRows = f[GROUPS[by]] || [];
    return h('div', { class: 'tab-body' },
      h('p', { class: 'range' }, t('funnel.summary', {
        deals: i18n.integer(f.deals), won: i18n.integer(f.won), lost: i18n.integer(f.lost), open: i18n.integer(f.open),
        winRate: i18n.percent(f.winRate), order: t(`funnelOrder.${f.order}`),
      })),
      ctx.kpiGrid([
        { id: 'winRate', label: t('kpi.winRate'), value: i18n.percent(f.winRate) },
        { id: 'timeToWon', label: t('kpi.timeToWon'), value: f.medianFirstToWonDays == null ? '—' : t('unit.days', { value: i18n.number(f.medianFirstToWonDays, 1) }) },
        { id: 'stalled', label: t('kpi.stalled'), value: i18n.integer(f.stalled?.count ?? 0), hint: f.stalled ? t('kpi.stalledHint', { days: f.stalled.days }) : null },
      ]),
      h('div', { class: 'grid-2' },
        ctx.chart({ id: 'funnelBars', title: t('chart.funnelBars'), build: funnelBars, part: f, onSelect: (d) => d.stage !== undefined && openStage(d.stage) }),
        ctx.chart({ id: 'funnelTimeInStage', title: t('chart.funnelTimeInStage'), build: funnelTimeInStage, part: f, onSelect: (d) => d.stage !== undefined && openStage(d.stage) })),
      ctx.table({
        id: 'funnelStages', title: t('table.stages'), filename: 'funnel-stages', rows: stageRows,
        onRowSelect: (row) => openStage(row.stage), rowActionLabel: (row) => t('drill.showStage', { stage: row.stage }),
        columns: [
          { key: 'stage', label: t('col.stage'), kind: 'text' },
          { key: 'reached', label: t('col.reached'), kind: 'integer' },
          { key: 'skipped', label: t('col.skipped'), kind: 'integer' },
          { key: 'stepConversion', label: t('col.stepConversion'), kind: 'percent' },
          { key: 'overallConversion', label: t('col.overallConversion'), kind: 'percent' },
          { key: 'dropOff', label: t('col.dropOff'), kind: 'integer' },
          { key: 'medianDays', label: t('col.medianDays'), kind: 'days' },
          { key: 'p90Days', label: t('col.p90Days'), kind: 'days' },
        ],
      }),
      f.skipped && (f.byManager || []).length ? ctx.chart({
        id: 'funnelSkippedHeatmap', title: t('chart.funnelSkipped'), build: funnelSkippedHeatmap, part: f, minWidth: 180 + f.stages.length * 90,
        onSelect: (d) => d.stage !== undefined && d.manager !== undefined && ctx.drillStage(d.stage, 'skipped', d.manager),
      }) : null,
      available.length ? h('div', {},
        ctx.switcher({
          id: 'funnel-by', label: t('funnel.breakdownBy'), value: by,
          options: available.map((g) => ({ value: g, label: t(`group.${g}`) })),
          onChange: (v) => { state.by = v; ctx.rerender(); },
        }),
        ctx.chart({ id: 'funnelBreakdown', title: t('chart.funnelBreakdown', { by: t(`group.${by}`) }), build: funnelBreakdown, part: f, options: { by } }),
        ctx.table({
          id: 'funnelBreakdown', title: t('table.breakdown', { by: t(`group.${by}`) }), filename: `funnel-by-${by}`, rows: groupRows,
          columns: [
            { key: by, label: t(`group.${by}`), kind: 'text' },
            { key: 'deals', label: t('col.deals'), kind: 'integer' },
            { key: 'won', label: t('col.won'), kind: 'integer' },
            { key: 'lost', label: t('col.lost'), kind: 'integer' },
            { key: 'open', label: t('col.open'), kind: 'integer' },
            { key: 'winRate', label: t('col.winRate'), kind: 'percent' },
          ],
        })) : null,
      (f.lossReasons || []).length ? ctx.table({
        id: 'funnelLossReasons', title: t('table.lossReasons'), filename: 'loss-reasons', rows: f.lossReasons,
        columns: [{ key: 'reason', label: t('col.reason'), kind: 'text' }, { key: 'deals', label: t('col.deals'), kind: 'integer' }],
      }) : null);
  },
};
