// The rows accounting: read = used + rejected by reason (with excluded statuses), and the rejected rows as CSV.

import { h } from '../lib/dom.js';

/** The rejection reasons, in the order the page lists them. */
export const REASONS = Object.freeze(['missingCustomer', 'badDate', 'badAmount', 'excludedStatus', 'duplicate', 'missingDealId', 'missingStage']);

const REASON_KEYS = Object.freeze({
  missingCustomer: 'reason.missingCustomer', badDate: 'reason.badDate', badAmount: 'reason.badAmount',
  excludedStatus: 'reason.excludedStatus', duplicate: 'reason.duplicate', missingDealId: 'reason.missingDealId',
  missingStage: 'reason.missingStage',
});

/** The accounting block for report.rows, or null before any report. */
export function accounting(app, rows) {
  if (!rows) return null;
  const { t, i18n } = app;
  const rejectedTotal = rows.rejectedTotal ?? REASONS.reduce((sum, r) => sum + (rows.rejected?.[r] || 0), 0);
  const items = REASONS.filter((r) => rows.rejected?.[r]).map((r) => {
    const statuses = r === 'excludedStatus' ? Object.entries(rows.excludedStatuses || {}) : [];
    return h('li', { 'data-reason': r },
      h('span', {}, t(REASON_KEYS[r])), ' ', h('strong', { class: 'num' }, i18n.integer(rows.rejected[r])),
      statuses.length ? h('ul', { class: 'sublist' }, statuses.map(([status, count]) => h('li', {}, h('span', {}, status), ' ', h('span', { class: 'num' }, i18n.integer(count))))) : null);
  });
  return h('section', { class: 'card accounting', 'data-testid': 'accounting', 'aria-labelledby': 'accounting-title' },
    h('div', { class: 'card-head' },
      h('h2', { class: 'card-title', id: 'accounting-title' }, t('rows.title')),
      rejectedTotal ? h('button', {
        type: 'button', class: 'btn btn-small', 'data-testid': 'download-rejected', on: { click: () => app.downloadRejected() },
      }, t('rows.download')) : null),
    h('p', { class: 'equation', 'data-testid': 'accounting-equation' },
      t('rows.equation', { read: i18n.integer(rows.read), used: i18n.integer(rows.used), rejected: i18n.integer(rejectedTotal) })),
    items.length ? h('ul', { class: 'reasons' }, items) : h('p', { class: 'muted' }, t('rows.noneRejected')),
    rows.returnRows ? h('p', { class: 'muted' }, t('rows.returns', { count: i18n.integer(rows.returnRows), amount: i18n.money(rows.returnedAmount) })) : null);
}
