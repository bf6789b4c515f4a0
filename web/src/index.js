// Public ES module API: `import { createEngine } from 'crm-analytics'`.
export { createEngine, CrmEngine } from './engine.js';
export { CrmError, ERROR_CODES } from './errors.js';
export { loadModule } from './module.js';
export { mainTable, toCsv, REPORTS } from './report-tables.js';
export * as charts from './charts/index.js';
