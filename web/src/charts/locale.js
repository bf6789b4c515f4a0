// d3 number and time format locales for the chart specs (Vega-Lite `config.locale`): en-US, ru-RU, uk-UA.
// Money is shown as a plain number with two decimals, so no locale carries a currency symbol.

/** The locales the charts know. */
export const LOCALES = Object.freeze(['en', 'ru', 'uk']);

const kNumberEn = { decimal: '.', thousands: ',', grouping: [3], currency: ['', ''] };
const kNumberRuUk = { decimal: ',', thousands: '\u00a0', grouping: [3], currency: ['', ''] };

const kTime = {
  en: {
    dateTime: '%x, %X',
    date: '%-m/%-d/%Y',
    time: '%-I:%M:%S %p',
    periods: ['AM', 'PM'],
    days: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
    shortDays: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'],
    months: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October',
      'November', 'December'],
    shortMonths: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
  },
  // Month names in the nominative case: the charts print months alone ("%B %Y" = "март 2024"), never "%e %B".
  ru: {
    dateTime: '%A, %d.%m.%Y %H:%M:%S',
    date: '%d.%m.%Y',
    time: '%H:%M:%S',
    periods: ['AM', 'PM'],
    days: ['воскресенье', 'понедельник', 'вторник', 'среда', 'четверг', 'пятница', 'суббота'],
    shortDays: ['вс', 'пн', 'вт', 'ср', 'чт', 'пт', 'сб'],
    months: ['январь', 'февраль', 'март', 'апрель', 'май', 'июнь', 'июль', 'август', 'сентябрь', 'октябрь',
      'ноябрь', 'декабрь'],
    shortMonths: ['янв', 'фев', 'мар', 'апр', 'май', 'июн', 'июл', 'авг', 'сен', 'окт', 'ноя', 'дек'],
  },
  uk: {
    dateTime: '%A, %d.%m.%Y %H:%M:%S',
    date: '%d.%m.%Y',
    time: '%H:%M:%S',
    periods: ['дп', 'пп'],
    days: ['неділя', 'понеділок', 'вівторок', 'середа', 'четвер', 'п\u2019ятниця', 'субота'],
    shortDays: ['нд', 'пн', 'вт', 'ср', 'чт', 'пт', 'сб'],
    months: ['січень', 'лютий', 'березень', 'квітень', 'травень', 'червень', 'липень', 'серпень', 'вересень',
      'жовтень', 'листопад', 'грудень'],
    shortMonths: ['січ', 'лют', 'бер', 'кві', 'тра', 'чер', 'лип', 'сер', 'вер', 'жов', 'лис', 'гру'],
  },
};

/** 'en' | 'ru' | 'uk' for a locale tag such as 'ru', 'ru-RU', 'uk_UA' or 'en-GB'; anything else is 'en'. */
export function normalizeLocale(locale) {
  const language = String(locale ?? 'en').slice(0, 2).toLowerCase();
  return LOCALES.includes(language) ? language : 'en';
}

/** Vega-Lite `config.locale` for a locale: {number: d3 format locale, time: d3 time format locale} (a fresh copy). */
export function localeConfig(locale) {
  const language = normalizeLocale(locale);
  const number = language === 'en' ? kNumberEn : kNumberRuUk;
  return structuredClone({ number, time: kTime[language] });
}
