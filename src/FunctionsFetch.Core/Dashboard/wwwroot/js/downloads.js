// Downloads a job's results in one format, fetched with the API key (never put in a URL) and saved from a Blob.
import { h } from './dom.js';
import { send, problemOf } from './api.js';

const extensions = { json: 'json', ndjson: 'ndjson', csv: 'csv' };

/** Fetches GET /api/fetch/{id}?format= and saves it as {id}.{extension}. */
export async function downloadResults(id, format) {
  const response = await send(`fetch/${encodeURIComponent(id)}`, { query: { format } });
  if (response.status !== 200) {
    throw await problemOf(response);
  }
  const url = URL.createObjectURL(await response.blob());
  const link = h('a', { href: url, download: `${id}.${extensions[format]}`, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  // The browser has started saving by now; the Blob is freed a while later.
  setTimeout(() => URL.revokeObjectURL(url), 60000);
}
