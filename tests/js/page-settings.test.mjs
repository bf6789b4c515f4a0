// The page's settings file (web/page/lib/settings.js): roles per file name, parameters, filters and language;
// it round-trips, holds no data, drops what it does not know and rejects what is not a settings file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSettings, serializeSettings, SettingsError, SETTINGS_FORMAT } from '../../web/page/lib/settings.js';
import { DEFAULT_FILTERS, DEFAULT_PARAMS } from '../../web/page/lib/request.js';

const kSettings = {
    language: 'ru',
    params: {
        rfm: { method: 'fixed', n: 4, monetary: 'mean', thresholds: { recency: [30, 90, 180], frequency: [1, 2, 5], monetary: [999.99, 5000, 20000] } },
        cohorts: { period: 'quarter', by: 'channel' },
        funnel: { mode: 'strict', stages: ['Лид', 'Квалификация', 'Успешно'] },
        asOf: '2024-12-31',
    },
    filters: { from: '2024-01-01', to: '2024-06-30', channels: ['Сайт'], managers: ['Анна'], statuses: [], pipelines: ['Опт'] },
    files: {
        'orders_ru.csv': { roles: { customer: 'Email', channel: null }, kind: 'orders' },
        'deals.csv': { kind: 'dealEvents' },
    },
};

test('settings survive a save and a load unchanged', () => {
    const text = serializeSettings(kSettings);
    const value = JSON.parse(text);
    assert.equal(value.format, SETTINGS_FORMAT);
    assert.equal(value.version, 1);
    assert.deepEqual(parseSettings(text), kSettings);
});

test('the settings file holds no data, only options', () => {
    const withData = {
        ...kSettings,
        files: { 'orders_ru.csv': { roles: { customer: 'Email' }, source: 'Иван;ivan@mail.ru;100', rows: [{ a: 1 }], report: { rows: 5 } } },
        report: { summary: { revenue: 1 } },
    };
    const value = JSON.parse(serializeSettings(withData));
    assert.deepEqual(Object.keys(value).sort(), ['files', 'filters', 'format', 'language', 'params', 'version']);
    assert.deepEqual(value.files, { 'orders_ru.csv': { roles: { customer: 'Email' } } });
    assert.ok(!serializeSettings(withData).includes('ivan@mail.ru'));
});

test('unknown or invalid values fall back to the defaults', () => {
    const text = JSON.stringify({
        format: SETTINGS_FORMAT,
        version: 1,
        language: 'de',
        params: { rfm: { method: 'magic', n: 42, monetary: 'total', thresholds: { recency: [1, 'x'] } }, cohorts: { period: 'day' }, asOf: '31.12.2024' },
        filters: { from: 'yesterday', channels: ['A', 'A', 7], managers: 'Bob' },
        files: { 'x.csv': { kind: 'plan', roles: { customer: 'Id', favouriteColour: 'Blue', date: 5 } }, 'y.csv': null },
    });
    const s = parseSettings(text);
    assert.equal(s.language, null);
    assert.deepEqual(s.params, {
        rfm: { method: 'quantile', n: 5, monetary: 'total', thresholds: null },
        cohorts: { period: 'month', by: 'firstPurchase' },
        funnel: { mode: 'reached', stages: null },
        asOf: '',
    });
    assert.deepEqual(s.filters, { from: '', to: '', channels: ['A', '7'], managers: [], statuses: [], pipelines: [] });
    assert.deepEqual(s.files, { 'x.csv': { roles: { customer: 'Id' } }, 'y.csv': {} });
});

test('defaults serialize to the defaults', () => {
    const s = parseSettings(serializeSettings({ language: 'en', params: DEFAULT_PARAMS, filters: DEFAULT_FILTERS }));
    assert.deepEqual(s, { language: 'en', params: { ...DEFAULT_PARAMS, rfm: { ...DEFAULT_PARAMS.rfm }, cohorts: { ...DEFAULT_PARAMS.cohorts }, funnel: { ...DEFAULT_PARAMS.funnel } }, filters: { ...DEFAULT_FILTERS }, files: {} });
});

test('what is not a settings file is rejected with a translatable reason', () => {
    const cases = [
        { text: 'not json', key: 'settings.errorJson' },
        { text: '[1, 2]', key: 'settings.errorFormat' },
        { text: '{"format": "something-else", "version": 1}', key: 'settings.errorFormat' },
        { text: `{"format": "${SETTINGS_FORMAT}", "version": 2}`, key: 'settings.errorVersion' },
        { text: `{"format": "${SETTINGS_FORMAT}"}`, key: 'settings.errorVersion' },
    ];
    for (const c of cases) {
        assert.throws(() => parseSettings(c.text), (error) => error instanceof SettingsError && error.key === c.key, c.text);
    }
    // A BOM (a settings file re-saved by a Windows editor) is fine.
    assert.equal(parseSettings(`\uFEFF${serializeSettings(kSettings)}`).language, 'ru');
});
