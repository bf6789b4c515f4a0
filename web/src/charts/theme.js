// The default look of every chart (a Vega-Lite `config`) and the deep merge a host uses to restyle it.

import { localeConfig } from './locale.js';

/** The semantic colours marks use directly (a builder's `options.palette` overrides any of them). */
export const DEFAULT_PALETTE = Object.freeze({
  primary: '#3b6ea5',
  secondary: '#a9c4e0',
  accent: '#d08c3f',
  positive: '#4e9a6b',
  negative: '#c2544f',
  neutral: '#a3acb9',
  empty: '#f1f3f6',
  gap: '#ffffff',
  partialStroke: '#6b7280',
  text: '#1f2937',
  textMuted: '#6b7280',
  textOnDark: '#ffffff',
});

const kFont = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif';
const kSequential = ['#f0f5fa', '#c6d9ec', '#8db3d7', '#4f86bb', '#24568a'];

/** The clean default theme: a Vega-Lite `config` with the system font stack (no web fonts) and a calm palette. */
export const DEFAULT_THEME = deepFreeze({
  font: kFont,
  background: '#ffffff',
  padding: 8,
  view: { stroke: null, continuousWidth: 320, continuousHeight: 240 },
  title: { font: kFont, fontSize: 14, fontWeight: 600, color: '#1f2937', anchor: 'start', offset: 10 },
  axis: {
    labelFont: kFont, titleFont: kFont, labelFontSize: 11, titleFontSize: 12, titleFontWeight: 500,
    labelColor: '#4b5563', titleColor: '#374151', domainColor: '#cbd5e1', tickColor: '#cbd5e1',
    gridColor: '#eef1f5', labelLimit: 140, titlePadding: 8,
  },
  // Continuous axes thin out crowded labels; band axes (categories) keep every label.
  axisQuantitative: { labelOverlap: true },
  axisTemporal: { labelOverlap: true },
  axisBand: { domain: false, ticks: false, grid: false },
  legend: {
    orient: 'bottom', labelFont: kFont, titleFont: kFont, labelFontSize: 11, titleFontSize: 12,
    titleFontWeight: 500, labelColor: '#4b5563', titleColor: '#374151', labelLimit: 220, gradientLength: 180,
    symbolType: 'square', columnPadding: 12,
    // Centred under the plot, a bottom legend may use the room under the y-axis labels on narrow screens.
    layout: { bottom: { anchor: 'middle' } },
  },
  bar: { color: DEFAULT_PALETTE.primary, cornerRadiusEnd: 2 },
  line: { color: DEFAULT_PALETTE.primary, strokeWidth: 2 },
  point: { color: DEFAULT_PALETTE.primary, filled: true, size: 30 },
  rect: { color: DEFAULT_PALETTE.primary },
  text: { font: kFont, fontSize: 11, color: DEFAULT_PALETTE.text },
  rule: { color: DEFAULT_PALETTE.neutral },
  range: {
    category: ['#3b6ea5', '#d08c3f', '#4e9a6b', '#b56576', '#7d6fb0', '#8a9a5b', '#c97c5d', '#4f9fbf',
      '#a3acb9', '#c9a83a'],
    heatmap: { scheme: kSequential },
    ramp: { scheme: kSequential },
    ordinal: { scheme: ['#9dbbd9', '#1d4673'] },
  },
});

function isPlainObject(value) {
  return value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype;
}

function deepFreeze(value) {
  if (value && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

/**
 * A new object: `base` with `override` merged in. Plain objects merge key by key; arrays and other values replace;
 * `undefined` in `override` keeps the base value, `null` sets null (Vega's "none"). Neither input is changed.
 */
export function deepMerge(base, override) {
  if (override === undefined) return structuredClone(base);
  if (!isPlainObject(base) || !isPlainObject(override)) return structuredClone(override);
  const merged = structuredClone(base);
  for (const [key, value] of Object.entries(override)) {
    if (value === undefined) continue;
    merged[key] = key in merged ? deepMerge(merged[key], value) : structuredClone(value);
  }
  return merged;
}

/** The `config` of a spec: DEFAULT_THEME, the locale's number and time formats, then `options.theme` on top. */
export function themeConfig(options = {}) {
  const config = deepMerge(DEFAULT_THEME, { locale: localeConfig(options.locale) });
  return deepMerge(config, options.theme);
}

/** The colours of a builder: DEFAULT_PALETTE with `options.palette` on top. */
export function paletteFor(options = {}) {
  return { ...DEFAULT_PALETTE, ...(options.palette || {}) };
}
