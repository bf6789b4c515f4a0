// The mock CRM screen of demo-host.html: deals and orders made up in JavaScript, handed to the
// <crm-analytics mode="widget"> element with el.loadRows() — the CRM-widget case.

const MANAGERS = ['Anna Smith', 'Boris Ivanov', 'Chloe Martin', 'Dmytro Koval'];
const SOURCES = ['Website', 'Referral', 'Phone', 'Instagram'];
const STAGES = ['New lead', 'Qualified', 'Proposal', 'Negotiation'];
const CLIENTS = ['Acme Ltd', 'Birch & Co', 'Cobalt LLC', 'Delta Foods', 'Evergreen', 'Fjord Trade', 'Granite Inc', 'Harbor Tech',
  'Iris Studio', 'Juniper', 'Kestrel Group', 'Lumen Labs', 'Maple Home', 'Nimbus', 'Orchid Retail', 'Pioneer Parts'];

// A small deterministic generator, so the demo shows the same data every time.
function generator(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function isoDate(base, days) {
  const d = new Date(base.getTime() + days * 86400000);
  return d.toISOString().slice(0, 19);
}

/** Deals with their stage history, and the orders of the clients. */
function makeData() {
  const random = generator(20240611);
  const pick = (list) => list[Math.floor(random() * list.length)];
  const start = new Date(Date.UTC(2024, 0, 8, 9, 0, 0));
  const deals = [];
  const events = [];
  for (let i = 0; i < 80; i++) {
    const id = `D-${1001 + i}`;
    const manager = pick(MANAGERS);
    const source = pick(SOURCES);
    const client = pick(CLIENTS);
    let day = Math.floor(random() * 300);
    let stage = STAGES[0];
    events.push({ deal: id, stage, changedAt: isoDate(start, day), manager, source, pipeline: 'Sales' });
    let outcome = null;
    for (let s = 1; s < STAGES.length && !outcome; s++) {
      const r = random();
      if (r < 0.22) outcome = 'Lost';
      else if (r < 0.3) break;
      else {
        day += 1 + Math.floor(random() * 12);
        stage = STAGES[s];
        events.push({ deal: id, stage, changedAt: isoDate(start, day), manager, source, pipeline: 'Sales' });
      }
    }
    if (!outcome && stage === STAGES[STAGES.length - 1]) outcome = random() < 0.6 ? 'Won' : 'Lost';
    if (outcome) {
      day += 1 + Math.floor(random() * 10);
      stage = outcome;
      events.push({ deal: id, stage, changedAt: isoDate(start, day), manager, source, pipeline: 'Sales' });
    }
    deals.push({ id, client, stage, manager, source, updated: isoDate(start, day).slice(0, 10) });
  }
  const orders = [];
  let number = 5000;
  for (const client of CLIENTS) {
    let day = Math.floor(random() * 200);
    const visits = 1 + Math.floor(random() * 6);
    for (let v = 0; v < visits && day < 360; v++) {
      orders.push({
        number: `SO-${number++}`, client, date: isoDate(start, day).slice(0, 10),
        total: Math.round((200 + random() * 4800) * 100) / 100, channel: pick(SOURCES), manager: pick(MANAGERS),
      });
      day += 10 + Math.floor(random() * 90);
    }
  }
  return { deals, events, orders };
}

const data = makeData();
const widget = document.querySelector('crm-analytics');
const managerFilter = document.getElementById('manager-filter');

function renderDeals(manager) {
  const body = document.getElementById('deal-rows');
  body.replaceChildren(...data.deals.filter((d) => !manager || d.manager === manager).map((d) => {
    const tr = document.createElement('tr');
    for (const value of [d.id, d.client, d.stage, d.manager, d.source, d.updated]) {
      const td = document.createElement('td');
      td.textContent = value;
      tr.append(td);
    }
    return tr;
  }));
}

/** Sends the (filtered) CRM records to the widget. */
async function sendToWidget() {
  const manager = managerFilter.value;
  const events = data.events.filter((e) => !manager || e.manager === manager);
  const orders = data.orders.filter((o) => !manager || o.manager === manager);
  await widget.loadRows('crm-deals', events, {
    kind: 'dealEvents',
    roles: { dealId: 'deal', stage: 'stage', stageTime: 'changedAt', manager: 'manager', channel: 'source', pipeline: 'pipeline' },
  });
  await widget.loadRows('crm-orders', orders, {
    kind: 'orders',
    roles: { orderId: 'number', customer: 'client', date: 'date', amount: 'total', channel: 'channel', manager: 'manager' },
  });
}

for (const manager of MANAGERS) managerFilter.append(new Option(manager, manager));
managerFilter.addEventListener('change', () => {
  renderDeals(managerFilter.value);
  sendToWidget();
});
document.getElementById('send-rows').addEventListener('click', sendToWidget);
renderDeals('');
customElements.whenDefined('crm-analytics').then(sendToWidget);
