// The jobs list: newest first, a page at a time from GET /api/fetch?top=&continuationToken= (the next page's
// token comes in x-ms-continuation-token). Refreshes itself while a job on the page is still running.
import { h, replace } from './dom.js';
import { send, problemOf } from './api.js';
import { count, dateTime, isRunning, jobDuration, statusClass } from './format.js';
import { showError } from './notices.js';

const pageSize = 20;
const refreshMs = 5000;

export function jobsView() {
  // tokens[i] is the token of page i (null for the first); the last entry is the next page's, if any.
  const tokens = [null];
  let page = 0;
  let timer = null;
  let disposed = false;

  const body = h('tbody');
  const summary = h('span', { class: 'muted' });
  const newer = h('button', { class: 'button', type: 'button', onClick: () => go(page - 1) }, '← Newer');
  const older = h('button', { class: 'button', type: 'button', onClick: () => go(page + 1) }, 'Older →');
  const refresh = h('button', { class: 'button', type: 'button', onClick: () => load() }, 'Refresh');

  const element = h('section', { class: 'stack' },
    h('div', { class: 'title-row' },
      h('h1', {}, 'Jobs'),
      h('div', { class: 'actions' }, refresh, h('a', { class: 'button primary', href: '#/new' }, 'New job'))),
    h('div', { class: 'card flush' },
      h('div', { class: 'table-wrap' },
        h('table', { class: 'table', testid: 'jobs-table' },
          h('thead', {}, h('tr', {},
            h('th', {}, 'Job'),
            h('th', {}, 'Status'),
            h('th', { class: 'num' }, 'URLs'),
            h('th', { class: 'num' }, 'Done'),
            h('th', { class: 'num' }, 'Succeeded'),
            h('th', { class: 'num' }, 'Failed'),
            h('th', {}, 'Created'),
            h('th', { class: 'num' }, 'Duration'))),
          body)),
      h('div', { class: 'pager' }, summary, h('div', { class: 'actions' }, newer, older))));

  async function load() {
    clearTimeout(timer);
    try {
      const response = await send('fetch', { query: { top: pageSize, continuationToken: tokens[page] } });
      if (response.status !== 200) {
        throw await problemOf(response);
      }
      const jobs = await response.json();
      if (disposed) {
        return;
      }
      tokens.length = page + 1;
      const next = response.headers.get('x-ms-continuation-token');
      if (next) {
        tokens.push(next);
      }
      render(jobs);
      if (jobs.some((job) => isRunning(job.runtimeStatus))) {
        timer = setTimeout(load, refreshMs);
      }
    } catch (error) {
      showError(error);
    }
  }

  function render(jobs) {
    replace(body, jobs.length === 0
      ? h('tr', {}, h('td', { colspan: 8, class: 'empty' }, page === 0 ? 'No jobs yet. Start one with New job.' : 'No more jobs.'))
      : jobs.map(row));
    summary.textContent = jobs.length === 0 ? '' : `Page ${page + 1}: ${jobs.length} job${jobs.length === 1 ? '' : 's'}, newest first`;
    newer.disabled = page === 0;
    older.disabled = tokens.length <= page + 1;
  }

  function row(job) {
    return h('tr', { testid: 'job-row' },
      h('td', {}, h('a', { class: 'mono', href: `#/jobs/${encodeURIComponent(job.id)}` }, job.id)),
      h('td', {}, h('span', { class: `badge ${statusClass(job.runtimeStatus)}` }, job.runtimeStatus)),
      h('td', { class: 'num' }, count(job.total)),
      h('td', { class: 'num' }, count(job.completed)),
      h('td', { class: 'num' }, count(job.succeeded)),
      h('td', { class: `num ${job.failed > 0 ? 'bad-text' : ''}` }, count(job.failed)),
      h('td', { class: 'nowrap' }, dateTime(job.createdAt)),
      h('td', { class: 'num nowrap' }, jobDuration(job)));
  }

  function go(to) {
    if (to < 0 || to >= tokens.length) {
      return;
    }
    page = to;
    load();
  }

  load();
  return {
    element,
    dispose() {
      disposed = true;
      clearTimeout(timer);
    },
  };
}
