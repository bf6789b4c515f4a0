// The error region: the engine's messages (file, line, column, reason) and plain memory messages, dismissible.

import { h } from '../lib/dom.js';

/** The alert region (always present so screen readers announce new messages). */
export function alertRegion(app) {
  const { t } = app;
  return h('div', { class: 'alerts', role: 'alert', 'aria-live': 'assertive', 'data-testid': 'error-region' },
    app.errors.map((error, i) => h('div', { class: 'alert', 'data-testid': 'error-message', 'data-code': error.code || '' },
      h('p', { class: 'alert-text' }, error.title ? h('strong', {}, error.title, ' ') : null, error.message),
      h('button', {
        type: 'button', class: 'icon-button', 'aria-label': t('error.dismiss'), title: t('error.dismiss'),
        on: { click: () => app.dismissError(i) },
      }, '×'))));
}
