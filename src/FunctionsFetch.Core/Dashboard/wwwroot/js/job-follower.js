// Follows a job as the API asks to be polled: GET /api/fetch/{id} while it runs (202 with its progress, again after
// its Retry-After), and GET /api/fetch/{id}/summary (which reads every stored result) now and then for the breakdowns,
// and once more when it has ended. The 200 that GET /api/fetch/{id} answers at the end holds every result: the
// follower aborts it unread and asks for the summary instead, so a 100,000-URL job is never downloaded here.
import { send, problemOf, retryAfterMs } from './api.js';
import { isRunning } from './format.js';

const defaultPollMs = 2000;
const summaryEveryMs = 10000;

/**
 * Starts following job `id`.
 * @param {{ onProgress: Function, onSummary: Function, onUnknown: Function, onError: Function }} handlers
 *   onProgress({runtimeStatus, total, completed, failed, concurrency, throttledHosts}) for each 202;
 *   onSummary(summary, ended) for each summary; onUnknown() on 404; onError(error) on anything else.
 * @returns {{ stop: Function, now: Function }} stop following; poll at once (after a cancel)
 */
export function followJob(id, { onProgress, onSummary, onUnknown, onError }) {
  const path = `fetch/${encodeURIComponent(id)}`;
  let timer = null;
  let stopped = false;
  let summaryAt = 0;
  let summaryCostMs = 0;
  let generation = 0;

  async function summary() {
    const started = Date.now();
    const response = await send(`${path}/summary`);
    if (response.status === 404) {
      onUnknown();
      return null;
    }
    if (response.status !== 200) {
      throw await problemOf(response);
    }
    const body = await response.json();
    summaryAt = Date.now();
    summaryCostMs = summaryAt - started;
    if (!stopped) {
      onSummary(body, !isRunning(body.runtimeStatus));
    }
    return body;
  }

  async function progress() {
    const controller = new AbortController();
    const response = await send(path, { signal: controller.signal });
    if (response.status === 202) {
      const body = await response.json();
      if (!stopped) {
        onProgress(body);
      }
      // The summary reads every stored result: asked seldom, and less often when it is slow.
      if (Date.now() - summaryAt >= Math.max(summaryEveryMs, 5 * summaryCostMs)) {
        await summary();
      }
      return retryAfterMs(response, defaultPollMs);
    }
    if (response.status === 200) {
      controller.abort();
      const ended = await summary();
      return ended && isRunning(ended.runtimeStatus) ? defaultPollMs : null;
    }
    if (response.status === 404) {
      onUnknown();
      return null;
    }
    throw await problemOf(response);
  }

  async function poll(first) {
    clearTimeout(timer);
    // A poll asked for at once (after a cancel) supersedes one in flight: only the latest schedules the next.
    const mine = ++generation;
    let nextMs;
    try {
      const body = first ? await summary() : null;
      nextMs = first ? (body && isRunning(body.runtimeStatus) ? defaultPollMs : null) : await progress();
    } catch (error) {
      if (stopped) {
        return;
      }
      onError(error);
      nextMs = defaultPollMs * 2;
    }
    if (!stopped && nextMs !== null && mine === generation) {
      timer = setTimeout(() => poll(false), nextMs);
    }
  }

  poll(true);
  return {
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
    now() {
      if (!stopped) {
        poll(false);
      }
    },
  };
}
