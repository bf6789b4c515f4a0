// The page's settings file: roles per file name, parameters, filters and language. It never holds data.

import { LANGUAGES } from '../i18n/index.js';
import { normalizeFilters, normalizeParams } from './request.js';
import { KINDS, ROLES } from './roles.js';

/** The `format` field that marks a settings file. */
export const SETTINGS_FORMAT = 'crm-analytics-settings';

/** The settings file version this page writes. */
export const SETTINGS_VERSION = 1;

/** The file options a settings file may carry for one file: {kind?, roles?}, anything else dropped. */
export function normalizeFileOptions(options) {
  const out = {};
  if (options && KINDS.includes(options.kind)) out.kind = options.kind;
  const roles = {};
  for (const [role, column] of Object.entries(options?.roles || {})) {
    if (ROLES.includes(role) && (column === null || typeof column === 'string')) roles[role] = column;
  }
  if (Object.keys(roles).length) out.roles = roles;
  return out;
}

/** JSON text of the settings: {format, version, language, params, filters, files: {name: {kind?, roles?}}}. */
export function serializeSettings({ language, params, filters, files = {} }) {
  const fileOptions = {};
  for (const [name, options] of Object.entries(files)) {
    const o = normalizeFileOptions(options);
    if (Object.keys(o).length) fileOptions[name] = o;
  }
  const settings = {
    format: SETTINGS_FORMAT,
    version: SETTINGS_VERSION,
    language: LANGUAGES.includes(language) ? language : 'en',
    params: normalizeParams(params),
    filters: normalizeFilters(filters),
    files: fileOptions,
  };
  return `${JSON.stringify(settings, null, 2)}\n`;
}

/** An error reading a settings file; `key` is the i18n key of its message. */
export class SettingsError extends Error {
  constructor(key) {
    super(key);
    this.name = 'SettingsError';
    this.key = key;
  }
}

/** The settings in a settings file's text, normalized; throws SettingsError when it is not one. */
export function parseSettings(text) {
  let value;
  try {
    value = JSON.parse(String(text).replace(/^\uFEFF/, ''));
  } catch {
    throw new SettingsError('settings.errorJson');
  }
  if (!value || typeof value !== 'object' || value.format !== SETTINGS_FORMAT) throw new SettingsError('settings.errorFormat');
  if (!(Number(value.version) >= 1 && Number(value.version) <= SETTINGS_VERSION)) throw new SettingsError('settings.errorVersion');
  const files = {};
  for (const [name, options] of Object.entries(value.files && typeof value.files === 'object' ? value.files : {})) {
    files[name] = normalizeFileOptions(options);
  }
  return {
    language: LANGUAGES.includes(value.language) ? value.language : null,
    params: normalizeParams(value.params),
    filters: normalizeFilters(value.filters),
    files,
  };
}
