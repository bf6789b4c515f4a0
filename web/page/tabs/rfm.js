// RFM tab: R×F heatmap, segment summary (chart and table), and the customer list per segment.

import { labelsFor, rfmGrid, rfmSegments, segmentLabel } from '../../src/charts/index.js';
import { h, select } from '../lib/dom.js';
import { RFM_CUSTOMER_COLUMNS } from '../lib/drill.js';

/** The RFM tab. */
export default {
  id: 'rfm',
  labelKey: 'tab.rfm',
  analyses: ['rfm'],
  emptyKey: 'rfm.empty',
  render(ctx) {
    const { t, i18n, state } = ctx;
    const rfm = ctx.report.rfm;
    const labels = labelsFor(ctx.lang);
    const segmentName = (name) => segmentLabel(name, labels);
    const measure = state.measure || 'count';
    const segment = state.segment || '';
    const method = t(`rfmMethod.${rfm.method}`);
    const customers = segment ? rfm.customers.filter((c) => c.segment === segment) : rfm.customers;
    const unused = ['r', 'f', 'm'].filter((k) => rfm.unusedScores?.[k]?.length)
      .map((k) => t('rfm.unused', { score: k.toUpperCase(), values: rfm.unusedScores[k].join(', ') }));
    const segmentFilter = h('label', { class: 'field inline' },
      h('span', { class: 'field-label' }, t('rfm.segmentFilter')),
      select({
        'data-testid': 'rfm-segment-select',
        on: { change: (e) => { state.segment = e.target.value; ctx.rerender(); } },
      }, [{ value: '', label: t('rfm.allSegments') }, ...rfm.segments.map((s) => ({ value: s.name, label: segmentName(s.name) }))], segment));
    return h('div', { class: 'tab-body' },
      h('p', { class: 'range' }, t('rfm.summary', { customers: i18n.integer(rfm.customerCount), method, n: rfm.n, asOf: i18n.date(rfm.asOf) })),
      unused.length ? ctx.note(unused.join(' ')) : null,
      h('div', { class: 'grid-2' },
        h('div', {},
          ctx.switcher({
            id: 'rfm-measure', label: t('rfm.measure'), value: measure,
            options: [{ value: 'count', label: t('rfm.measureCount') }, { value: 'meanMonetary', label: t('rfm.measureMonetary') }],
            onChange: (v) => { state.measure = v; ctx.rerender(); },
          }),
          ctx.chart({
            id: 'rfmGrid', title: t('chart.rfmGrid'), build: rfmGrid, part: rfm, options: { measure },
            onSelect: (d) => d.r && d.f && ctx.drillRfm({ r: d.r, f: d.f }, t('drill.rfmCell', { r: d.r, f: d.f })),
          })),
        ctx.chart({
          id: 'rfmSegments', title: t('chart.rfmSegments'), build: rfmSegments, part: rfm,
          onSelect: (d) => d.segment && ctx.drillRfm({ segment: d.segment }, t('drill.segment', { segment: segmentName(d.segment) })),
        })),
      ctx.table({
        id: 'rfmSegments',
        title: t('table.segments'),
        filename: 'rfm-segments',
        rows: rfm.segments,
        onRowSelect: (s) => ctx.drillRfm({ segment: s.name }, t('drill.segment', { segment: segmentName(s.name) })),
        rowActionLabel: (s) => t('drill.showSegment', { segment: segmentName(s.name) }),
        columns: [
          { key: 'name', label: t('col.segment'), kind: 'text', get: (s) => segmentName(s.name) },
          { key: 'customers', label: t('col.customers'), kind: 'integer' },
          { key: 'share', label: t('col.share'), kind: 'percent' },
          { key: 'revenue', label: t('col.revenue'), kind: 'money' },
          { key: 'revenueShare', label: t('col.revenueShare'), kind: 'percent' },
          { key: 'meanRecency', label: t('col.meanRecency'), kind: 'days' },
          { key: 'meanFrequency', label: t('col.meanFrequency'), kind: 'number' },
          { key: 'meanMonetary', label: t('col.meanMonetary'), kind: 'money' },
        ],
      }),
      ctx.table({
        id: 'rfmCustomers',
        title: segment ? t('table.segmentCustomers', { segment: segmentName(segment) }) : t('table.customers'),
        filename: segment ? `rfm-${segment}` : 'rfm-customers',
        note: segmentFilter,
        rows: customers,
        columns: RFM_CUSTOMER_COLUMNS.map((c) => ({
          key: c.key, label: t(c.labelKey), kind: c.kind, get: c.key === 'segment' ? (row) => segmentName(row.segment) : undefined,
        })),
      }));
  },
};
