// Keyboard-usable tabs (WAI-ARIA tabs pattern: arrows, Home, End; roving tabindex).

import { h } from '../lib/dom.js';

/** A role=tablist of `tabs` ([{id, label, empty}]); choosing one calls onSelect(id). */
export function tabList({ tabs, active, label, onSelect }) {
  const buttons = tabs.map((tab) => h('button', {
    type: 'button', role: 'tab', id: `tab-${tab.id}`, 'data-testid': `tab-${tab.id}`,
    'aria-selected': tab.id === active ? 'true' : 'false', 'aria-controls': 'tabpanel',
    tabindex: tab.id === active ? '0' : '-1', class: tab.empty ? 'tab tab-empty' : 'tab',
    on: { click: () => onSelect(tab.id) },
  }, tab.label));
  const list = h('div', { role: 'tablist', class: 'tabs', 'aria-label': label }, buttons);
  list.addEventListener('keydown', (event) => {
    const index = buttons.indexOf(event.target);
    if (index < 0) return;
    const moves = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: buttons.length - 1 };
    if (!(event.key in moves)) return;
    event.preventDefault();
    const next = (moves[event.key] + buttons.length) % buttons.length;
    onSelect(tabs[next].id, { focus: true });
  });
  return list;
}
