// Small building blocks the tabs share: sections, KPI cards, segmented switches and notes.

import { h, uid } from '../lib/dom.js';

/** A titled block of a tab. */
export function section(title, ...children) {
  const id = uid('section');
  return h('section', { class: 'tab-section', 'aria-labelledby': id }, h('h2', { class: 'section-title', id }, title), children);
}

/** KPI cards: items [{id, label, value, hint?}]. */
export function kpiGrid(items) {
  return h('div', { class: 'kpis' }, items.map((k) => h('div', { class: 'kpi', 'data-testid': `kpi-${k.id}` },
    h('span', { class: 'kpi-label' }, k.label),
    h('span', { class: 'kpi-value' }, k.value),
    k.hint ? h('span', { class: 'kpi-hint' }, k.hint) : null)));
}

/** A segmented radio switch: options [{value, label}]; onChange(value). */
export function switcher({ id, label, options, value, onChange }) {
  const name = uid(`switch-${id}`);
  return h('fieldset', { class: 'switch', 'data-testid': `switch-${id}` },
    h('legend', { class: 'switch-legend' }, label),
    h('div', { class: 'switch-options' }, options.map((o) => h('label', { class: 'switch-option' },
      h('input', {
        type: 'radio', name, value: o.value, checked: o.value === value,
        on: { change: (e) => e.target.checked && onChange(o.value) },
      }),
      h('span', {}, o.label)))));
}

/** A muted explanatory paragraph. */
export function note(text) {
  return h('p', { class: 'card-note' }, text);
}
