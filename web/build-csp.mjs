// The page's Content-Security-Policies (meta tag and, when served, header): nothing is fetched from
// anywhere but the page's own origin, and the single file connects nowhere.

/** The served page's policy: scripts, the worker, the wasm and connections only from the page's origin. */
export const PAGE_CSP = [
  "default-src 'self'", "script-src 'self' 'wasm-unsafe-eval'", "worker-src 'self'", "connect-src 'self'",
  "img-src 'self' data: blob:", "style-src 'self' 'unsafe-inline'", "font-src 'none'", "object-src 'none'",
  "base-uri 'none'", "form-action 'none'",
].join('; ');

/** The single file's policy: everything is inline, and no connection at all. */
export const SINGLE_FILE_CSP = [
  "default-src 'none'", "script-src 'unsafe-inline' 'wasm-unsafe-eval' blob:", "worker-src blob:",
  "connect-src 'none'", "img-src data: blob:", "style-src 'unsafe-inline'", "font-src 'none'", "object-src 'none'",
  "base-uri 'none'", "form-action 'none'",
].join('; ');
