// The frame every builder shares: size, autosize, config, the named dataset `table`, and small helpers for the
// Vega expressions the specs carry (they run under vega-interpreter: no eval).

import { themeConfig, paletteFor } from './theme.js';
import { resolveLabels } from './labels.js';
import { formatsFor } from './formats.js';

/** The Vega-Lite schema the specs follow (never fetched). */
export const SCHEMA_URL = 'https://vega.github.io/schema/vega-lite/v6.json';

/** Everything a builder needs from its options: labels, formats, palette and locale, resolved once. */
export function resolveOptions(options = {}) {
  return {
    options,
    labels: resolveLabels(options),
    formats: formatsFor(options),
    palette: paletteFor(options),
  };
}

/**
 * The top of a spec: $schema, description, optional title, size (`width: 'container'` with autosize fit unless
 * options.width is a number), the config and the data. `rows` become `datasets.table`, drawn from `data: {name}`.
 */
export function frame({ options, labels }, { titleKey, height, rows }) {
  const spec = { $schema: SCHEMA_URL, description: labels[titleKey] };
  if (options.title) spec.title = typeof options.title === 'string' ? options.title : labels[titleKey];
  if (typeof options.width === 'number') {
    spec.width = options.width;
  } else {
    spec.width = 'container';
    spec.autosize = { type: 'fit', contains: 'padding' };
  }
  spec.height = typeof options.height === 'number' ? options.height : height;
  spec.config = themeConfig(options);
  spec.datasets = { table: rows };
  spec.data = { name: 'table' };
  return spec;
}

/** A copy of `object` without its null and undefined values (unobservable cells are left out, never 0). */
export function withoutNulls(object) {
  const out = {};
  for (const [key, value] of Object.entries(object)) {
    if (value !== null && value !== undefined) out[key] = value;
  }
  return out;
}

/** A Vega expression string literal for `text` (quotes and apostrophes escaped). */
export function literal(text) {
  return JSON.stringify(String(text));
}

/** A Vega expression reading `datum[field]`. */
export function field(name) {
  return `datum[${literal(name)}]`;
}

/** A Vega expression: `field` formatted with `format`, or `empty` when the datum has no valid value. */
export function formatted(name, format, empty = '\u2014') {
  return `(isValid(${field(name)}) ? format(${field(name)}, ${literal(format)}) : ${literal(empty)})`;
}

/** A Vega-Lite calculate transform that writes `formatted(name, format)` to `as` (for tooltips and labels). */
export function calculateFormatted(name, format, as) {
  return { calculate: formatted(name, format), as };
}

/** Throws a RangeError unless `value` is one of `allowed`; returns it (the default when undefined). */
export function oneOf(what, value, allowed, fallback) {
  const chosen = value ?? fallback;
  if (!allowed.includes(chosen)) throw new RangeError(`${what} must be one of ${allowed.join(', ')}, not '${chosen}'`);
  return chosen;
}
