// Sorting table rows: numbers numerically, text by the page locale, empty cells always last.

/** A copy of `rows` sorted by `get(row)` ('asc' or 'desc'); null/undefined/'' last in both directions. */
export function sortRows(rows, get, direction = 'asc', locale = 'en') {
  const collator = new Intl.Collator(locale, { numeric: true, sensitivity: 'base' });
  const sign = direction === 'desc' ? -1 : 1;
  const empty = (v) => v === null || v === undefined || v === '' || (typeof v === 'number' && Number.isNaN(v));
  return rows
    .map((row, index) => ({ row, index, value: get(row) }))
    .sort((a, b) => {
      const ea = empty(a.value);
      const eb = empty(b.value);
      if (ea || eb) return ea === eb ? a.index - b.index : ea ? 1 : -1;
      let c;
      if (typeof a.value === 'number' && typeof b.value === 'number') c = a.value - b.value;
      else c = collator.compare(String(a.value), String(b.value));
      return c === 0 ? a.index - b.index : sign * c;
    })
    .map((x) => x.row);
}

/** The next sort state after clicking column `key`: ascending first, then descending. */
export function nextSort(current, key) {
  if (current && current.key === key) return { key, direction: current.direction === 'asc' ? 'desc' : 'asc' };
  return { key, direction: 'asc' };
}

/** A copy of `list` with the item at `index` moved by `delta` places (clamped; same list when it cannot move). */
export function moveItem(list, index, delta) {
  const target = index + delta;
  if (index < 0 || index >= list.length || target < 0 || target >= list.length) return list.slice();
  const copy = list.slice();
  const [item] = copy.splice(index, 1);
  copy.splice(target, 0, item);
  return copy;
}
