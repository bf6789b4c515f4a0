// <crm-analytics>: the whole app in an open shadow root (mode="page" or "widget"), over the worker client.
// State lives here; components render from it and call its methods. Host API: loadFile, loadRows, loadSample,
// clear, report, views, settings/applySettings; events crm-ready, crm-report, crm-error; attribute data-state.

import css from './styles/app.css';
import { createWorkerClient } from './worker-client.js';
import { sampleFiles } from './sample.js';
import { createI18n, normalizeLanguage, pickLanguage, LANGUAGES } from './i18n/index.js';
import { h, replaceChildren } from './lib/dom.js';
import { downloadText } from './lib/download.js';
import { tableCsv } from './lib/csv.js';
import { buildRequest, DEFAULT_FILTERS, DEFAULT_PARAMS, normalizeFilters, normalizeParams } from './lib/request.js';
import { parseSettings, serializeSettings, SettingsError } from './lib/settings.js';
import { changeRole } from './lib/roles.js';
import { filterValues } from './lib/dimensions.js';
import { TABS, tabHasData } from './tabs/index.js';
import { createProgressBar } from './components/progress-bar.js';
import { REASONS } from './components/accounting.js';
import { tabList } from './components/tab-list.js';
import { tabEmpty } from './components/empty-state.js';
import { appLayout } from './components/app-layout.js';
import { createDrillActions } from './components/drill-actions.js';
import { createTabContext } from './components/tab-context.js';

const MAX_SETTINGS_BYTES = 1024 * 1024;

let styleSheet = null;

function sheet() {
  if (!styleSheet) {
    styleSheet = new CSSStyleSheet();
    styleSheet.replaceSync(css);
  }
  return styleSheet;
}

function sizeOf(source) {
  return source?.size ?? source?.byteLength ?? source?.length ?? 0;
}

/** The <crm-analytics> custom element. */
export class CrmAnalyticsElement extends HTMLElement {
  static observedAttributes = ['lang', 'mode'];

  #client = null;
  #started = false;
  #language = 'en';
  #report = null;
  #views = new Map();
  #tabStates = new Map();
  #queue = Promise.resolve();
  #running = 0;
  #batchFailed = false;
  #analysisQueued = null;
  #cancelRequested = false;
  #pendingFileOptions = {};
  #described = { key: null, value: null };  // describe() of the loaded files, reused while they stay the same
  #progressBar = null;
  #drill = null;
  #panel = null;
  #tabsSlot = null;
  #activeTab = TABS[0].id;
  #connected;
  #resolveConnected;

  constructor() {
    super();
    this.attachShadow({ mode: 'open' });
    this.#connected = new Promise((resolve) => {
      this.#resolveConnected = resolve;
    });
    this.shadowRoot.adoptedStyleSheets = [sheet()];
    /** Loaded and failed files: name -> {name, size, source, isRows, options, report, error}. */
    this.files = new Map();
    /** Analysis parameters (lib/request.js normalizeParams shape). */
    this.params = normalizeParams(DEFAULT_PARAMS);
    /** Filters (lib/request.js normalizeFilters shape). */
    this.filters = normalizeFilters(DEFAULT_FILTERS);
    /** The values each list filter offers. */
    this.filterValues = { channels: [], managers: [], statuses: [], pipelines: [] };
    /** Messages in the error region: [{code, message, title?}]. */
    this.errors = [];
    /** A short status line (e.g. "Settings loaded"). */
    this.notice = '';
    /** Open state of disclosures by key (kept across re-renders). */
    this.openState = new Map();
    /** Sort state of tables by id (kept across re-renders). */
    this.tableSort = new Map();
    this.i18n = createI18n('en');
  }

  connectedCallback() {
    if (this.#started) return;
    this.#started = true;
    const requested = this.getAttribute('lang');
    this.#language = LANGUAGES.includes(requested) ? requested : pickLanguage(globalThis.navigator?.languages || []);
    this.i18n = createI18n(this.#language);
    if (this.getAttribute('lang') !== this.#language) this.setAttribute('lang', this.#language);
    this.#progressBar = createProgressBar(this);
    this.#drill = createDrillActions(this, { analyze: (request) => this.#client.analyze(request) });
    this.#setState('starting');
    this.render();
    const workerUrl = this.getAttribute('worker-url');
    try {
      this.#client = createWorkerClient(workerUrl ? { workerUrl } : {});
    } catch (error) {
      this.#fail(error);
      this.#setState('error');
      return;
    }
    this.#resolveConnected();
    this.#run(async () => {
      const info = await this.#client.ready;
      this.dispatchEvent(new CustomEvent('crm-ready', { detail: info, bubbles: true, composed: true }));
    });
  }

  disconnectedCallback() {
    for (const view of this.#views.values()) view.finalize();
    this.#views.clear();
  }

  attributeChangedCallback(name, oldValue, value) {
    if (!this.#started || oldValue === value) return;
    if (name === 'lang' && normalizeLanguage(value) !== this.#language) this.setLanguage(value);
    if (name === 'mode') this.render();
  }

  // ---- host API ------------------------------------------------------------------------------------------------

  /** The last report (docs/report-schema.md), or null. */
  get report() {
    return this.#report;
  }

  /** The Vega views drawn now: chartId -> View (e.g. 'rfmGrid'); the active tab's charts only. */
  get views() {
    return this.#views;
  }

  /** 'page' (full app) or 'widget' (compact, data from the host). */
  get mode() {
    return this.getAttribute('mode') === 'widget' ? 'widget' : 'page';
  }

  /** The page language: 'en' | 'ru' | 'uk'. */
  get language() {
    return this.#language;
  }

  /** The translator of the current language. */
  get t() {
    return this.i18n.t;
  }

  /** The running load's progress ({name, phase, bytes, totalBytes, rows}) or null. */
  get progress() {
    return this.#progressBar?.current || null;
  }

  /** Loads a file's bytes, text, Blob or File and recomputes; resolves the engine's {ok, file, options}. */
  loadFile(name, data, options = {}) {
    return this.#run(async () => {
      this.#startLoading();
      const result = await this.#loadOne(name, data, options, false);
      if (result) this.#requestAnalysis();
      return result;
    });
  }

  /** Loads rows given by the host (array of objects, the CRM-widget case) and recomputes. */
  loadRows(name, rows, options = {}) {
    return this.#run(async () => {
      this.#startLoading();
      const result = await this.#loadOne(name, rows, options, true);
      if (result) this.#requestAnalysis();
      return result;
    });
  }

  /** Loads the bundled sample (orders + deals; no request is made). */
  loadSample() {
    return this.#run(async () => {
      this.#startLoading();
      const files = await sampleFiles();
      for (const file of files) {
        if (this.#cancelRequested) break;
        await this.#loadOne(file.name, file.bytes, {}, false);
      }
      this.#requestAnalysis();
    });
  }

  /** Forgets every file and the report. */
  clear() {
    return this.#run(async () => {
      await this.#client.clear();
      this.files.clear();
      this.#setReport(null);
      this.filters = normalizeFilters(DEFAULT_FILTERS);
      this.render();
    });
  }

  /** The settings now: {language, params, filters, files: {name: {kind?, roles?}}} (no data). */
  get settings() {
    return JSON.parse(serializeSettings(this.#settingsSource()));
  }

  /** Applies settings (the settings file's content, or its parsed object) and recomputes. */
  applySettings(settings) {
    const parsed = parseSettings(typeof settings === 'string' ? settings : JSON.stringify(settings));
    return this.#run(async () => {
      if (parsed.language) this.setLanguage(parsed.language);
      this.params = parsed.params;
      this.filters = parsed.filters;
      this.#pendingFileOptions = parsed.files;
      for (const [name, options] of Object.entries(parsed.files)) {
        const entry = this.files.get(name);
        if (entry && JSON.stringify(entry.options) !== JSON.stringify(options)) await this.#reconfigure(entry, options);
      }
      this.notice = this.t('settings.loaded');
      this.#requestAnalysis();
    });
  }

  // ---- actions the components call ----------------------------------------------------------------------------

  /** Loads files chosen or dropped by the user, one after another, then recomputes. */
  loadFiles(files) {
    return this.#run(async () => {
      this.#startLoading();
      for (const file of files) {
        if (this.#cancelRequested) break;
        await this.#loadOne(file.name, file, {}, false);
      }
      this.#requestAnalysis();
    });
  }

  /** Stops the running load or analysis (the worker restarts with the files loaded before). */
  cancel() {
    this.#cancelRequested = true;
    this.#client?.cancel();
  }

  /** Removes one file and recomputes. */
  removeFile(name) {
    return this.#run(async () => {
      const entry = this.files.get(name);
      if (entry && !entry.error) await this.#client.removeFile(name);
      this.files.delete(name);
      this.#requestAnalysis();
    });
  }

  /** Re-reads a file with changed load options ({kind} or {roles}) and recomputes; the file is not read again. */
  configureFile(name, patch) {
    return this.#run(async () => {
      const entry = this.files.get(name);
      if (!entry) return;
      await this.#reconfigure(entry, { ...entry.options, ...patch });
      this.#requestAnalysis();
    });
  }

  /** Gives `column` of file `name` the role `role` ('none' clears it). */
  changeRole(name, column, role) {
    const entry = this.files.get(name);
    if (!entry) return Promise.resolve();
    const current = (entry.report || entry.error?.fileReport)?.roles || {};
    return this.configureFile(name, { roles: changeRole(entry.options.roles, current, column, role) });
  }

  /** Changes some filters and recomputes (no re-parse). */
  setFilters(patch) {
    this.filters = normalizeFilters({ ...this.filters, ...patch });
    this.#requestAnalysis();
  }

  /** Clears every filter. */
  resetFilters() {
    this.setFilters(DEFAULT_FILTERS);
  }

  /** Changes some parameters and recomputes. */
  setParams(patch) {
    this.params = normalizeParams({ ...this.params, ...patch });
    this.#requestAnalysis();
  }

  /** Back to the default parameters. */
  resetParams() {
    this.params = normalizeParams(DEFAULT_PARAMS);
    this.#requestAnalysis();
  }

  /** Switches the page language ('en' | 'ru' | 'uk') and redraws. */
  setLanguage(lang) {
    this.#language = normalizeLanguage(lang);
    this.i18n = createI18n(this.#language);
    if (this.getAttribute('lang') !== this.#language) this.setAttribute('lang', this.#language);
    this.render();
  }

  /** Downloads the settings file (roles per file name, parameters, filters, language; no data). */
  saveSettings() {
    downloadText(this.shadowRoot, 'crm-analytics-settings.json', serializeSettings(this.#settingsSource()), 'application/json');
  }

  /** Reads a settings file chosen by the user and applies it. */
  async loadSettingsFile(file) {
    try {
      if (file.size > MAX_SETTINGS_BYTES) throw new SettingsError('settings.errorFormat');
      await this.applySettings(await file.text());
    } catch (error) {
      this.#fail(error instanceof SettingsError ? { code: 'settings', message: this.t(error.key) } : error);
      this.render();
    }
  }

  /** Downloads the rejected rows (first 1000) as CSV. */
  downloadRejected() {
    return this.#run(async () => {
      const rows = await this.#client.rejectedRows();
      const { t } = this;
      const table = {
        columns: [t('col.file'), t('col.line'), t('col.column'), t('col.columnName'), t('col.value'), t('col.reason')],
        rows: rows.map((r) => [r.file, r.line, r.column, r.columnName, r.value, REASONS.includes(r.reason) ? t(`reason.${r.reason}`) : r.reason]),
      };
      downloadText(this.shadowRoot, 'rejected-rows.csv', tableCsv(table, this.#language), 'text/csv;charset=utf-8');
    });
  }

  /** Removes one message from the error region. */
  dismissError(index) {
    this.errors.splice(index, 1);
    this.render();
  }

  /** Shows tab `id`; {focus: true} moves the focus to its tab button. */
  selectTab(id, { focus = false } = {}) {
    if (!TABS.some((tab) => tab.id === id)) return;
    this.#activeTab = id;
    this.#renderResults();
    if (focus) this.shadowRoot.getElementById(`tab-${id}`)?.focus();
  }

  /** The persistent UI state of one tab (its switches). */
  tabState(id) {
    if (!this.#tabStates.has(id)) this.#tabStates.set(id, {});
    return this.#tabStates.get(id);
  }

  /** Records a drawn Vega view under its chart id (el.views). */
  registerView(id, view) {
    this.#views.get(id)?.finalize();
    this.#views.set(id, view);
  }

  /** Opens the drill panel with the RFM customers matching {r, f} or {segment}. */
  drillRfm(match, title) {
    this.#drill.rfm(match, title);
  }

  /** Opens the drill panel with the customers of one cohort cell (asks the engine). */
  drillCohort(cohort, offset) {
    this.#drill.cohort(cohort, offset);
  }

  /** Opens the drill panel with the deals behind a funnel stage (set: reached|skipped|droppedAfter|stalled|won|lost|open). */
  drillStage(stage, set = 'reached', manager) {
    this.#drill.stage(stage, set, manager);
  }

  /** What a table outside a tab needs: translations, language and the download root. */
  baseContext() {
    return {
      t: this.t, i18n: this.i18n, lang: this.#language, downloadRoot: this.shadowRoot, tableSort: this.tableSort,
      registerView: () => {},
    };
  }

  // ---- rendering -----------------------------------------------------------------------------------------------

  /** Redraws everything from the state (focus and open disclosures are kept). */
  render() {
    if (!this.#started) return;
    const focus = this.#focusKey(this.shadowRoot.activeElement);
    const { root, tabsSlot, panel } = appLayout(this, { progress: this.#progressBar.element });
    this.#tabsSlot = tabsSlot;
    this.#panel = panel;
    this.#progressBar.update(this.#progressBar.current);
    this.#drill.relabel();
    replaceChildren(this.shadowRoot, root, this.#drill.element);
    if (this.#report) this.#renderResults();
    else this.#finalizeViews();
    this.#restoreFocus(focus);
    if (this.mode !== 'widget') document.title = this.t('app.title');
  }

  /** Redraws the active tab's panel only (tab-local switches). */
  renderPanel() {
    this.#renderResults();
  }

  #renderResults() {
    if (!this.#panel || !this.#report) return;
    const report = this.#report;
    const tabs = TABS.map((tab) => ({ id: tab.id, label: this.t(tab.labelKey), empty: !tabHasData(tab, report) }));
    const list = tabList({ tabs, active: this.#activeTab, label: this.t('results.title'), onSelect: (id, o) => this.selectTab(id, o) });
    replaceChildren(this.#tabsSlot, list);
    const activeButton = list.querySelector('[aria-selected="true"]');
    if (activeButton) {
      const listBox = list.getBoundingClientRect();
      const box = activeButton.getBoundingClientRect();
      if (box.right > listBox.right || box.left < listBox.left) list.scrollLeft += box.left - listBox.left - 16;
    }
    const tab = TABS.find((x) => x.id === this.#activeTab) || TABS[0];
    this.#finalizeViews();
    this.#panel.setAttribute('aria-labelledby', `tab-${tab.id}`);
    this.#panel.setAttribute('data-tab', tab.id);
    let content;
    try {
      content = tabHasData(tab, report) ? tab.render(createTabContext(this, tab)) : tabEmpty(this, tab.emptyKey);
    } catch (error) {
      content = h('p', { class: 'alert', role: 'alert' }, this.t('error.tab', { message: error.message }));
    }
    replaceChildren(this.#panel, content);
  }

  #finalizeViews() {
    for (const view of this.#views.values()) view.finalize();
    this.#views.clear();
  }

  #focusKey(el) {
    if (!el || !el.getAttribute) return null;
    const testid = el.getAttribute('data-testid') || el.id;
    if (!testid) return null;
    return [testid, el.getAttribute('data-file') || '', el.getAttribute('data-column') || '', el.value || ''].join('\u0001');
  }

  #restoreFocus(key) {
    if (!key) return;
    const match = [...this.shadowRoot.querySelectorAll('[data-testid], [id]')].find((el) => this.#focusKey(el) === key);
    match?.focus({ preventScroll: true });
  }

  // ---- work ----------------------------------------------------------------------------------------------------

  #setState(state) {
    this.setAttribute('data-state', state);
  }

  // Runs `task` after the tasks before it; data-state is busy meanwhile, then ready (or error when one failed).
  #run(task) {
    if (this.#running === 0) {
      this.#batchFailed = false;
      this.notice = '';
    }
    this.#running += 1;
    if (this.getAttribute('data-state') !== 'starting') this.#setState('busy');
    const result = this.#queue.then(async () => {
      try {
        await this.#connected;
        return await task();
      } catch (error) {
        if (error?.code !== 'cancelled') this.#fail(error);
        this.render();
        return null;
      } finally {
        this.#running -= 1;
        if (this.#running === 0) this.#setState(this.#batchFailed || !this.#client ? 'error' : 'ready');
      }
    });
    this.#queue = result.catch(() => {});
    return result;
  }

  // Queues one analysis with the state at the time it runs (several quick changes make one analysis).
  #requestAnalysis() {
    if (this.#analysisQueued) return this.#analysisQueued;
    this.#analysisQueued = this.#run(async () => {
      this.#analysisQueued = null;
      await this.#analyze();
    });
    return this.#analysisQueued;
  }

  async #analyze() {
    const loaded = [...this.files.values()].filter((f) => !f.error);
    if (!loaded.length) {
      this.#setReport(null);
      this.render();
      return;
    }
    const slow = setTimeout(() => this.#progressBar.update({ phase: 'analyzing' }), 300);
    let report;
    try {
      report = await this.#client.analyze(buildRequest(this.params, this.filters));
    } finally {
      clearTimeout(slow);
      this.#progressBar.update(null);
    }
    for (const file of report.files || []) {
      const entry = this.files.get(file.name);
      if (entry && !entry.error) entry.report = file;
    }
    this.filterValues = filterValues(await this.#describeLoaded(report), report);
    this.#setReport(report);
    this.render();
    this.dispatchEvent(new CustomEvent('crm-report', { detail: report, bubbles: true, composed: true }));
  }

  // describe() (filter values over all rows) only when the loaded files or their options changed:
  // filters and parameters do not change it, and it counts every row.
  async #describeLoaded(report) {
    const key = JSON.stringify((report.files || []).map((f) => [f.name, f.bytes, f.kind, f.roles, f.rows]));
    if (key !== this.#described.key) {
      let value = null;
      try {
        value = await this.#client.describe();
      } catch {
        value = null;
      }
      this.#described = { key, value };
    }
    return this.#described.value;
  }

  // A new load batch: earlier messages go, cancel applies to this batch only.
  #startLoading() {
    this.#cancelRequested = false;
    this.errors = [];
    this.render();
  }

  #setReport(report) {
    this.#report = report;
  }

  // Loads one file (or rows) after the memory guard; failures go to the error region and return null.
  async #loadOne(name, source, hostOptions, isRows) {
    const { t, i18n } = this;
    const size = isRows ? 0 : sizeOf(source);
    const options = { ...(this.#pendingFileOptions[name] || {}), ...(hostOptions || {}) };
    if (!isRows) {
      const fit = await this.#client.fits(size);
      if (fit && fit.ok === false) {
        this.#fail({
          code: 'tooLarge',
          message: t('error.tooLarge', { name, size: i18n.megabytes(size), need: i18n.megabytes(fit.needBytes), limit: i18n.megabytes(fit.limitBytes) }),
        });
        this.render();
        return null;
      }
    }
    this.#progressBar.update({ name, phase: 'reading', bytes: 0, totalBytes: size, rows: 0 });
    try {
      const result = isRows
        ? await this.#client.loadRows(name, source, options)
        : await this.#client.loadFile(name, source, options, {
          onProgress: (p) => this.#progressBar.update({ name, ...p }),
        });
      this.files.set(name, { name, size, source, isRows, options, report: result.file, error: null });
      return result;
    } catch (error) {
      if (error?.code === 'cancelled') {
        this.notice = t('progress.cancelled', { name });
        return null;
      }
      this.#fail(error, name);
      if (error?.fileReport?.columns?.length) this.files.set(name, { name, size, source, isRows, options, report: null, error });
      else this.files.delete(name);
      return null;
    } finally {
      this.#progressBar.update(null);
    }
  }

  // Applies new load options to a file: configure when the engine holds it, else load it again from its source.
  async #reconfigure(entry, options) {
    if (entry.error) {
      await this.#loadOne(entry.name, entry.source, options, entry.isRows);
      return;
    }
    try {
      const result = await this.#client.configureFile(entry.name, options);
      entry.options = options;
      entry.report = result.file;
    } catch (error) {
      if (error?.code === 'cancelled') return;
      this.#fail(error, entry.name);
      entry.options = options;
      entry.report = null;
      entry.error = error;
    }
  }

  #settingsSource() {
    const files = { ...this.#pendingFileOptions };
    for (const [name, entry] of this.files) files[name] = entry.options;
    return { language: this.#language, params: this.params, filters: this.filters, files };
  }

  // Shows an error in the error region and as a crm-error event.
  #fail(error, file) {
    this.#batchFailed = true;
    const { t } = this;
    let message = error?.message || String(error);
    if (error?.code === 'outOfMemory' || error?.code === 'readFailed') {
      message = t(`error.${error.code}`, { name: file || error.file || '' });
    }
    this.errors.push({ code: error?.code || 'error', message });
    if (this.errors.length > 5) this.errors.shift();
    this.dispatchEvent(new CustomEvent('crm-error', { detail: error, bubbles: true, composed: true }));
  }
}
