// Calls the FunctionsFetch API of the host that served this page, with the API key when one was entered.
import { askForKey, currentKey } from './api-key.js';

/**
 * The API's base: the local host serves the page at / and the API at /api/; the Functions app serves the page
 * at /api/dashboard/ beside its API. Relative to the page either way, so a path prefix in front of the host works.
 */
const apiBase = (() => {
  const page = new URL('.', window.location.href);
  return page.pathname.endsWith('/api/dashboard/') ? new URL('../', page) : new URL('api/', page);
})();

/** A URL of the API: `path` relative to /api/ (such as `fetch/abc/rows`), with the query values that are set. */
export function apiUrl(path, query = {}) {
  const url = new URL(path, apiBase);
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') {
      url.searchParams.set(name, String(value));
    }
  }
  return url;
}

/** An answer the page did not expect: its status and the problem's detail, shown as text. */
export class ApiError extends Error {
  constructor(status, detail) {
    super(detail);
    this.status = status;
  }
}

/**
 * Sends a request; on 401 asks for the key and sends it again with it. Returns the Response as it came
 * (any status), or the 401 when the user declined to enter a key.
 */
export async function send(path, { method = 'GET', query, json, accept, signal } = {}) {
  for (;;) {
    const headers = new Headers();
    const key = currentKey();
    if (key) {
      headers.set('x-functions-key', key);
    }
    if (accept) {
      headers.set('Accept', accept);
    }
    let body;
    if (json !== undefined) {
      headers.set('Content-Type', 'application/json');
      body = JSON.stringify(json);
    }
    const response = await fetch(apiUrl(path, query), { method, headers, body, signal, cache: 'no-store' });
    if (response.status !== 401) {
      return response;
    }
    if ((await askForKey(Boolean(key))) === null) {
      return response;
    }
  }
}

/** The problem+json `detail` of a failed answer, else its status line. */
export async function problemOf(response) {
  try {
    const problem = await response.json();
    return new ApiError(response.status, problem.detail || problem.title || `${response.status} ${response.statusText}`);
  } catch {
    return new ApiError(response.status, `${response.status} ${response.statusText}`);
  }
}

/** Sends and reads a JSON answer of one of the `ok` statuses; throws an ApiError otherwise. */
export async function sendJson(path, options = {}, ok = [200]) {
  const response = await send(path, options);
  if (!ok.includes(response.status)) {
    throw await problemOf(response);
  }
  return { response, body: await response.json() };
}

/** The Retry-After of an answer in milliseconds (seconds only), or the fallback. */
export function retryAfterMs(response, fallbackMs) {
  const seconds = Number.parseInt(response.headers.get('Retry-After') ?? '', 10);
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : fallbackMs;
}
