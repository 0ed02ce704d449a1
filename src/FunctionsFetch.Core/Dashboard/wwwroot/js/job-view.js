// A job's page: live progress (job-follower.js), URLs per second, the breakdowns, the results table, downloads,
// cancel and retry-failed, both confirmed first.
import { h, svg } from './dom.js';
import { send, sendJson, problemOf } from './api.js';
import { followJob } from './job-follower.js';
import { count, dateTime, duration, isRunning, jobDuration, rate, statusClass } from './format.js';
import { confirmAction, showError } from './notices.js';
import { drawRateChart } from './rate-chart.js';
import { renderErrorKinds, renderOutcomes, renderSlowestHosts, renderThrottledHosts } from './breakdowns.js';
import { resultsTable } from './results-table.js';
import { downloadResults } from './downloads.js';

export function jobView(id) {
  let last = null;
  let shownStatus = null;
  const samples = [];

  const status = h('span', { class: 'badge live', testid: 'job-status' }, 'Loading');
  // The four counts the tests read: bare integers, no digit grouping.
  const total = h('span', { class: 'stat-value', testid: 'job-total' }, '0');
  const completed = h('span', { class: 'stat-value', testid: 'job-completed' }, '0');
  const succeeded = h('span', { class: 'stat-value', testid: 'job-succeeded' }, '0');
  const failed = h('span', { class: 'stat-value', testid: 'job-failed' }, '0');
  const progress = h('progress', { class: 'progress', max: 1, value: 0, 'aria-label': 'Progress' });
  const percent = h('span', { class: 'muted' });
  const created = h('dd');
  const updated = h('dd');
  const took = h('dd');
  const concurrency = h('dd');
  const chart = svg('svg', { class: 'chart', role: 'img', 'aria-label': 'URLs per second over time' });
  const chartNote = h('p', { class: 'muted small' });
  const outcomes = h('div', { class: 'bars' });
  const errorKinds = h('div');
  const slowest = h('div');
  const throttled = h('div');

  const cancel = h('button', { class: 'button danger', type: 'button', testid: 'job-cancel', hidden: true, onClick: cancelJob }, 'Cancel job');
  const retry = h('button', { class: 'button', type: 'button', testid: 'job-retry-failed', hidden: true, onClick: retryFailed }, 'Retry failed');
  const downloads = h('div', { class: 'actions', hidden: true },
    h('span', { class: 'muted' }, 'Download'),
    ['json', 'ndjson', 'csv'].map((format) => h('button', {
      class: 'button', type: 'button', testid: `download-${format}`, onClick: () => downloadResults(id, format).catch(showError),
    }, format.toUpperCase())));
  const table = resultsTable(id, showError);

  const element = h('section', { class: 'stack' },
    h('div', { class: 'title-row' },
      h('div', {}, h('a', { class: 'muted small', href: '#/jobs' }, '← All jobs'), h('h1', {}, 'Job ', h('span', { class: 'mono id' }, id))),
      status),
    h('div', { class: 'card stack' },
      h('div', { class: 'stats' },
        stat('URLs', total), stat('Done', completed), stat('Succeeded', succeeded, 'ok'), stat('Failed', failed, 'bad')),
      h('div', { class: 'progress-row' }, progress, percent),
      h('dl', { class: 'meta' },
        h('dt', {}, 'Created'), created, h('dt', {}, 'Last update'), updated,
        h('dt', {}, 'Duration'), took, h('dt', {}, 'Concurrency'), concurrency),
      h('div', { class: 'title-row' }, h('div', { class: 'actions' }, cancel, retry), downloads)),
    h('div', { class: 'panels' },
      h('div', { class: 'card wide' }, h('h2', {}, 'URLs per second'), chart, chartNote),
      h('div', { class: 'card' }, h('h2', {}, 'By outcome'), outcomes),
      h('div', { class: 'card' }, h('h2', {}, 'By error kind'), errorKinds),
      h('div', { class: 'card' }, h('h2', {}, 'Slowest hosts'), slowest),
      h('div', { class: 'card' }, h('h2', {}, 'Throttled hosts'), throttled)),
    table.element);

  function stat(label, value, tone = '') {
    return h('div', { class: `stat ${tone}` }, h('span', { class: 'stat-label' }, label), value);
  }

  /** The counts, status and hosts both the progress and the summary carry. */
  function showProgress(job) {
    const done = job.completed;
    const running = isRunning(job.runtimeStatus);
    status.textContent = job.runtimeStatus;
    status.className = `badge ${statusClass(job.runtimeStatus)}`;
    total.textContent = String(job.total);
    completed.textContent = String(done);
    succeeded.textContent = String(job.completed - job.failed);
    failed.textContent = String(job.failed);
    progress.value = job.total > 0 ? done / job.total : 0;
    percent.textContent = job.total > 0 ? `${Math.floor((100 * done) / job.total)}% of ${count(job.total)}` : '';
    concurrency.textContent = job.concurrency ? String(job.concurrency) : '–';
    renderThrottledHosts(throttled, job.throttledHosts);
    // Sampled while the page watches the job run, and once more when it ends.
    if (running || (samples.length > 0 && isRunning(shownStatus))) {
      samples.push({ t: Date.now(), done });
    }
    shownStatus = job.runtimeStatus;
    drawRateChart(chart, samples, running ? 'Collecting samples…' : 'Open while a job runs to see its rate over time.');
    if (last) {
      took.textContent = jobDuration({ ...last, runtimeStatus: job.runtimeStatus });
    }
    cancel.hidden = !running;
    retry.hidden = running || job.failed === 0;
    downloads.hidden = running;
  }

  /** Everything the summary adds: times, the breakdowns, and the table when more results were stored. */
  function showSummary(summary, ended) {
    const before = last;
    last = summary;
    // The counts the tests read: total, succeeded + failed, succeeded, failed, as bare integers.
    showProgress({ ...summary, completed: summary.succeeded + summary.failed });
    created.textContent = dateTime(summary.createdAt);
    updated.textContent = dateTime(summary.lastUpdatedAt);
    took.textContent = jobDuration(summary);
    const seconds = (Date.parse(summary.lastUpdatedAt) - Date.parse(summary.createdAt)) / 1000;
    const done = summary.succeeded + summary.failed;
    chartNote.textContent = ended && seconds > 0
      ? `${count(done)} URLs in ${duration(seconds * 1000)}: ${rate(done / seconds)} URLs/s on average.`
      : 'Over the last 10 s, sampled each time the page asks for progress.';
    renderOutcomes(outcomes, summary.byOutcome);
    renderErrorKinds(errorKinds, summary.byErrorKind);
    renderSlowestHosts(slowest, summary.slowestHosts);
    if (!before || ended || before.succeeded + before.failed !== done) {
      table.reload();
    }
  }

  async function cancelJob() {
    if (!(await confirmAction('Cancel this job?', `Fetching stops within about a second. What job ${id} fetched so far stays readable.`, 'Cancel job'))) {
      return;
    }
    const response = await send(`fetch/${encodeURIComponent(id)}`, { method: 'DELETE' });
    if (response.status !== 202) {
      showError(await problemOf(response));
    }
    follower.now();
  }

  async function retryFailed() {
    if (!(await confirmAction('Retry the failed URLs?', `A new job fetches the ${count(last?.failed ?? 0)} failed URLs of job ${id} again.`, 'Retry failed'))) {
      return;
    }
    try {
      const { body } = await sendJson(`fetch/${encodeURIComponent(id)}/retry-failed`, { method: 'POST' }, [202]);
      window.location.hash = `#/jobs/${encodeURIComponent(body.id)}`;
    } catch (error) {
      showError(error);
    }
  }

  const follower = followJob(id, {
    onProgress: showProgress,
    onSummary: showSummary,
    onUnknown: () => {
      status.textContent = 'Unknown';
      showError(`No job has the id ${id}.`);
    },
    onError: showError,
  });
  return {
    element,
    dispose() {
      follower.stop();
      table.dispose();
    },
  };
}
