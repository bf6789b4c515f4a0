// A tiny element builder: attributes and text only (no innerHTML), so file contents never become markup.

const PROPERTIES = new Set(['value', 'checked', 'selected', 'disabled', 'hidden', 'open', 'multiple', 'indeterminate']);

/**
 * Creates an element: h('button', {class: 'x', 'data-testid': 'y', on: {click}}, 'text', child, [more]).
 * String children become text nodes; null, undefined and false children and attributes are skipped.
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === 'on') {
      for (const [type, handler] of Object.entries(value)) el.addEventListener(type, handler);
    } else if (key === 'text') {
      el.textContent = String(value);
    } else if (PROPERTIES.has(key)) {
      el[key] = value;
    } else {
      el.setAttribute(key, value === true ? '' : String(value));
    }
  }
  append(el, children);
  return el;
}

/** Appends children (nested arrays, nodes, strings; null/false skipped) to `parent`. */
export function append(parent, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return parent;
}

/** Replaces every child of `parent` with `children`. */
export function replaceChildren(parent, ...children) {
  parent.replaceChildren();
  return append(parent, children);
}

/** A <select> with options [{value, label}] and `selected` chosen. */
export function select(attrs, options, selected) {
  return h('select', attrs, options.map((o) => h('option', { value: o.value, selected: String(o.value) === String(selected) }, o.label)));
}

let idCounter = 0;

/** A unique id for label/aria wiring inside the element's shadow root. */
export function uid(prefix = 'id') {
  idCounter += 1;
  return `${prefix}-${idCounter}`;
}
