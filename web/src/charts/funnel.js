// Funnel tab: stage bars, time in stage, skipped stages per manager, and the breakdown by manager/pipeline/source.

import { frame, resolveOptions, withoutNulls, field, literal, formatted, calculateFormatted, oneOf } from './spec.js';

/** The groupings funnelBreakdown can show (`options.by`), with the report key of each. */
export const FUNNEL_BREAKDOWNS = Object.freeze({ manager: 'byManager', pipeline: 'byPipeline', source: 'bySource' });

const kOutcomes = ['won', 'lost', 'open'];

/**
 * Deals reached per stage as horizontal bars in stage order (report.funnel.stages), each labelled with the deals
 * reached and the step conversion; the drop-off to the next stage is printed at the right edge.
 * Datum (one per stage, drill keys `stage`, `stageIndex`): {stage, stageIndex, reached, overallConversion?,
 * stepConversion? (absent for the first stage), dropOff? (absent for the last), skipped? (absent for snapshots)}.
 * @param {object} funnel report.funnel
 * @param {object} [options] {locale, labels, width, height, theme, palette, formats}
 */
export function funnelBars(funnel, options = {}) {
  const resolved = resolveOptions(options);
  const { labels, formats, palette } = resolved;
  const stages = [...(funnel?.stages || [])];
  const rows = stages.map((stage, s) => withoutNulls({
    stage, stageIndex: s, reached: funnel.reached?.[s], stepConversion: funnel.stepConversion?.[s],
    overallConversion: funnel.overallConversion?.[s], dropOff: funnel.dropOff?.[s], skipped: funnel.skipped?.[s],
  }));
  const top = Math.max(0, ...rows.map((r) => r.reached ?? 0));
  const spec = frame(resolved, { titleKey: 'chartFunnelBars', height: 44 * stages.length + 60, rows });
  spec.transform = [
    calculateFormatted('reached', formats.count, 'reachedText'),
    calculateFormatted('stepConversion', formats.percent, 'stepConversionText'),
    calculateFormatted('overallConversion', formats.percent, 'overallConversionText'),
    calculateFormatted('dropOff', formats.count, 'dropOffText'),
    calculateFormatted('skipped', formats.count, 'skippedText'),
    {
      calculate: `${formatted('reached', formats.count)} + (isValid(${field('stepConversion')}) ? ${literal(' · ')} + `
        + `format(${field('stepConversion')}, ${literal(formats.percent)}) : '')`,
      as: 'barLabel',
    },
    {
      calculate: `isValid(${field('dropOff')}) ? ${literal('\u2212')} + `
        + `format(${field('dropOff')}, ${literal(formats.count)}) : ''`,
      as: 'dropOffLabel',
    },
  ];
  spec.encoding = {
    y: { field: 'stage', type: 'nominal', title: labels.stage, sort: null, scale: { domain: stages } },
    tooltip: [
      { field: 'stage', type: 'nominal', title: labels.stage },
      { field: 'reachedText', type: 'nominal', title: labels.reached },
      { field: 'stepConversionText', type: 'nominal', title: labels.stepConversion },
      { field: 'overallConversionText', type: 'nominal', title: labels.overallConversion },
      { field: 'dropOffText', type: 'nominal', title: labels.dropOff },
      { field: 'skippedText', type: 'nominal', title: labels.skipped },
    ],
  };
  spec.layer = [
    {
      mark: { type: 'bar', color: palette.secondary, height: { band: 0.75 } },
      encoding: {
        // Room on the right for the drop-off labels.
        x: { field: 'reached', type: 'quantitative', title: labels.reached, axis: { format: formats.count },
          scale: { domain: [0, top > 0 ? top * 1.18 : 1], nice: false } },
      },
    },
    {
      mark: { type: 'text', align: 'left', baseline: 'middle', dx: 6, color: palette.text },
      encoding: { x: { value: 0 }, text: { field: 'barLabel', type: 'nominal' } },
    },
    {
      mark: { type: 'text', align: 'right', baseline: 'middle', color: palette.negative },
      encoding: { x: { value: 'width' }, text: { field: 'dropOffLabel', type: 'nominal' } },
    },
  ];
  return spec;
}

/**
 * Median and 90th-percentile days in each stage (report.funnel.timeInStage, in its order) as overlaid bars.
 * Datum (one per timed stage, drill keys `stage`, `stageIndex`): {stage, stageIndex (position in funnel.stages),
 * count, stillIn, medianDays?, p90Days?} — the days are left out when no deal was timed there.
 * @param {object} funnel report.funnel
 * @param {object} [options] {locale, labels, width, height, theme, palette, formats}
 */
export function funnelTimeInStage(funnel, options = {}) {
  const resolved = resolveOptions(options);
  const { labels, formats, palette } = resolved;
  const stages = funnel?.stages || [];
  const rows = (funnel?.timeInStage || []).map((t) => withoutNulls({
    stage: t.stage, stageIndex: stages.indexOf(t.stage), count: t.count, stillIn: t.stillIn,
    medianDays: t.medianDays, p90Days: t.p90Days,
  }));
  const spec = frame(resolved, { titleKey: 'chartFunnelTimeInStage', height: 36 * rows.length + 90, rows });
  spec.transform = [
    calculateFormatted('medianDays', formats.days, 'medianDaysText'),
    calculateFormatted('p90Days', formats.days, 'p90DaysText'),
  ];
  const color = (title) => ({
    datum: title, type: 'nominal', title: null,
    scale: { domain: [labels.p90Days, labels.medianDays], range: [palette.secondary, palette.primary] },
  });
  spec.encoding = {
    y: {
      field: 'stage', type: 'nominal', title: labels.stage, sort: null, scale: { domain: rows.map((r) => r.stage) },
    },
    tooltip: [
      { field: 'stage', type: 'nominal', title: labels.stage },
      { field: 'medianDaysText', type: 'nominal', title: labels.medianDays },
      { field: 'p90DaysText', type: 'nominal', title: labels.p90Days },
      { field: 'count', type: 'quantitative', title: labels.deals, format: formats.count },
      { field: 'stillIn', type: 'quantitative', title: labels.stillIn, format: formats.count },
    ],
  };
  spec.layer = [
    {
      mark: { type: 'bar', height: { band: 0.8 } },
      encoding: { x: { field: 'p90Days', type: 'quantitative', title: labels.days }, color: color(labels.p90Days) },
    },
    {
      mark: { type: 'bar', height: { band: 0.4 } },
      encoding: { x: { field: 'medianDays', type: 'quantitative' }, color: color(labels.medianDays) },
    },
  ];
  return spec;
}

/**
 * Manager × stage heatmap of the deals that skipped each stage (report.funnel.byManager[].skipped); empty for
 * snapshots, where skips cannot be known (the report has null).
 * Datum (one per manager and stage, drill keys `manager`, `stage`): {manager, stage, stageIndex, skipped, reached?}.
 * @param {object} funnel report.funnel
 * @param {object} [options] {locale, labels, width, height, theme, palette, formats}
 */
export function funnelSkippedHeatmap(funnel, options = {}) {
  const resolved = resolveOptions(options);
  const { labels, formats, palette } = resolved;
  const stages = [...(funnel?.stages || [])];
  const managers = funnel?.byManager || [];
  const rows = [];
  for (const m of managers) {
    for (let s = 0; s < stages.length; s++) {
      const skipped = m.skipped?.[s];
      if (skipped === null || skipped === undefined) continue;
      const reached = m.reached?.[s];
      rows.push(withoutNulls({ manager: m.manager, stage: stages[s], stageIndex: s, skipped, reached }));
    }
  }
  const top = Math.max(0, ...rows.map((r) => r.skipped));
  const spec = frame(resolved, { titleKey: 'chartFunnelSkipped', height: 30 * managers.length + 140, rows });
  spec.encoding = {
    x: { field: 'stage', type: 'nominal', title: labels.stage, sort: null, scale: { domain: stages },
      axis: { labelAngle: -40, labelLimit: 120, labelOverlap: false } },
    y: { field: 'manager', type: 'nominal', title: labels.manager, sort: null,
      scale: { domain: managers.map((m) => m.manager) } },
  };
  spec.layer = [
    {
      mark: { type: 'rect', stroke: palette.gap, strokeWidth: 1 },
      encoding: {
        color: { field: 'skipped', type: 'quantitative', title: labels.skipped, scale: { domain: [0, top || 1] },
          legend: { format: formats.count } },
        tooltip: [
          { field: 'manager', type: 'nominal', title: labels.manager },
          { field: 'stage', type: 'nominal', title: labels.stage },
          { field: 'skipped', type: 'quantitative', title: labels.skipped, format: formats.count },
          { field: 'reached', type: 'quantitative', title: labels.reached, format: formats.count },
        ],
      },
    },
    {
      mark: { type: 'text', baseline: 'middle', align: 'center' },
      encoding: {
        text: { field: 'skipped', type: 'quantitative', format: formats.count },
        color: { condition: { test: `${field('skipped')} > ${0.55 * top}`, value: palette.textOnDark },
          value: palette.text },
      },
    },
  ];
  return spec;
}

/**
 * Deals per manager, pipeline or source (`options.by`, default 'manager'; report.funnel.byManager / byPipeline /
 * bySource in report order) as bars stacked won / lost / open, with the win rate printed after each bar.
 * Datum (one per group, drill key = the `by` name): {manager|pipeline|source, deals, won, lost, open, winRate?}
 * (winRate is absent when the group has no closed deal).
 * @param {object} funnel report.funnel
 * @param {object} [options] {by: 'manager'|'pipeline'|'source', locale, labels, width, height, theme, palette, formats}
 */
export function funnelBreakdown(funnel, options = {}) {
  const by = oneOf('funnelBreakdown by', options.by, Object.keys(FUNNEL_BREAKDOWNS), 'manager');
  const resolved = resolveOptions(options);
  const { labels, formats, palette } = resolved;
  const groups = funnel?.[FUNNEL_BREAKDOWNS[by]] || [];
  const rows = groups.map((g) => withoutNulls({
    [by]: g[by], deals: g.deals, won: g.won, lost: g.lost, open: g.open, winRate: g.winRate,
  }));
  const top = Math.max(0, ...rows.map((r) => r.deals ?? 0));
  const spec = frame(resolved, { titleKey: 'chartFunnelBreakdown', height: 30 * rows.length + 100, rows });
  const outcomeLabel = kOutcomes.reduceRight(
    (rest, outcome) => `${field('outcome')} === ${literal(outcome)} ? ${literal(labels[outcome])} : ${rest}`, "''");
  spec.transform = [
    calculateFormatted('deals', formats.count, 'dealsText'),
    calculateFormatted('winRate', formats.percent, 'winRateText'),
  ];
  spec.encoding = {
    y: { field: by, type: 'nominal', title: labels[by], sort: null, scale: { domain: rows.map((r) => r[by]) } },
  };
  spec.layer = [
    {
      transform: [
        { fold: [...kOutcomes], as: ['outcome', 'value'] },
        { calculate: outcomeLabel, as: 'outcomeLabel' },
        {
          calculate: kOutcomes.reduceRight(
            (rest, outcome, i) => `${field('outcome')} === ${literal(outcome)} ? ${i} : ${rest}`,
            `${kOutcomes.length}`),
          as: 'outcomeOrder',
        },
        {
          calculate: `${field('outcomeLabel')} + ': ' + format(${field('value')}, ${literal(formats.count)})`,
          as: 'outcomeText',
        },
      ],
      mark: { type: 'bar', height: { band: 0.7 } },
      encoding: {
        x: { field: 'value', type: 'quantitative', stack: 'zero', title: labels.deals,
          axis: { format: formats.count }, scale: { domain: [0, top > 0 ? top * 1.15 : 1], nice: false } },
        color: {
          field: 'outcomeLabel', type: 'nominal', title: labels.outcome,
          scale: {
            domain: kOutcomes.map((o) => labels[o]),
            range: [palette.positive, palette.negative, palette.neutral],
          },
        },
        order: { field: 'outcomeOrder', type: 'quantitative' },
        tooltip: [
          { field: by, type: 'nominal', title: labels[by] },
          { field: 'outcomeText', type: 'nominal', title: labels.outcome },
          { field: 'dealsText', type: 'nominal', title: labels.deals },
          { field: 'winRateText', type: 'nominal', title: labels.winRate },
        ],
      },
    },
    {
      mark: { type: 'text', align: 'left', baseline: 'middle', dx: 4, color: palette.textMuted },
      encoding: {
        x: { field: 'deals', type: 'quantitative' },
        text: { field: 'winRateLabel', type: 'nominal' },
        tooltip: [
          { field: by, type: 'nominal', title: labels[by] },
          { field: 'dealsText', type: 'nominal', title: labels.deals },
          { field: 'winRateText', type: 'nominal', title: labels.winRate },
        ],
      },
      transform: [{
        calculate: `isValid(${field('winRate')}) ? format(${field('winRate')}, ${literal(formats.percentShort)}) : ''`,
        as: 'winRateLabel',
      }],
    },
  ];
  return spec;
}
