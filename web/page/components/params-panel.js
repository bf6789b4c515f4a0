// Parameters: RFM method, n and monetary mode; cohort period and grouping; as-of date; funnel mode and stage order.

import { h, select } from '../lib/dom.js';
import { PARAM_CHOICES, THRESHOLD_KEYS, parseNumberList, thresholdsFromBreakpoints } from '../lib/request.js';
import { moveItem } from '../lib/sort.js';

function choice(app, { testid, labelKey, options, value, onChange }) {
  const { t } = app;
  return h('label', { class: 'field' },
    h('span', { class: 'field-label' }, t(labelKey)),
    select({ 'data-testid': testid, on: { change: (e) => onChange(e.target.value) } }, options, value));
}

function stageOrder(app) {
  const { t } = app;
  const stages = app.params.funnel.stages || app.report?.funnel?.stages || [];
  if (!stages.length) return null;
  const set = (next) => app.setParams({ funnel: { ...app.params.funnel, stages: next } });
  return h('div', { class: 'stage-order', 'data-testid': 'stage-order' },
    h('p', { class: 'field-label', id: 'stage-order-label' }, t('param.stageOrder')),
    h('ol', { 'aria-labelledby': 'stage-order-label' }, stages.map((stage, i) => h('li', { 'data-stage': stage },
      h('span', { class: 'stage-name' }, stage),
      h('span', { class: 'stage-buttons' },
        h('button', {
          type: 'button', class: 'icon-button', 'data-testid': `stage-up-${i}`, disabled: i === 0,
          'aria-label': t('param.stageUp', { stage }), title: t('param.stageUp', { stage }), on: { click: () => set(moveItem(stages, i, -1)) },
        }, '↑'),
        h('button', {
          type: 'button', class: 'icon-button', 'data-testid': `stage-down-${i}`, disabled: i === stages.length - 1,
          'aria-label': t('param.stageDown', { stage }), title: t('param.stageDown', { stage }), on: { click: () => set(moveItem(stages, i, 1)) },
        }, '↓'))))),
    h('p', { class: 'field-hint' }, app.params.funnel.stages ? t('param.stageOrderGiven') : t('param.stageOrderInferred')),
    app.params.funnel.stages ? h('button', {
      type: 'button', class: 'link-button', 'data-testid': 'stage-reset',
      on: { click: () => app.setParams({ funnel: { ...app.params.funnel, stages: null } }) },
    }, t('param.stageReset')) : null);
}

// The fixed method's thresholds: n - 1 ascending numbers per score.
function thresholdFields(app) {
  const { t, i18n } = app;
  const rfm = app.params.rfm;
  const current = rfm.thresholds || {};
  const fields = THRESHOLD_KEYS.map((key) => h('label', { class: 'field' },
    h('span', { class: 'field-label' }, t(`param.threshold.${key}`)),
    h('input', {
      type: 'text', inputmode: 'decimal', 'data-testid': `param-rfm-thresholds-${key}`,
      value: (current[key] || []).map((v) => (i18n.lang === 'en' ? String(v) : String(v).replace('.', ','))).join(' '),
      on: {
        change: (e) => {
          const values = parseNumberList(e.target.value);
          if (!values) return;
          const next = { ...(rfm.thresholds || thresholdsFromBreakpoints(app.report?.rfm?.breakpoints, rfm.n) || {}), [key]: values };
          app.setParams({ rfm: { ...rfm, thresholds: next } });
        },
      },
    })));
  return h('div', { class: 'thresholds', 'data-testid': 'param-rfm-thresholds' },
    fields, h('p', { class: 'field-hint' }, t('param.thresholdHint', { count: rfm.n - 1 })));
}

function changeRfm(app, patch) {
  const rfm = { ...app.params.rfm, ...patch };
  if (rfm.method === 'fixed' && !rfm.thresholds) rfm.thresholds = thresholdsFromBreakpoints(app.report?.rfm?.breakpoints, rfm.n);
  app.setParams({ rfm });
}

/** The parameters panel. */
export function paramsPanel(app) {
  const { t } = app;
  const p = app.params;
  const options = (list, prefix) => list.map((v) => ({ value: v, label: t(`${prefix}.${v}`) }));
  const nOptions = [3, 4, 5, 6, 7, 8, 9, 10].map((n) => ({ value: n, label: String(n) }));
  const hasFunnel = !!app.report?.funnel || !!p.funnel.stages;
  return h('section', { class: 'panel', 'aria-labelledby': 'params-title', 'data-testid': 'params' },
    h('div', { class: 'panel-head' },
      h('h2', { id: 'params-title', class: 'panel-title' }, t('param.title')),
      h('button', { type: 'button', class: 'link-button', 'data-testid': 'param-reset', on: { click: () => app.resetParams() } }, t('param.reset'))),
    h('fieldset', { class: 'group' },
      h('legend', {}, t('param.rfm')),
      choice(app, { testid: 'param-rfm-method', labelKey: 'param.rfmMethod', options: options(PARAM_CHOICES.rfmMethod, 'rfmMethod'), value: p.rfm.method, onChange: (v) => changeRfm(app, { method: v }) }),
      h('div', { class: 'field-row' },
        choice(app, { testid: 'param-rfm-n', labelKey: 'param.rfmN', options: nOptions, value: p.rfm.n, onChange: (v) => changeRfm(app, { n: Number(v) }) }),
        choice(app, { testid: 'param-rfm-monetary', labelKey: 'param.rfmMonetary', options: options(PARAM_CHOICES.rfmMonetary, 'rfmMonetary'), value: p.rfm.monetary, onChange: (v) => changeRfm(app, { monetary: v }) })),
      p.rfm.method === 'fixed' ? thresholdFields(app) : null),
    h('fieldset', { class: 'group' },
      h('legend', {}, t('param.cohorts')),
      h('div', { class: 'field-row' },
        choice(app, { testid: 'param-cohort-period', labelKey: 'param.cohortPeriod', options: options(PARAM_CHOICES.cohortPeriod, 'period'), value: p.cohorts.period, onChange: (v) => app.setParams({ cohorts: { ...p.cohorts, period: v } }) }),
        choice(app, { testid: 'param-cohort-by', labelKey: 'param.cohortBy', options: options(PARAM_CHOICES.cohortBy, 'cohortBy'), value: p.cohorts.by, onChange: (v) => app.setParams({ cohorts: { ...p.cohorts, by: v } }) }))),
    h('fieldset', { class: 'group' },
      h('legend', {}, t('param.general')),
      h('label', { class: 'field' },
        h('span', { class: 'field-label' }, t('param.asOf')),
        h('input', { type: 'date', value: p.asOf, 'data-testid': 'param-asof', on: { change: (e) => app.setParams({ asOf: e.target.value }) } }),
        h('span', { class: 'field-hint' }, app.report?.summary?.asOf ? t('param.asOfNow', { date: app.i18n.date(app.report.summary.asOf) }) : t('param.asOfHint')))),
    hasFunnel ? h('fieldset', { class: 'group' },
      h('legend', {}, t('param.funnel')),
      choice(app, { testid: 'param-funnel-mode', labelKey: 'param.funnelMode', options: options(PARAM_CHOICES.funnelMode, 'funnelMode'), value: p.funnel.mode, onChange: (v) => app.setParams({ funnel: { ...p.funnel, mode: v } }) }),
      stageOrder(app)) : null);
}
