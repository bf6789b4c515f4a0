// The page header: product name, privacy badge with its explanation, language, settings and the sample button.

import { h, select } from '../lib/dom.js';
import { LANGUAGES, LANGUAGE_NAMES } from '../i18n/index.js';
import { disclosure } from './disclosure.js';

function privacyBadge(app) {
  const { t } = app;
  return disclosure(app, 'privacy-badge', h('span', { class: 'badge-privacy' }, h('span', { class: 'badge-dot', 'aria-hidden': 'true' }), t('privacy.badge')),
    h('div', { class: 'popover', 'data-testid': 'privacy-details' },
      h('p', {}, t('privacy.local')),
      h('p', {}, t('privacy.csp')),
      h('p', {}, t('privacy.requests')),
      h('p', {}, t('privacy.persist')),
      h('p', { class: 'muted' }, t('privacy.check'))),
    { className: 'privacy', testid: 'privacy-badge' });
}

/** The header element; widget mode shows the name and the privacy badge only. */
export function appHeader(app) {
  const { t } = app;
  const title = h('div', { class: 'brand' },
    h('span', { class: 'brand-mark', 'aria-hidden': 'true' }),
    h(app.mode === 'widget' ? 'p' : 'h1', { class: 'brand-name' }, t('app.name')),
    h('span', { class: 'brand-tagline' }, t('app.tagline')));
  if (app.mode === 'widget') return h('header', { class: 'app-header compact' }, title, privacyBadge(app));
  const language = select({
    'data-testid': 'lang-select', 'aria-label': t('header.language'),
    on: { change: (e) => app.setLanguage(e.target.value) },
  }, LANGUAGES.map((l) => ({ value: l, label: LANGUAGE_NAMES[l] })), app.language);
  const settingsInput = h('input', {
    type: 'file', accept: '.json,application/json', class: 'visually-hidden', tabindex: '-1', 'aria-hidden': 'true',
    'data-testid': 'settings-input',
    on: { change: (e) => { const file = e.target.files[0]; e.target.value = ''; if (file) app.loadSettingsFile(file); } },
  });
  return h('header', { class: 'app-header' },
    title,
    privacyBadge(app),
    h('div', { class: 'header-actions' },
      h('label', { class: 'inline-field' }, h('span', { class: 'visually-hidden' }, t('header.language')), language),
      h('button', { type: 'button', class: 'btn', 'data-testid': 'settings-save', title: t('settings.saveHint'), on: { click: () => app.saveSettings() } }, t('settings.save')),
      h('button', { type: 'button', class: 'btn', 'data-testid': 'settings-load', title: t('settings.loadHint'), on: { click: () => settingsInput.click() } }, t('settings.load')),
      settingsInput,
      h('button', { type: 'button', class: 'btn btn-primary', 'data-testid': 'sample-button', on: { click: () => app.loadSample() } }, t('sample.load'))));
}
