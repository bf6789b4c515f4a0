// Independent SQL reference for RFM, cohorts and the funnel (SPEC §3.1–3.3, default parameters), computed with
// DuckDB from npm over the CSV files that ../shared/bench/gen.py writes:
//   orders.csv       order_id,customer_id,order_date,amount,channel,manager,status
//   deal_stages.csv  deal_id,stage,entered_at,manager
// Semantics: only status 'paid' rows are purchases ('cancelled'/'refunded' are excluded statuses), each row is one
// purchase, amounts are exact integer cents, as-of = last paid order date + 1 day.
//
// Import: `@duckdb/node-api` lives in web/node_modules, which Node's resolver does not search from tests/js, so the
// package is loaded with createRequire() anchored at web/package.json. This works from any working directory,
// e.g. `node --test tests/js/` run from the project root.
import { createRequire } from 'node:module';

const requireFromWeb = createRequire(new URL('../../web/package.json', import.meta.url));
const { DuckDBInstance } = requireFromWeb('@duckdb/node-api');

/// Stage order of gen.py's deal log; 'lost' is an outcome, not a stage.
export const kFunnelStages = ['lead', 'qualified', 'proposal', 'negotiation', 'won'];

/// SQL string literal for a file path.
function SqlString(s) {
    return `'${String(s).replaceAll("'", "''")}'`;
}

/// Reads orders.csv with explicit column types (amount stays text so that it converts to cents exactly).
function OrdersSource(path) {
    return `read_csv(${SqlString(path)}, header = true, delim = ',', quote = '"', auto_detect = false,
        columns = {'order_id': 'BIGINT', 'customer_id': 'BIGINT', 'order_date': 'DATE', 'amount': 'VARCHAR',
                   'channel': 'VARCHAR', 'manager': 'VARCHAR', 'status': 'VARCHAR'})`;
}

/// Paid orders with exact cents: '40.78' -> DECIMAL(18,2) 40.78 -> 4078 (the DECIMAL cast is exact).
function PaidOrdersSql(path) {
    return `SELECT customer_id, order_date AS d, CAST(CAST(amount AS DECIMAL(18, 2)) * 100 AS BIGINT) AS cents
            FROM ${OrdersSource(path)} WHERE status = 'paid'`;
}

/// Runs fn(connection) on a fresh in-memory database and always closes it.
async function WithDuckDB(fn) {
    const instance = await DuckDBInstance.create(':memory:');
    const con = await instance.connect();
    try {
        return await fn(con);
    } finally {
        con.closeSync();
        instance.closeSync();
    }
}

/// Runs a query and returns its rows as plain objects (every SELECT below casts to INTEGER/DOUBLE/VARCHAR).
async function Rows(con, sql) {
    const reader = await con.runAndReadAll(sql);
    return reader.getRowObjectsJS();
}

function Matrix(rows, cols, fill) {
    return Array.from({ length: rows }, () => Array.from({ length: cols }, () => fill));
}

/// Builds the per-customer table `cust(customer_id, recency, frequency, monetary)` and returns {asOf, customers}.
async function BuildCustomerTable(con, ordersCsv) {
    await con.run(`CREATE TEMP TABLE paid AS ${PaidOrdersSql(ordersCsv)}`);
    await con.run(`CREATE TEMP TABLE as_of_date AS SELECT max(d) + 1 AS t FROM paid`);
    await con.run(`CREATE TEMP TABLE cust AS
        SELECT customer_id,
               date_diff('day', max(d), (SELECT t FROM as_of_date)) AS recency,
               count(*) AS frequency,
               sum(cents)::BIGINT AS monetary
        FROM paid GROUP BY customer_id`);
    const [head] = await Rows(con, `SELECT strftime((SELECT t FROM as_of_date), '%Y-%m-%d') AS as_of,
                                           (SELECT count(*) FROM cust)::INTEGER AS customers`);
    return { asOf: head.as_of, customers: head.customers };
}

/// Exact type-7 breakpoints for one metric: h = (N−1)·k/n = lo_i + r/n with integers lo_i, r, so
/// q_k = v[lo_i] + (r/n)·(v[lo_i+1] − v[lo_i]) and `v > q_k` ⇔ n·(v − v[lo_i]) > r·(v[lo_i+1] − v[lo_i]).
/// DuckDB's quantile_cont computes h in floating point ((N−1)·0.7 can come out as 62.99999999999999 for an exact
/// 63), which can move a tied value across a breakpoint; the integer form cannot (the test checks the values
/// against quantile_cont to 1e-9 relative).
async function BuildBreakpoints(con, metric, n) {
    await con.run(`CREATE TEMP TABLE bp_${metric} AS
        WITH sorted AS (SELECT ${metric} AS v, row_number() OVER (ORDER BY ${metric}) - 1 AS i FROM cust),
             nn AS (SELECT count(*) AS cnt FROM cust),
             ks AS (SELECT k, ((nn.cnt - 1) * k) // ${n} AS lo_i, ((nn.cnt - 1) * k) % ${n} AS r
                    FROM range(1, ${n}) t(k), nn)
        SELECT ks.k, ks.r, lo.v AS lo, hi.v AS hi
        FROM ks JOIN sorted lo ON lo.i = ks.lo_i
                JOIN sorted hi ON hi.i = ks.lo_i + CASE WHEN ks.r > 0 THEN 1 ELSE 0 END`);
}

/// Adds r/f/m scores to `cust` as table `scored(customer_id, monetary, r, f, m)`.
async function ScoreQuantile(con, n) {
    for (const metric of ['recency', 'frequency', 'monetary']) {
        await BuildBreakpoints(con, metric, n);
    }
    // #{k : v > q_k} per metric, counted with the integer comparison above.
    const above = (metric) => `(SELECT count(*) FROM bp_${metric} b
        WHERE ${n}::HUGEINT * (c.${metric} - b.lo) > b.r::HUGEINT * (b.hi - b.lo))`;
    await con.run(`CREATE TEMP TABLE scored AS
        SELECT c.customer_id, c.monetary,
               ${n} - ${above('recency')} AS r,
               1 + ${above('frequency')} AS f,
               1 + ${above('monetary')} AS m
        FROM cust c`);
    const breakpoints = {};
    for (const [metric, scale] of [['recency', 1], ['frequency', 1], ['monetary', 100]]) {
        // (n·lo + r·(hi − lo)) / (n·scale): one correctly rounded division of exact integers.
        const rows = await Rows(con, `SELECT ((${n}::HUGEINT * lo + r::HUGEINT * (hi - lo))::DOUBLE
                                              / ${n * scale}) AS q
                                       FROM bp_${metric} ORDER BY k`);
        breakpoints[metric] = rows.map((row) => row.q);
    }
    return breakpoints;
}

/// NTILE scores (R: recency DESC, F and M ascending; ties by customer_id ascending) as table `scored`.
async function ScoreNtile(con, n) {
    await con.run(`CREATE TEMP TABLE scored AS
        SELECT customer_id, monetary,
               NTILE(${n}) OVER (ORDER BY recency DESC, customer_id ASC) AS r,
               NTILE(${n}) OVER (ORDER BY frequency ASC, customer_id ASC) AS f,
               NTILE(${n}) OVER (ORDER BY monetary ASC, customer_id ASC) AS m
        FROM cust`);
}

/// DuckDB's own quantile_cont breakpoints (monetary in currency units), for cross-checking the exact ones.
export async function duckdbQuantileBreakpoints(ordersCsv, n) {
    return WithDuckDB(async (con) => {
        await BuildCustomerTable(con, ordersCsv);
        const ps = Array.from({ length: n - 1 }, (_, i) => `${i + 1}.0 / ${n}`).join(', ');
        const [row] = await Rows(con, `SELECT
            quantile_cont(recency::DOUBLE, [${ps}]) AS recency,
            quantile_cont(frequency::DOUBLE, [${ps}]) AS frequency,
            list_transform(quantile_cont(monetary::DOUBLE, [${ps}]), x -> x / 100) AS monetary
            FROM cust`);
        return { recency: row.recency, frequency: row.frequency, monetary: row.monetary };
    });
}

/// RFM reference: {asOf, customers, breakpoints (quantile only, else null), grid: {count, meanMonetary, meanM}},
/// grid cells indexed [R-1][F-1]; meanMonetary = sum(cents)/count/100 and meanM = mean M score, null when empty.
export async function rfmReference(ordersCsv, { method = 'quantile', n = 5 } = {}) {
    if (!Number.isInteger(n) || n < 2) throw new Error(`rfmReference: bad n ${n}`);
    if (method !== 'quantile' && method !== 'ntile') throw new Error(`rfmReference: bad method ${method}`);
    return WithDuckDB(async (con) => {
        const { asOf, customers } = await BuildCustomerTable(con, ordersCsv);
        const breakpoints = method === 'quantile' ? await ScoreQuantile(con, n) : null;
        if (method === 'ntile') await ScoreNtile(con, n);
        const cells = await Rows(con, `SELECT r::INTEGER AS r, f::INTEGER AS f, count(*)::INTEGER AS cnt,
                                              sum(monetary)::DOUBLE / count(*) / 100 AS mean_monetary,
                                              sum(m)::DOUBLE / count(*) AS mean_m
                                       FROM scored GROUP BY r, f`);
        const grid = { count: Matrix(n, n, 0), meanMonetary: Matrix(n, n, null), meanM: Matrix(n, n, null) };
        for (const c of cells) {
            grid.count[c.r - 1][c.f - 1] = c.cnt;
            grid.meanMonetary[c.r - 1][c.f - 1] = c.mean_monetary;
            grid.meanM[c.r - 1][c.f - 1] = c.mean_m;
        }
        return { asOf, customers, breakpoints, grid };
    });
}

/// Monthly cohort reference: {cohorts, sizes, active, retention, revenue}; one row per month in which some customer
/// made a first paid purchase; offsets 0..(last month − first cohort month); cells after the last paid month are null.
export async function cohortReference(ordersCsv) {
    return WithDuckDB(async (con) => {
        await con.run(`CREATE TEMP TABLE paid AS
            SELECT customer_id, cents, (year(d) * 12 + month(d) - 1) AS mi FROM (${PaidOrdersSql(ordersCsv)})`);
        await con.run(`CREATE TEMP TABLE first_month AS SELECT customer_id, min(mi) AS c0 FROM paid GROUP BY customer_id`);
        const [b] = await Rows(con, `SELECT (SELECT min(c0) FROM first_month)::INTEGER AS first_m,
                                            (SELECT max(mi) FROM paid)::INTEGER AS last_m`);
        const sizes = await Rows(con, `SELECT c0::INTEGER AS c0, count(*)::INTEGER AS size
                                       FROM first_month GROUP BY c0 ORDER BY c0`);
        const cells = await Rows(con, `SELECT f.c0::INTEGER AS c0, (p.mi - f.c0)::INTEGER AS k,
                                              count(DISTINCT p.customer_id)::INTEGER AS active,
                                              sum(p.cents)::DOUBLE / 100 AS revenue
                                       FROM paid p JOIN first_month f USING (customer_id) GROUP BY f.c0, p.mi`);
        const width = b.last_m - b.first_m + 1;
        const row = new Map(sizes.map((s, i) => [s.c0, i]));
        const label = (mi) => `${String(Math.floor(mi / 12)).padStart(4, '0')}-${String((mi % 12) + 1).padStart(2, '0')}`;
        const observable = (c0, k) => c0 + k <= b.last_m;
        const active = sizes.map((s) => Array.from({ length: width }, (_, k) => (observable(s.c0, k) ? 0 : null)));
        const revenue = sizes.map((s) => Array.from({ length: width }, (_, k) => (observable(s.c0, k) ? 0 : null)));
        for (const c of cells) {
            active[row.get(c.c0)][c.k] = c.active;
            revenue[row.get(c.c0)][c.k] = c.revenue;
        }
        const retention = active.map((r, i) => r.map((a) => (a === null ? null : a / sizes[i].size)));
        return { cohorts: sizes.map((s) => label(s.c0)), sizes: sizes.map((s) => s.size), active, retention, revenue };
    });
}

/// Funnel reference over a stage-change log (reached = any event at this or a later stage).
export async function funnelReference(dealsCsv, { stages = kFunnelStages, lostStage = 'lost' } = {}) {
    return WithDuckDB(async (con) => {
        const rank = stages.map((s, i) => `WHEN ${SqlString(s)} THEN ${i}`).join(' ');
        await con.run(`CREATE TEMP TABLE ev AS
            SELECT deal_id, stage, CAST(entered_at AS TIMESTAMP) AS ts, CASE stage ${rank} ELSE NULL END AS rk
            FROM read_csv(${SqlString(dealsCsv)}, header = true, delim = ',', quote = '"', auto_detect = false,
                          columns = {'deal_id': 'BIGINT', 'stage': 'VARCHAR', 'entered_at': 'VARCHAR',
                                     'manager': 'VARCHAR'})`);
        const last = stages.length - 1;
        const has = stages.map((_, i) => `bool_or(rk = ${i}) AS h${i}`).join(', ');
        await con.run(`CREATE TEMP TABLE deal AS
            SELECT deal_id, coalesce(max(rk), -1) AS mr, ${has},
                   bool_or(stage = ${SqlString(lostStage)}) AS lost,
                   min(ts) FILTER (WHERE rk = 0) AS first_t,
                   min(ts) FILTER (WHERE rk = ${last}) AS won_t
            FROM ev GROUP BY deal_id`);
        const perStage = stages.map((_, i) => `count_if(mr >= ${i})::INTEGER AS reached${i},
                                               count_if(mr > ${i} AND NOT h${i})::INTEGER AS skipped${i}`).join(', ');
        const [a] = await Rows(con, `SELECT count(*)::INTEGER AS deals, ${perStage},
                count_if(h${last})::INTEGER AS won,
                count_if(lost AND NOT h${last})::INTEGER AS lost,
                quantile_cont((epoch(won_t) - epoch(first_t))::DOUBLE, 0.5)
                    FILTER (WHERE won_t IS NOT NULL AND first_t IS NOT NULL) AS median_first_to_won
            FROM deal`);
        const reached = stages.map((_, i) => a[`reached${i}`]);
        const skipped = stages.map((_, i) => a[`skipped${i}`]);
        const stepConversion = reached.map((r, i) => (i === 0 || reached[i - 1] === 0 ? null : r / reached[i - 1]));
        return {
            stages: [...stages],
            deals: a.deals,
            reached,
            skipped,
            stepConversion,
            won: a.won,
            lost: a.lost,
            open: a.deals - a.won - a.lost,
            winRate: a.won + a.lost === 0 ? null : a.won / (a.won + a.lost),
            medianFirstToWonSeconds: a.median_first_to_won ?? null,
        };
    });
}
