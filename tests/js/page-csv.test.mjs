// CSV downloads of the page (web/page/lib/csv.js): always UTF-8 with a BOM; ',' and '.' in English, ';' and a
// decimal comma in Russian and Ukrainian (what Excel expects in those locales); safe file names.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { csvOptions, safeFileName, tableCsv } from '../../web/page/lib/csv.js';

const kBom = '\uFEFF';
const kTable = {
    columns: ['Клиент', 'Сумма', 'Доля'],
    rows: [
        ['Петров; Иван', 1234.5, 0.25],
        ['Анна "Ли"', -42, null],
        ['a,b', 3, 1e-7],
    ],
};

test('CSV options follow the page language', () => {
    const cases = [
        { lang: 'en', options: { bom: true, delimiter: ',', decimalComma: false } },
        { lang: 'ru', options: { bom: true, delimiter: ';', decimalComma: true } },
        { lang: 'uk', options: { bom: true, delimiter: ';', decimalComma: true } },
        { lang: 'de', options: { bom: true, delimiter: ',', decimalComma: false } },
    ];
    for (const c of cases) assert.deepEqual(csvOptions(c.lang), c.options, c.lang);
});

test('CSV text opens cleanly in Excel for each language', () => {
    const cases = [
        {
            lang: 'en',
            // ',' delimits; 'a,b' is quoted; the ';' needs no quotes; "" escapes a quote; null is empty.
            text: `${kBom}Клиент,Сумма,Доля\r\nПетров; Иван,1234.5,0.25\r\n"Анна ""Ли""",-42,\r\n"a,b",3,1e-7\r\n`,
        },
        {
            lang: 'ru',
            // ';' delimits, so 'Петров; Иван' is quoted and 'a,b' is not; numbers get a decimal comma.
            text: `${kBom}Клиент;Сумма;Доля\r\n"Петров; Иван";1234,5;0,25\r\n"Анна ""Ли""";-42;\r\na,b;3;1e-7\r\n`,
        },
    ];
    for (const c of cases) assert.equal(tableCsv(kTable, c.lang), c.text, c.lang);
    assert.equal(tableCsv(kTable, 'uk'), tableCsv(kTable, 'ru'));
});

test('file names are safe everywhere', () => {
    const cases = [
        { base: 'rfm-Lost', ext: 'csv', name: 'rfm-Lost.csv' },
        { base: "rfm-Can't lose them", ext: 'csv', name: 'rfm-Can_t_lose_them.csv' },
        { base: 'stage-Квалификация-reached', ext: 'csv', name: 'stage-Квалификация-reached.csv' },
        { base: '../../etc/passwd', ext: 'png', name: '.._.._etc_passwd.png' },
        { base: '', ext: 'svg', name: 'export.svg' },
        { base: '///', ext: 'csv', name: 'export.csv' },
    ];
    for (const c of cases) assert.equal(safeFileName(c.base, c.ext), c.name, JSON.stringify(c.base));
    assert.ok(safeFileName('x'.repeat(200)).length <= 84);
});
