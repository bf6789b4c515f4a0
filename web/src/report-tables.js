// The main table of each report, and CSV text of a table (for the CLI and for downloads).

/** The reports the CLI and the page know, in order. */
export const REPORTS = Object.freeze(['summary', 'rfm', 'cohorts', 'funnel']);

/**
 * The main table of one report: {columns: [names], rows: [[values]]}.
 * summary: the monthly series; rfm: the customer table; cohorts: retention per cohort and offset;
 * funnel: one row per stage.
 */
export function mainTable(name, report) {
  switch (name) {
    case 'summary': {
      const months = report.summary?.months || [];
      return {
        columns: ['month', 'revenue', 'purchases', 'customers', 'newCustomers'],
        rows: months.map((m) => [m.month, m.revenue, m.purchases, m.customers, m.newCustomers]),
      };
    }
    case 'rfm': {
      const customers = report.rfm?.customers || [];
      return {
        columns: ['customer', 'recency', 'frequency', 'monetary', 'r', 'f', 'm', 'segment'],
        rows: customers.map((c) => [c.customer, c.recency, c.frequency, c.monetary, c.r, c.f, c.m, c.segment]),
      };
    }
    case 'cohorts': {
      const c = report.cohorts;
      const offsets = c ? c.offsets : 0;
      const columns = ['cohort', 'size'];
      for (let k = 0; k < offsets; k++) columns.push(`k${k}`);
      const rows = c ? c.cohorts.map((label, i) => [label, c.sizes[i], ...c.retention[i]]) : [];
      return { columns, rows };
    }
    case 'funnel': {
      const f = report.funnel;
      if (!f) return { columns: [], rows: [] };
      const time = new Map((f.timeInStage || []).map((t) => [t.stage, t]));
      return {
        columns: ['stage', 'reached', 'skipped', 'stepConversion', 'overallConversion', 'dropOff', 'medianDaysInStage', 'p90DaysInStage'],
        rows: f.stages.map((stage, s) => [
          stage, f.reached[s], f.skipped ? f.skipped[s] : null, f.stepConversion[s], f.overallConversion[s],
          f.dropOff ? f.dropOff[s] : null, time.get(stage)?.medianDays ?? null, time.get(stage)?.p90Days ?? null,
        ]),
      };
    }
    default:
      throw new Error(`unknown report '${name}' (known: ${REPORTS.join(', ')})`);
  }
}

function csvCell(value, delimiter, decimalComma) {
  if (value === null || value === undefined) return '';
  let text = typeof value === 'number' && decimalComma ? String(value).replace('.', ',') : String(value);
  if (text.includes(delimiter) || text.includes('"') || text.includes('\n') || text.includes('\r')) {
    text = `"${text.replaceAll('"', '""')}"`;
  }
  return text;
}

/**
 * CSV text of a table (RFC 4180 quoting, CRLF line ends).
 * @param {{columns: string[], rows: any[][]}} table
 * @param {{delimiter?: string, decimalComma?: boolean, bom?: boolean}} [options]
 *   Excel in Russian or Ukrainian locales wants delimiter ';', decimalComma and a BOM.
 */
export function toCsv(table, { delimiter = ',', decimalComma = false, bom = false } = {}) {
  const lines = [table.columns.map((c) => csvCell(c, delimiter, false)).join(delimiter)];
  for (const row of table.rows) lines.push(row.map((v) => csvCell(v, delimiter, decimalComma)).join(delimiter));
  return (bom ? '\uFEFF' : '') + lines.join('\r\n') + '\r\n';
}
