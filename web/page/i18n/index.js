// Translations and number/date formatting for the page: t(key, params) over flat dictionaries, Intl per language.

import en from './en.js';
import ru from './ru.js';
import uk from './uk.js';

/** The flat dictionaries, one per language, with identical key sets. */
export const DICTIONARIES = Object.freeze({ en, ru, uk });

/** The page's languages, in menu order. */
export const LANGUAGES = Object.freeze(['en', 'ru', 'uk']);

/** Each language's name in that language (shown as is in every language). */
export const LANGUAGE_NAMES = Object.freeze({ en: 'English', ru: 'Русский', uk: 'Українська' });

/** The Intl locale used to format numbers and dates in each language. */
export const INTL_LOCALES = Object.freeze({ en: 'en-US', ru: 'ru-RU', uk: 'uk-UA' });

/** The first page language among the browser's preferred languages (navigator.languages), else English. */
export function pickLanguage(preferred = []) {
  for (const tag of preferred || []) {
    const primary = String(tag).toLowerCase().split(/[-_]/)[0];
    if (LANGUAGES.includes(primary)) return primary;
  }
  return 'en';
}

/** The language itself when the page has it, else English. */
export function normalizeLanguage(lang) {
  return LANGUAGES.includes(lang) ? lang : 'en';
}

/** `text` with every `{name}` replaced by params.name (left as is when params has no such key). */
export function interpolate(text, params = {}) {
  return text.replace(/\{(\w+)\}/g, (match, name) => (name in params ? String(params[name]) : match));
}

function parseIsoDate(text) {
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(String(text || ''));
  if (!m) return null;
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, m[3] ? Number(m[3]) : 1));
}

/** A translator and formatters for one language: {lang, locale, t, has, number, integer, money, percent, date, month, fileSize, megabytes}. */
export function createI18n(lang) {
  const language = normalizeLanguage(lang);
  const dictionary = DICTIONARIES[language];
  const locale = INTL_LOCALES[language];
  const formats = new Map();
  const numberFormat = (options) => {
    const key = JSON.stringify(options);
    if (!formats.has(key)) formats.set(key, new Intl.NumberFormat(locale, options));
    return formats.get(key);
  };
  // Numeric dates in Russian and Ukrainian ("31.12.2024"): their short month forms end in a dot ("груд. 2024 р.").
  const dateFormat = new Intl.DateTimeFormat(locale, language === 'en'
    ? { timeZone: 'UTC', year: 'numeric', month: 'short', day: 'numeric' }
    : { timeZone: 'UTC', year: 'numeric', month: '2-digit', day: '2-digit' });
  const monthFormat = new Intl.DateTimeFormat(locale, { timeZone: 'UTC', year: 'numeric', month: 'short' });
  const isNumber = (v) => typeof v === 'number' && Number.isFinite(v);
  return {
    lang: language,
    locale,
    /** The text of `key` in this language (English, then the key itself, when missing). */
    /** Whether `key` has a text (in this language or English). */
    has: (key) => key in dictionary || key in en,
    t(key, params) {
      const text = dictionary[key] ?? en[key] ?? key;
      return params ? interpolate(text, params) : text;
    },
    number: (v, digits = 2) => (isNumber(v) ? numberFormat({ maximumFractionDigits: digits }).format(v) : '—'),
    integer: (v) => (isNumber(v) ? numberFormat({ maximumFractionDigits: 0 }).format(v) : '—'),
    money: (v) => (isNumber(v) ? numberFormat({ minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(v) : '—'),
    percent: (v, digits = 1) => (isNumber(v) ? numberFormat({ style: 'percent', maximumFractionDigits: digits }).format(v) : '—'),
    date(text) {
      const d = parseIsoDate(text);
      return d && /^\d{4}-\d{2}-\d{2}$/.test(text) ? dateFormat.format(d) : String(text ?? '—');
    },
    month(text) {
      const d = parseIsoDate(text);
      return d && /^\d{4}-\d{2}$/.test(text) ? monthFormat.format(d) : String(text ?? '—');
    },
    fileSize: (bytes) => (bytes >= 1048576 || !bytes
      ? `${numberFormat({ maximumFractionDigits: 1, minimumFractionDigits: 1 }).format((bytes || 0) / 1048576)} ${dictionary['unit.mb'] ?? en['unit.mb']}`
      : `${numberFormat({ maximumFractionDigits: 0 }).format(Math.max(1, Math.round(bytes / 1024)))} ${dictionary['unit.kb'] ?? en['unit.kb']}`),
    megabytes: (bytes) => numberFormat({ maximumFractionDigits: 1, minimumFractionDigits: 1 }).format((bytes || 0) / 1048576),
  };
}
