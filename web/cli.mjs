#!/usr/bin/env node
// Command-line run of the same wasm module the page uses.
import { readFile, writeFile } from 'node:fs/promises';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { basename } from 'node:path';
import { createEngine, CrmError, mainTable, toCsv, REPORTS } from './src/index.js';

const HELP = `Usage: node web/cli.mjs <report> FILE... [options]

Reports:
  summary   rows accounting, how each file was read, date range, customers, purchases, revenue
  rfm       RFM scores, R×F grid, segments and the per-customer table
  cohorts   cohort matrix: active customers, retention, revenue, LTV per customer
  funnel    sales funnel from a deal stage log or snapshot

Options:
  --as-of YYYY-MM-DD     as-of date T (default: the day after the last purchase)
  --roles FILE.json      column roles: {"customer": "Email", ...} for every file, or
                         {"orders.csv": {"customer": "Email"}, ...} per file name
  --param key=value      analysis parameter (repeatable); value is JSON or a plain string, e.g.
                         --param method=ntile --param n=5 --param period=week
                         --param thresholds.recency=[30,90,180,365]
  --filter key=value     filter: from=YYYY-MM-DD, to=YYYY-MM-DD, channels=a,b, managers=a,b,
                         statuses=a,b, pipelines=a,b
  --kind KIND            force the table kind of every file (orders, dealEvents, dealSnapshot, customers)
  --rejected N           include the first N rejected rows in the JSON report
  --format json|csv      json: the report object; csv: the report's main table (default json)
  --out PATH             write to PATH instead of standard output
  --help                 this text

Examples:
  node web/cli.mjs rfm web/samples/orders_ru.csv --param method=ntile --format csv
  node web/cli.mjs funnel web/samples/deals_ru.csv --param mode=strict`;

class UsageError extends Error {}

function parseValue(text) {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function setPath(target, path, value) {
  const keys = path.split('.');
  let node = target;
  for (const key of keys.slice(0, -1)) node = node[key] ??= {};
  node[keys.at(-1)] = value;
}

function parseArgs(argv) {
  const args = { report: null, files: [], params: {}, filters: {}, format: 'json', asOf: null, roles: null, kind: null, rejected: 0, out: null };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const next = () => {
      if (i + 1 >= argv.length) throw new UsageError(`${arg} needs a value`);
      return argv[++i];
    };
    if (arg === '--help' || arg === '-h') args.help = true;
    else if (arg === '--as-of') args.asOf = next();
    else if (arg === '--roles') args.roles = next();
    else if (arg === '--kind') args.kind = next();
    else if (arg === '--rejected') args.rejected = Number(next());
    else if (arg === '--format') args.format = next();
    else if (arg === '--out') args.out = next();
    else if (arg === '--param' || arg === '--filter') {
      const pair = next();
      const eq = pair.indexOf('=');
      if (eq <= 0) throw new UsageError(`${arg} expects key=value, got '${pair}'`);
      const key = pair.slice(0, eq), value = pair.slice(eq + 1);
      if (arg === '--param') setPath(args.params, key, parseValue(value));
      else args.filters[key] = ['from', 'to'].includes(key) ? value : value.split(',');
    } else if (arg.startsWith('--')) throw new UsageError(`unknown option ${arg}`);
    else if (!args.report) args.report = arg;
    else args.files.push(arg);
  }
  return args;
}

async function main(argv) {
  const args = parseArgs(argv);
  if (args.help || !args.report) {
    console.log(HELP);
    return args.help ? 0 : 2;
  }
  if (!REPORTS.includes(args.report)) throw new UsageError(`unknown report '${args.report}' (known: ${REPORTS.join(', ')})`);
  if (!args.files.length) throw new UsageError('no input files');
  if (!['json', 'csv'].includes(args.format)) throw new UsageError(`--format must be json or csv`);

  let roles = {};
  if (args.roles) roles = JSON.parse(await readFile(args.roles, 'utf8'));
  const engine = await createEngine();
  const opened = [];
  // A file on disk as a source the engine reads piece by piece (never whole in memory).
  const openFile = (path) => {
    const fd = openSync(path, 'r');
    opened.push(fd);
    return {
      size: fstatSync(fd).size,
      read(position, length) {
        const piece = Buffer.allocUnsafe(length);
        return piece.subarray(0, readSync(fd, piece, 0, length, position));
      },
    };
  };
  try {
    for (const path of args.files) {
      const name = basename(path);
      const perFile = roles[name] && typeof roles[name] === 'object' ? roles[name] : null;
      const shared = Object.fromEntries(Object.entries(roles).filter(([, v]) => typeof v === 'string' || v === null));
      const options = {};
      const fileRoles = perFile || shared;
      if (Object.keys(fileRoles).length) options.roles = fileRoles;
      if (args.kind) options.kind = args.kind;
      engine.loadFile(name, openFile(path), options);
    }
    const request = { analyses: args.report === 'summary' ? ['summary'] : ['summary', args.report] };
    if (args.asOf) request.asOf = args.asOf;
    if (Object.keys(args.filters).length) request.filters = args.filters;
    if (args.report !== 'summary' && Object.keys(args.params).length) request[args.report] = args.params;
    if (args.rejected > 0) request.rejectedRows = args.rejected;
    const report = engine.analyze(request);
    const text = args.format === 'json' ? JSON.stringify(report, null, 2) + '\n' : toCsv(mainTable(args.report, report));
    if (args.out) await writeFile(args.out, text);
    else process.stdout.write(text);
    return 0;
  } finally {
    engine.release();
    for (const fd of opened) closeSync(fd);
  }
}

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (error) => {
    if (error instanceof CrmError) {
      console.error(`error: ${error.message}`);
    } else if (error instanceof UsageError) {
      console.error(`error: ${error.message}\nRun with --help for usage.`);
    } else if (error?.code === 'ENOENT') {
      console.error(`error: ${error.path}: no such file`);
    } else {
      console.error(`error: ${error?.message || error}`);
    }
    process.exitCode = error instanceof UsageError ? 2 : 1;
  },
);
