// What a drill-down lists: RFM customers from the report itself, cohort cells and funnel stages from the engine.

/** The RFM customer columns for drill tables: [{key, labelKey, kind}]. */
export const RFM_CUSTOMER_COLUMNS = Object.freeze([
  { key: 'customer', labelKey: 'col.customer', kind: 'text' },
  { key: 'recency', labelKey: 'col.recency', kind: 'integer' },
  { key: 'frequency', labelKey: 'col.frequency', kind: 'integer' },
  { key: 'monetary', labelKey: 'col.monetary', kind: 'money' },
  { key: 'revenue', labelKey: 'col.revenue', kind: 'money' },
  { key: 'r', labelKey: 'col.r', kind: 'integer' },
  { key: 'f', labelKey: 'col.f', kind: 'integer' },
  { key: 'm', labelKey: 'col.m', kind: 'integer' },
  { key: 'segment', labelKey: 'col.segment', kind: 'text' },
]);

/** The RFM customers matching `match` ({r, f} or {segment}), in report order. */
export function rfmCustomers(rfm, match) {
  const customers = rfm?.customers || [];
  return customers.filter((c) => Object.entries(match).every(([key, value]) => String(c[key]) === String(value)));
}

const KNOWN_KINDS = {
  customer: 'text', deal: 'text', dealId: 'text', stage: 'text', manager: 'text', pipeline: 'text', source: 'text',
  firstPurchase: 'date', lastPurchase: 'date', date: 'date', purchases: 'integer', orders: 'integer',
  revenue: 'money', amount: 'money', monetary: 'money', days: 'days', daysInStage: 'days', lastStage: 'text',
  status: 'outcome', firstEvent: 'datetime', lastEvent: 'datetime', purchasesInPeriod: 'integer', totalPurchases: 'integer',
  revenueInPeriod: 'money', totalRevenue: 'money',
};

/** The kind of an engine drill column (by its name, else by its values). */
export function columnKind(name, rows, index) {
  if (KNOWN_KINDS[name]) return KNOWN_KINDS[name];
  const sample = rows.find((row) => row[index] !== null && row[index] !== undefined)?.[index];
  if (typeof sample === 'number') return Number.isInteger(sample) ? 'integer' : 'number';
  if (typeof sample === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(sample)) return 'date';
  return 'text';
}

/** {columns, rows} of an engine drill table ({columns: [names], rows: [[values]]}) as table-card input. */
export function drillTable(drill, label) {
  const names = drill?.columns || [];
  const rows = drill?.rows || [];
  return {
    columns: names.map((name, i) => ({ key: String(i), label: label(name), kind: columnKind(name, rows, i) })),
    rows: rows.map((row) => Object.fromEntries(names.map((name, i) => [String(i), Array.isArray(row) ? row[i] : row?.[name]]))),
  };
}
