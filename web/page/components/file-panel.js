// "How we read your file": encoding, separators, header line, formats, table kind and editable column roles.

import { h, select } from '../lib/dom.js';
import { KINDS, ROLES, rolesByColumn } from '../lib/roles.js';
import { disclosure } from './disclosure.js';

const DELIMITER_KEYS = { ',': 'sep.comma', ';': 'sep.semicolon', '\t': 'sep.tab', '|': 'sep.pipe' };
const SEPARATOR_KEYS = { ',': 'sep.comma', '.': 'sep.dot', space: 'sep.space', ' ': 'sep.space', "'": 'sep.apostrophe', '': 'sep.none' };
const ENCODING_KEYS = {
  'utf-8': 'enc.utf8', 'utf-8-bom': 'enc.utf8bom', 'utf-16le': 'enc.utf16le', 'utf-16be': 'enc.utf16be', 'windows-1251': 'enc.cp1251',
};

function describeSeparator(t, table, value) {
  return table[value] ? t(table[value]) : String(value);
}

function facts(app, report) {
  const { t } = app;
  const rows = [
    ['file.format', report.format ? report.format.toUpperCase() : '—'],
    ['file.encoding', ENCODING_KEYS[report.encoding] ? t(ENCODING_KEYS[report.encoding]) : (report.encoding || '—')],
  ];
  if (report.format === 'csv') {
    rows.push(['file.delimiter', describeSeparator(t, DELIMITER_KEYS, report.delimiter)]);
    rows.push(['file.headerLine', report.headerLine ? t('file.line', { line: report.headerLine }) : '—']);
  }
  rows.push(['file.decimal', describeSeparator(t, SEPARATOR_KEYS, report.decimalSeparator ?? '')]);
  rows.push(['file.thousands', describeSeparator(t, SEPARATOR_KEYS, report.thousandsSeparator ?? '')]);
  return h('dl', { class: 'facts' }, rows.map(([key, value]) => [h('dt', {}, t(key)), h('dd', {}, value)]));
}

function kindSelect(app, entry, report) {
  const { t } = app;
  const options = KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }));
  if (!KINDS.includes(report.kind)) options.unshift({ value: '', label: t('kind.unknown') });
  return h('label', { class: 'field' },
    h('span', { class: 'field-label' }, t('file.kind')),
    select({
      'data-testid': 'file-kind', 'data-file': entry.name,
      on: { change: (e) => e.target.value && app.configureFile(entry.name, { kind: e.target.value }) },
    }, options, KINDS.includes(report.kind) ? report.kind : ''),
    h('span', { class: 'field-hint' }, t('file.kindConfidence', { value: app.i18n.percent(report.kindConfidence || 0, 0) })));
}

function columnsTable(app, entry, report) {
  const { t, i18n } = app;
  const byColumn = rolesByColumn(report);
  const roleOptions = [{ value: 'none', label: t('role.none') }, ...ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))];
  return h('div', { class: 'table-scroll', tabindex: '0', role: 'region', 'aria-label': t('file.columns') },
    h('table', { class: 'data-table columns-table' },
      h('caption', { class: 'visually-hidden' }, t('file.columns')),
      h('thead', {}, h('tr', {},
        h('th', { scope: 'col' }, t('file.column')),
        h('th', { scope: 'col' }, t('file.role')),
        h('th', { scope: 'col' }, t('file.valueFormat')),
        h('th', { scope: 'col', class: 'num' }, t('file.confidence')))),
      h('tbody', {}, (report.columns || []).map((c) => h('tr', {},
        h('th', { scope: 'row' }, c.name),
        h('td', {}, select({
          'data-testid': 'role-select', 'data-file': entry.name, 'data-column': c.name,
          'aria-label': t('file.roleOf', { column: c.name }),
          on: { change: (e) => app.changeRole(entry.name, c.name, e.target.value) },
        }, roleOptions, byColumn[c.name] || 'none'), c.overridden ? h('span', { class: 'tag' }, t('file.overridden')) : null),
        h('td', {}, c.format || '—'),
        h('td', { class: 'num', title: c.evidence || null }, c.role && c.role !== 'none' ? i18n.percent(c.confidence || 0, 0) : '—'))))));
}

/** One file card: name, size, rows, remove button and the "how we read your file" details. */
export function fileCard(app, entry) {
  const { t, i18n } = app;
  const report = entry.report || entry.error?.fileReport || null;
  const rows = report?.rows;
  const status = entry.error
    ? h('span', { class: 'tag tag-error' }, t('file.failed'))
    : h('span', { class: 'tag' }, t(`kind.${KINDS.includes(report?.kind) ? report.kind : 'unknown'}`));
  const head = h('div', { class: 'file-head' },
    h('div', { class: 'file-title' },
      h('strong', { class: 'file-name' }, entry.name),
      status,
      h('span', { class: 'muted' }, entry.isRows ? t('file.fromHost') : i18n.fileSize(entry.size)),
      rows && !entry.error ? h('span', { class: 'muted' }, t('file.rows', { used: i18n.integer(rows.used), read: i18n.integer(rows.read) })) : null),
    h('button', {
      type: 'button', class: 'btn btn-small', 'data-testid': 'file-remove', 'data-file': entry.name,
      'aria-label': t('file.removeLabel', { name: entry.name }), on: { click: () => app.removeFile(entry.name) },
    }, t('file.remove')));
  const body = report
    ? h('div', { class: 'file-body' },
      entry.error ? h('p', { class: 'alert-inline' }, entry.error.message) : null,
      facts(app, report),
      kindSelect(app, entry, report),
      report.kindEvidence ? h('p', { class: 'card-note' }, t('file.evidence', { text: report.kindEvidence })) : null,
      columnsTable(app, entry, report))
    : h('p', { class: 'alert-inline' }, entry.error?.message || '');
  return h('article', { class: `card file-card${entry.error ? ' failed' : ''}`, 'data-testid': 'file-card', 'data-file': entry.name },
    head,
    disclosure(app, `file-details:${entry.name}`, t('file.howWeRead'), body, { defaultOpen: !!entry.error, testid: 'file-details' }));
}

/** The list of loaded (and failed) files. */
export function fileList(app) {
  const entries = [...app.files.values()];
  if (!entries.length) return null;
  return h('div', { class: 'file-list', 'data-testid': 'file-list' }, entries.map((e) => fileCard(app, e)));
}
