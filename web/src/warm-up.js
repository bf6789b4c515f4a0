// Warm-up: small built-in files run through the engine's hot paths (each reader, each sink, each analysis) in
// an engine object of their own, so that the browser compiles those functions with its optimizing tier before
// the user's first file. A fresh module runs baseline code, and wasm has no on-stack replacement: a load's row
// loop keeps the code it was entered with for the whole file. Measured in headless Chromium on the benchmark's
// files (a fresh engine's first load, 1 s after the warm-up; without it in brackets): 100k orders JSON 46-66 ms
// (146-154), 100k orders CSV 35-41 ms (142-167), 1M orders CSV 300-359 ms (348-478). The warm-up itself took
// 136-312 ms, most of it compiling code that the first load would otherwise compile.

import { bytesReader } from './byte-readers.js';

const CHANNELS = ['web', 'mobile_app', 'retail', 'partner'];
const MANAGERS = ['Olivia Brown', 'Farid Haddad', 'Иван Петров', 'Carla Mendes'];
const STATUSES = ['paid', 'paid', 'paid', 'shipped', 'cancelled'];
const STAGES = ['lead', 'qualified', 'proposal', 'negotiation', 'won', 'lost'];

/** The warm-up orders: `rows` deterministic rows over two years, customers buying again. */
function orderRows(rows) {
  const out = [];
  let seed = 17;
  const next = (n) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  const dates = new Map();
  for (let i = 0; i < rows; i++) {
    const day = Math.floor((i * 730) / rows);
    if (!dates.has(day)) dates.set(day, new Date(Date.UTC(2023, 0, 1 + day)).toISOString().slice(0, 10));
    const date = dates.get(day);
    out.push({
      order_id: i + 1, customer_id: 1 + next(Math.max(1, rows >> 3)), order_date: date,
      amount: (500 + next(500000)) / 100,
      channel: CHANNELS[next(4)], manager: MANAGERS[next(4)], status: STATUSES[next(5)],
    });
  }
  return out;
}

/** The warm-up deal events: a stage change per row, deals moving through the stages in time order. */
function dealEventLines(rows) {
  const lines = ['deal_id,stage,entered_at,manager'];
  const deals = Math.max(1, Math.floor(rows / 4));
  for (let i = 0; i < rows; i++) {
    const deal = 1 + (i % deals);
    const step = Math.floor(i / deals);
    const stage = STAGES[deal % 7 === 0 && step > 1 ? 5 : Math.min(step, 4)];
    const time = new Date(Date.UTC(2023, 0, 1) + i * 3_600_000).toISOString().slice(0, 19);
    lines.push(`${deal},${stage},${time},${MANAGERS[deal % 4]}`);
  }
  return lines;
}

/** An amount as a Russian export writes it: "1 234,56". */
function ruAmount(amount) {
  const [whole, fraction] = amount.toFixed(2).split('.');
  return `${whole.replace(/\B(?=(\d{3})+$)/g, ' ')},${fraction}`;
}

/** The warm-up files, as {name, kind, text}: orders as CSV (two dialects), JSON and NDJSON, and deal events. */
export function warmUpFiles(rows) {
  const orders = orderRows(rows);
  const keys = Object.keys(orders[0]);
  const csv = [keys.join(','), ...orders.map((o) => keys.map((k) => o[k]).join(','))];
  // The Russian export dialect: ';', dd.mm.yyyy, decimal comma with a thousands space.
  const ru = ['Номер заказа;Клиент;Дата;Сумма;Канал;Менеджер;Статус', ...orders.map((o) => [
    o.order_id, o.customer_id, o.order_date.split('-').reverse().join('.'),
    ruAmount(o.amount), o.channel, o.manager, o.status,
  ].join(';'))];
  const objects = orders.map((o) => JSON.stringify(o));
  return [
    { name: 'warm-up-orders.csv', kind: 'orders', text: `${csv.join('\n')}\n` },
    { name: 'warm-up-orders-ru.csv', kind: 'orders', text: `${ru.join('\r\n')}\r\n` },
    { name: 'warm-up-orders.json', kind: 'orders', text: `[\n${objects.join(',\n')}\n]\n` },
    { name: 'warm-up-orders.ndjson', kind: 'orders', text: `${objects.join('\n')}\n` },
    { name: 'warm-up-deals.csv', kind: 'dealEvents', text: `${dealEventLines(rows).join('\n')}\n` },
  ];
}

/** What each kind of warm-up file is analysed with: the default report, then the analyses' other methods. */
const REQUESTS = {
  orders: [
    {},
    { analyses: ['rfm'], rfm: { method: 'ntile', n: 5 } },
    { analyses: ['cohorts'], cohorts: { period: 'week' } },
  ],
  dealEvents: [{}, { analyses: ['funnel'], funnel: { mode: 'strict' } }],
};

/**
 * Runs the warm-up files through load and analyze in a separate engine object of `module` (the caller's files
 * and results are untouched), then frees it. `parse` reads each JSON result and throws on an error (a warm-up
 * file the engine could not read would warm nothing up). Returns the milliseconds it took.
 */
export function runWarmUp(module, parse, rows = 1000) {
  const started = performance.now();
  const encoder = new TextEncoder();
  for (const file of warmUpFiles(rows)) {
    const engine = new module.Engine();
    try {
      parse(engine.load(file.name, bytesReader(module, encoder.encode(file.text)), '{}'));
      for (const request of REQUESTS[file.kind]) parse(engine.analyze(JSON.stringify(request)));
    } finally {
      engine.delete();
    }
  }
  return performance.now() - started;
}
