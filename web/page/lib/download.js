// Downloads made in the page itself (Blob + <a download>): nothing is sent anywhere.

/** Saves `blob` as `filename` through a temporary <a download> placed in `root` (a document or shadow root). */
export function downloadBlob(root, filename, blob) {
  const url = URL.createObjectURL(blob);
  downloadUrl(root, filename, url);
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

/** Saves a data: or blob: URL as `filename`. */
export function downloadUrl(root, filename, url) {
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.hidden = true;
  (root.body || root).append(a);
  a.click();
  a.remove();
}

/** Saves text (e.g. CSV or JSON) as `filename` with the given MIME type. */
export function downloadText(root, filename, text, type = 'text/plain;charset=utf-8') {
  downloadBlob(root, filename, new Blob([text], { type }));
}
