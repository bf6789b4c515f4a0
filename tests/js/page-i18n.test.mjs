// The page's dictionaries (web/page/i18n/): the same keys and placeholders in en, ru and uk, nothing empty, ru/uk
// really translated, every key the page's source uses exists, and numbers/dates follow the language.
// Run from the project root: node --test tests/js/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DICTIONARIES, LANGUAGES, createI18n, interpolate, pickLanguage } from '../../web/page/i18n/index.js';
import { KINDS, ROLES } from '../../web/page/lib/roles.js';
import { PARAM_CHOICES } from '../../web/page/lib/request.js';
import { REASONS } from '../../web/page/components/accounting.js';
import { TABS } from '../../web/page/tabs/index.js';

const kPage = fileURLToPath(new URL('../../web/page/', import.meta.url));
const kEn = DICTIONARIES.en;

// Keys whose text is the same in every language: file-format names, score letters, and the RFM acronym.
const kSameInEveryLanguage = new Set([
    'enc.utf8', 'enc.utf16le', 'enc.utf16be', 'role.email', 'param.rfm', 'export.png', 'export.svg', 'export.csv',
    'col.r', 'col.f', 'col.m',
]);

/// Every .js file under `dir`, recursively.
function SourceFiles(dir) {
    const out = [];
    for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) out.push(...SourceFiles(path));
        else if (name.endsWith('.js')) out.push(path);
    }
    return out;
}

/// The `{name}` placeholders of a text, sorted.
function Placeholders(text) {
    return [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
}

test('every language has exactly the English key set', () => {
    const keys = Object.keys(kEn).sort();
    assert.ok(keys.length > 100, `only ${keys.length} keys`);
    for (const lang of LANGUAGES) {
        assert.deepEqual(Object.keys(DICTIONARIES[lang]).sort(), keys, `${lang} key set`);
    }
});

test('no text is empty and every translation keeps the English placeholders', () => {
    for (const lang of LANGUAGES) {
        for (const [key, text] of Object.entries(DICTIONARIES[lang])) {
            assert.equal(typeof text, 'string', `${lang} ${key}`);
            assert.ok(text.trim().length > 0, `${lang} ${key} is empty`);
            assert.deepEqual(Placeholders(text), Placeholders(kEn[key]), `${lang} ${key} placeholders`);
        }
    }
});

test('Russian and Ukrainian texts differ from English unless listed as shared', () => {
    for (const lang of ['ru', 'uk']) {
        for (const [key, text] of Object.entries(DICTIONARIES[lang])) {
            if (kSameInEveryLanguage.has(key)) {
                assert.equal(text, kEn[key], `${lang} ${key} is listed as shared`);
                continue;
            }
            assert.notEqual(text, kEn[key], `${lang} ${key} is not translated`);
            // A translated text that has letters has Cyrillic ones (not just English words).
            if (/[A-Za-z]{3}/.test(text.replace(/\{\w+\}/g, '')) && !/[А-Яа-яЁёІіЇїЄєҐґ]/.test(text)) {
                assert.fail(`${lang} ${key} has no Cyrillic: ${text}`);
            }
        }
    }
    // Ukrainian is not Russian either (apart from words that are spelt the same).
    const differ = Object.keys(kEn).filter((key) => DICTIONARIES.ru[key] !== DICTIONARIES.uk[key]).length;
    assert.ok(differ > Object.keys(kEn).length * 0.8, `only ${differ} Ukrainian texts differ from Russian`);
});

test('every key the page source names exists', () => {
    const namespaces = new Set(Object.keys(kEn).map((k) => k.split('.')[0]));
    const missing = [];
    let checked = 0;
    for (const file of SourceFiles(kPage)) {
        if (file.includes(`${join('page', 'i18n')}`)) continue;
        const source = readFileSync(file, 'utf8');
        const where = relative(kPage, file);
        // t('key'), has('key'), labelKey: 'key', and any quoted 'namespace.key' literal.
        for (const m of source.matchAll(/['"]([a-z][A-Za-z0-9]*\.[A-Za-z0-9.]+)['"]/g)) {
            if (!namespaces.has(m[1].split('.')[0])) continue;
            checked++;
            if (!(m[1] in kEn)) missing.push(`${where}: ${m[1]}`);
        }
        // t(`prefix.${...}`): the prefix is a namespace with keys.
        for (const m of source.matchAll(/t\(`([A-Za-z0-9]+)\.\$\{/g)) {
            checked++;
            if (!Object.keys(kEn).some((k) => k.startsWith(`${m[1]}.`))) missing.push(`${where}: ${m[1]}.*`);
        }
    }
    assert.ok(checked > 150, `only ${checked} key uses found: is the scan broken?`);
    assert.deepEqual(missing, []);
});

test('every key built from a value list exists', () => {
    const families = [
        ['role', ['none', ...ROLES]],
        ['kind', [...KINDS, 'unknown']],
        ['rfmMethod', PARAM_CHOICES.rfmMethod],
        ['rfmMonetary', PARAM_CHOICES.rfmMonetary],
        ['period', PARAM_CHOICES.cohortPeriod],
        ['cohortBy', PARAM_CHOICES.cohortBy],
        ['funnelMode', PARAM_CHOICES.funnelMode],
        ['funnelOrder', ['given', 'inferred', 'unknown']],
        ['reason', REASONS],
        ['measure', ['active', 'retention', 'revenue', 'cumulativeRevenuePerCustomer', 'retentionOrLater', 'retentionCumulative']],
        ['group', ['manager', 'pipeline', 'source']],
        ['drillSet', ['reached', 'skipped', 'droppedAfter', 'stalled', 'won', 'lost', 'open']],
    ];
    for (const [prefix, values] of families) {
        for (const value of values) assert.ok(`${prefix}.${value}` in kEn, `${prefix}.${value}`);
    }
    for (const tab of TABS) {
        assert.ok(tab.labelKey in kEn, `${tab.id} labelKey`);
        assert.ok(tab.emptyKey in kEn, `${tab.id} emptyKey`);
    }
});

test('the language comes from the browser preferences', () => {
    const cases = [
        { preferred: ['ru-RU', 'en'], lang: 'ru' },
        { preferred: ['uk'], lang: 'uk' },
        { preferred: ['de-DE', 'uk-UA', 'ru'], lang: 'uk' },
        { preferred: ['en-GB'], lang: 'en' },
        { preferred: ['de', 'fr'], lang: 'en' },
        { preferred: [], lang: 'en' },
        { preferred: undefined, lang: 'en' },
        { preferred: ['RU_ru'], lang: 'ru' },
    ];
    for (const c of cases) assert.equal(pickLanguage(c.preferred), c.lang, JSON.stringify(c.preferred));
});

test('numbers and dates are formatted for the language', () => {
    const nbsp = '\u00a0';
    const cases = [
        { lang: 'en', money: '1,234.50', integer: '1,235', percent: '38.3%', date: 'Mar 5, 2024', month: 'Mar 2024' },
        { lang: 'ru', money: `1${nbsp}234,50`, integer: `1${nbsp}235`, percent: `38,3${nbsp}%`, date: '05.03.2024' },
        // CLDR: Ukrainian writes the percent sign without a space.
        { lang: 'uk', money: `1${nbsp}234,50`, integer: `1${nbsp}235`, percent: '38,3%', date: '05.03.2024' },
    ];
    for (const c of cases) {
        const i18n = createI18n(c.lang);
        assert.equal(i18n.money(1234.5), c.money, `${c.lang} money`);
        assert.equal(i18n.integer(1234.5), c.integer, `${c.lang} integer`);
        assert.equal(i18n.percent(0.3826), c.percent, `${c.lang} percent`);
        assert.equal(i18n.date('2024-03-05'), c.date, `${c.lang} date`);
        if (c.month) assert.equal(i18n.month('2024-03'), c.month, `${c.lang} month`);
        assert.equal(i18n.money(null), '—', `${c.lang} null`);
        assert.equal(i18n.date('2024-Q1'), '2024-Q1', `${c.lang} a label that is not a date stays as is`);
    }
    // 1.5 MB = 1572864 bytes; 2048 bytes = 2 KB.
    assert.equal(createI18n('en').fileSize(1572864), '1.5 MB');
    assert.equal(createI18n('ru').fileSize(2048), '2 КБ');
});

test('t() fills placeholders and falls back to English, then to the key', () => {
    const ru = createI18n('ru');
    assert.equal(ru.t('file.line', { line: 7 }), 'строка 7');
    assert.equal(ru.t('no.such.key'), 'no.such.key');
    assert.equal(createI18n('xx').lang, 'en');
    assert.equal(interpolate('{a} and {b}', { a: 1 }), '1 and {b}');
});
