// CSV files for Excel: UTF-8 with a BOM always; ';' and a decimal comma when the page is in Russian or Ukrainian.

import { toCsv } from '../../src/report-tables.js';

/** toCsv() options for the page language. */
export function csvOptions(lang) {
  const comma = lang === 'ru' || lang === 'uk';
  return { bom: true, delimiter: comma ? ';' : ',', decimalComma: comma };
}

/** CSV text of {columns, rows} for the page language. */
export function tableCsv(table, lang) {
  return toCsv(table, csvOptions(lang));
}

/** A file name safe on every system: letters, digits, '-', '_' and '.', ending in `.ext`. */
export function safeFileName(base, ext = 'csv') {
  const stem = String(base || 'export').normalize('NFKC').replace(/[^\p{L}\p{N}._-]+/gu, '_').replace(/^_+|_+$/g, '') || 'export';
  return `${stem.slice(0, 80)}.${ext}`;
}
