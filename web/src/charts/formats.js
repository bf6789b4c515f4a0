// d3 format strings the charts use; the locale (config.locale) decides the separators and month names.

/** Default d3 formats by kind of value; a builder's `options.formats` overrides any of them. */
export const DEFAULT_FORMATS = Object.freeze({
  count: ',d',
  money: ',.2f',
  moneyAxis: ',.0f',
  moneyShort: ',.0f',
  percent: '.1%',
  percentShort: '.0%',
  days: ',.1f',
  month: '%b %Y',
  monthLong: '%B %Y',
});

/** The formats for a builder's options: DEFAULT_FORMATS with `options.formats` on top. */
export function formatsFor(options = {}) {
  return { ...DEFAULT_FORMATS, ...(options.formats || {}) };
}
