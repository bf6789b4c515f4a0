// A sortable table card (click a header; aria-sort) with a CSV export of every row.

import { h, replaceChildren } from '../lib/dom.js';
import { nextSort, sortRows } from '../lib/sort.js';
import { safeFileName, tableCsv } from '../lib/csv.js';
import { downloadText } from '../lib/download.js';

const NUMERIC = new Set(['integer', 'number', 'money', 'percent', 'days']);
const OUTCOME_KEYS = { won: 'outcome.won', lost: 'outcome.lost', open: 'outcome.open' };

/** The text of one cell: formatted for the page language by the column's kind. */
export function formatCell(i18n, kind, value) {
  if (value === null || value === undefined || value === '') return '—';
  switch (kind) {
    case 'integer': return i18n.integer(value);
    case 'number': return i18n.number(value, 2);
    case 'days': return i18n.number(value, 1);
    case 'money': return i18n.money(value);
    case 'percent': return i18n.percent(value);
    case 'date': return i18n.date(value);
    case 'datetime': return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value) ? `${i18n.date(value.slice(0, 10))} ${value.slice(11, 16)}` : String(value);
    case 'outcome': return OUTCOME_KEYS[value] ? i18n.t(OUTCOME_KEYS[value]) : String(value);
    default: return String(value);
  }
}

/**
 * A table card. columns: [{key, label, kind?: 'text'|'integer'|'number'|'days'|'money'|'percent'|'date'|'datetime'|'outcome', get?(row)}];
 * rows: objects; onRowSelect(row) makes the first cell a button (drill-down); only `limit` rows are drawn,
 * the CSV holds them all.
 */
export function dataTable({ id, title, columns, rows, ctx, filename, onRowSelect, rowActionLabel, limit = 300, note }) {
  const { t, i18n } = ctx;
  const state = ctx.tableSort?.get(id) || null;
  const value = (column, row) => (column.get ? column.get(row) : row[column.key]);
  let sort = state;
  const table = h('table', { class: 'data-table' });
  const footer = h('p', { class: 'card-note' });

  const draw = () => {
    const column = sort && columns.find((c) => c.key === sort.key);
    const sorted = column ? sortRows(rows, (row) => value(column, row), sort.direction, i18n.locale) : rows;
    const head = h('thead', {}, h('tr', {}, columns.map((c) => {
      const ariaSort = sort && sort.key === c.key ? (sort.direction === 'asc' ? 'ascending' : 'descending') : 'none';
      return h('th', { scope: 'col', 'aria-sort': ariaSort, class: NUMERIC.has(c.kind) ? 'num' : null, 'data-key': c.key },
        h('button', {
          type: 'button', class: 'sort-button', 'data-testid': `sort-${id}-${c.key}`,
          on: { click: () => { sort = nextSort(sort, c.key); ctx.tableSort?.set(id, sort); draw(); } },
        }, c.label, h('span', { class: 'sort-mark', 'aria-hidden': 'true' }, ariaSort === 'ascending' ? '▲' : ariaSort === 'descending' ? '▼' : '↕')));
    })));
    const body = h('tbody', {}, sorted.slice(0, limit).map((row) => h('tr', {}, columns.map((c, i) => {
      const text = formatCell(i18n, c.kind, value(c, row));
      const content = i === 0 && onRowSelect
        ? h('button', {
          type: 'button', class: 'link-button', 'data-testid': `row-${id}`,
          'aria-label': rowActionLabel ? rowActionLabel(row) : text, on: { click: () => onRowSelect(row) },
        }, text)
        : text;
      return i === 0 ? h('th', { scope: 'row', class: NUMERIC.has(c.kind) ? 'num' : null }, content)
        : h('td', { class: NUMERIC.has(c.kind) ? 'num' : null }, content);
    }))));
    replaceChildren(table, h('caption', { class: 'visually-hidden' }, title), head, body);
    footer.textContent = rows.length > limit ? t('table.truncated', { shown: i18n.integer(limit), total: i18n.integer(rows.length) }) : t('table.rows', { count: i18n.integer(rows.length) });
  };

  const exportCsv = () => {
    const csv = tableCsv({ columns: columns.map((c) => c.label), rows: rows.map((row) => columns.map((c) => value(c, row))) }, ctx.lang);
    downloadText(ctx.downloadRoot, safeFileName(filename || id, 'csv'), csv, 'text/csv;charset=utf-8');
  };

  draw();
  return h('section', { class: 'card table-card', 'data-testid': `table-${id}`, 'aria-label': title },
    h('div', { class: 'card-head' },
      h('h3', { class: 'card-title' }, title),
      h('span', { class: 'card-actions' }, h('button', {
        type: 'button', class: 'btn btn-small', 'data-testid': `export-csv-${id}`,
        'aria-label': t('table.exportCsvLabel', { title }), on: { click: exportCsv },
      }, t('export.csv')))),
    note ? h('p', { class: 'card-note' }, note) : null,
    h('div', { class: 'table-scroll', tabindex: '0', role: 'region', 'aria-label': title }, table),
    footer);
}
