// Comparison used by the agreement tests: integers, strings and null exactly, other numbers to 1e-9 relative
// (the tolerance ../shared/bench/lib/compare.mjs uses).
import assert from 'node:assert/strict';

/** Differences between two JSON-like values, as "path: a != b" lines (at most 20). */
export function Diff(a, b, path = '$', out = []) {
    if (out.length >= 20) return out;
    if (typeof a === 'number' && typeof b === 'number') {
        const exact = Number.isInteger(a) && Number.isInteger(b);
        const ok = exact ? a === b : Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b));
        if (!ok) out.push(`${path}: ${a} != ${b}`);
    } else if (Array.isArray(a) && Array.isArray(b)) {
        if (a.length !== b.length) out.push(`${path}.length: ${a.length} != ${b.length}`);
        for (let i = 0; i < Math.min(a.length, b.length); i++) Diff(a[i], b[i], `${path}[${i}]`, out);
    } else if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
        for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) Diff(a[k], b[k], `${path}.${k}`, out);
    } else if (a !== b) {
        out.push(`${path}: ${JSON.stringify(a)} != ${JSON.stringify(b)}`);
    }
    return out;
}

/** Asserts that `actual` equals `expected` under Diff's rules, listing the differences. */
export function AssertClose(actual, expected, what) {
    const d = Diff(actual, expected);
    assert.deepEqual(d, [], `${what}:\n  ${d.join('\n  ')}`);
}
