// A <details> whose open state survives re-rendering (kept by the element under a stable key).

import { h } from '../lib/dom.js';

/** A <details> with `summary` and `body`; open state kept in app.openState under `key`. */
export function disclosure(app, key, summary, body, { defaultOpen = false, className = '', testid } = {}) {
  const open = app.openState.has(key) ? app.openState.get(key) : defaultOpen;
  const el = h('details', { class: `disclosure ${className}`.trim(), open, 'data-testid': testid || key },
    h('summary', {}, summary), body);
  el.addEventListener('toggle', () => app.openState.set(key, el.open));
  return el;
}
