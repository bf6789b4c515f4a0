// Column roles and table kinds the engine knows (docs/request-schema.md), and role edits as load options.

/** Every column role, in the order the page lists them. */
export const ROLES = Object.freeze([
  'customer', 'customerName', 'email', 'phone', 'date', 'orderId', 'amount', 'orderTotal', 'quantity', 'unitPrice',
  'status', 'docType', 'channel', 'manager', 'product', 'region', 'campaign', 'firstContact', 'dealId', 'stage',
  'stageTime', 'created', 'closed', 'dealStatus', 'pipeline', 'lostReason',
]);

/** The table kinds a file can be forced to. */
export const KINDS = Object.freeze(['orders', 'dealEvents', 'dealSnapshot', 'customers']);

/**
 * The roles option after the user gives `column` the role `role` ('none' to clear it).
 * @param {object} overrides the roles option given so far ({role: column|null})
 * @param {object} current the file's roles now ({role: column}, from its report)
 * @returns {object} new overrides: the role now names `column`; the column's old role is removed (null).
 */
export function changeRole(overrides, current, column, role) {
  const next = { ...(overrides || {}) };
  for (const [r, c] of Object.entries(current || {})) {
    if (c === column && r !== role) next[r] = null;
  }
  for (const [r, c] of Object.entries(next)) {
    if (c === column && r !== role) next[r] = null;
  }
  if (role && role !== 'none') next[role] = column;
  return next;
}

/** The role of each column: {column: role} from a file report's columns (or its roles map). */
export function rolesByColumn(fileReport) {
  const out = {};
  for (const c of fileReport?.columns || []) out[c.name] = c.role && c.role !== 'none' ? c.role : 'none';
  for (const [role, column] of Object.entries(fileReport?.roles || {})) out[column] = role;
  return out;
}
