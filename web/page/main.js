// Entry of the page bundle: defines <crm-analytics> (once, even if the bundle is loaded twice).

import { CrmAnalyticsElement } from './crm-analytics.js';

if (!customElements.get('crm-analytics')) customElements.define('crm-analytics', CrmAnalyticsElement);

export { CrmAnalyticsElement };
