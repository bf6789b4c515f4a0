// A chart card: a Vega-Lite spec embedded without eval (CSP), PNG/SVG export, and clicks for drill-down.

import vegaEmbed from 'vega-embed';
import { expressionInterpreter } from 'vega-interpreter';
import { h } from '../lib/dom.js';
import { downloadUrl } from '../lib/download.js';
import { safeFileName } from '../lib/csv.js';

/** The embed options every chart uses: AST + interpreter (no new Function), SVG, no vega-embed menu. */
export const EMBED_OPTIONS = Object.freeze({ ast: true, expr: expressionInterpreter, actions: false, renderer: 'svg' });

/**
 * A chart card; the Vega view is registered under `id` once drawn (ctx.registerView).
 * @param {{id: string, title: string, spec: object, ctx: object, onSelect?: function, description?: string}} o
 *   onSelect(datum) is called when a mark is clicked (the datum carries the drill keys).
 */
export function chartView({ id, title, spec, ctx, onSelect, description }) {
  const { t } = ctx;
  const target = h('div', { class: 'chart-target', role: 'img', 'aria-label': title });
  const status = h('p', { class: 'chart-status' }, t('chart.drawing'));
  let view = null;
  const exportImage = async (type) => {
    if (!view) return;
    const url = await view.toImageURL(type, type === 'png' ? 2 : 1);
    downloadUrl(ctx.downloadRoot, safeFileName(id, type), url);
  };
  const pngButton = h('button', {
    type: 'button', class: 'btn btn-small', 'data-testid': `export-png-${id}`, disabled: true,
    'aria-label': t('chart.exportPngLabel', { title }), on: { click: () => exportImage('png') },
  }, t('export.png'));
  const svgButton = h('button', {
    type: 'button', class: 'btn btn-small', 'data-testid': `export-svg-${id}`, disabled: true,
    'aria-label': t('chart.exportSvgLabel', { title }), on: { click: () => exportImage('svg') },
  }, t('export.svg'));
  const card = h('figure', { class: `card chart-card${onSelect ? ' chart-clickable' : ''}`, 'data-testid': `chart-${id}`, 'data-chart-id': id },
    h('figcaption', { class: 'card-head' },
      h('span', { class: 'card-title' }, title),
      h('span', { class: 'card-actions' }, pngButton, svgButton)),
    description ? h('p', { class: 'card-note' }, description) : null,
    onSelect ? h('p', { class: 'card-note' }, t('chart.clickHint')) : null,
    h('div', { class: 'chart-scroll', tabindex: '0', role: 'region', 'aria-label': title }, target),
    status);
  Promise.resolve().then(async () => {
    try {
      const result = await vegaEmbed(target, spec, EMBED_OPTIONS);
      if (!card.isConnected) {
        result.finalize();
        return;
      }
      view = result.view;
      if (onSelect) {
        view.addEventListener('click', (event, item) => {
          if (item && item.datum) onSelect(item.datum);
        });
      }
      ctx.registerView(id, view, result);
      status.remove();
      pngButton.disabled = false;
      svgButton.disabled = false;
      card.setAttribute('data-ready', '');
    } catch (error) {
      status.textContent = t('chart.error', { message: error.message });
      card.setAttribute('data-error', '');
    }
  });
  return card;
}
