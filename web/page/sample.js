// The sample data set (web/samples/), embedded gzip-compressed in the bundle by web/build.mjs so that
// "Load sample" makes no request: a Windows-1251 RetailCRM-style order export and an amoCRM-style deal log.

import ordersGzip from 'sample:orders_ru.csv';
import dealsGzip from 'sample:deals_ru.csv';

async function gunzip(bytes) {
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** The sample files as [{name, bytes}], decompressed in memory. */
export async function sampleFiles() {
  const [orders, deals] = await Promise.all([gunzip(ordersGzip), gunzip(dealsGzip)]);
  return [
    { name: 'orders_ru.csv', bytes: orders },
    { name: 'deals_ru.csv', bytes: deals },
  ];
}
