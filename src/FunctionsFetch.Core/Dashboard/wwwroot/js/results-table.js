// A job's results, a page at a time from GET /api/fetch/{id}/rows (offset, limit and the filters), never all rows
// at once. The table says what it shows: data-state is "loading" or "ready", data-matched the rows matching.
import { h, replace } from './dom.js';
import { send, problemOf } from './api.js';
import { bytes, count, duration } from './format.js';

/** The error kinds a result can have (docs/api.md#error-kinds). */
export const errorKinds = [
  'invalidUrl', 'blocked', 'dns', 'connect', 'tls', 'timeout', 'tooLarge', 'tooManyRedirects', 'canceled', 'protocol',
  'batchFailed', 'disallowedByRobots',
];

const pageSizes = [25, 50, 100, 200];

/** The rows route's query for the filter controls' values (empty ones left out). */
export function rowsQuery({ outcomeOrKind, statusMin, statusMax, q }) {
  const query = { statusMin, statusMax, q: q.trim() };
  if (outcomeOrKind === 'failed' || outcomeOrKind === 'succeeded') {
    query.outcome = outcomeOrKind;
  } else if (outcomeOrKind.startsWith('kind:')) {
    query.errorKind = outcomeOrKind.slice('kind:'.length);
  }
  return query;
}

export function resultsTable(id, onError) {
  let offset = 0;
  let limit = 50;
  let request = 0;
  let typingTimer = null;

  const outcome = h('select', { id: 'filter-outcome', testid: 'error-filter' },
    h('option', { value: '' }, 'All results'),
    h('option', { value: 'failed' }, 'Failed (errors, 4xx, 5xx)'),
    h('option', { value: 'succeeded' }, 'Succeeded'),
    h('optgroup', { label: 'Error kind' }, errorKinds.map((kind) => h('option', { value: `kind:${kind}` }, kind))));
  const statusMin = h('input', { id: 'filter-status-min', type: 'number', min: 100, max: 599, placeholder: '100', testid: 'status-min' });
  const statusMax = h('input', { id: 'filter-status-max', type: 'number', min: 100, max: 599, placeholder: '599', testid: 'status-max' });
  const text = h('input', { id: 'filter-q', type: 'search', placeholder: 'text in the URL', testid: 'url-filter' });
  const size = h('select', { id: 'filter-size', 'aria-label': 'Rows per page' }, pageSizes.map((n) => h('option', { value: n, selected: n === limit }, `${n} a page`)));
  const body = h('tbody');
  const table = h('table', { class: 'table results', testid: 'results-table', 'data-state': 'loading' },
    h('thead', {}, h('tr', {},
      h('th', { class: 'num' }, '#'),
      h('th', {}, 'URL'),
      h('th', { class: 'num' }, 'Status'),
      h('th', {}, 'Error'),
      h('th', { class: 'num' }, 'Time'),
      h('th', { class: 'num' }, 'Size'),
      h('th', {}, 'Type'),
      h('th', { class: 'num' }, 'Tries'))),
    body);
  const shown = h('span', { class: 'muted', testid: 'results-range' });
  const previous = h('button', { class: 'button', type: 'button', onClick: () => page(-1) }, '← Previous');
  const next = h('button', { class: 'button', type: 'button', onClick: () => page(1) }, 'Next →');

  const refilter = () => {
    offset = 0;
    load();
  };
  for (const control of [outcome, statusMin, statusMax]) {
    control.addEventListener('change', refilter);
  }
  text.addEventListener('input', () => {
    clearTimeout(typingTimer);
    // A page still loading for the old text is dropped when it arrives.
    request += 1;
    table.dataset.state = 'loading';
    typingTimer = setTimeout(refilter, 300);
  });
  size.addEventListener('change', () => {
    limit = Number(size.value);
    refilter();
  });

  const element = h('div', { class: 'card flush' },
    h('div', { class: 'card-head' }, h('h2', {}, 'Results')),
    h('div', { class: 'filters' },
      h('label', {}, 'Show ', outcome),
      h('label', {}, 'Status ', statusMin, ' to ', statusMax),
      h('label', { class: 'grow' }, 'URL ', text),
      size),
    h('div', { class: 'table-wrap' }, table),
    h('div', { class: 'pager' }, shown, h('div', { class: 'actions' }, previous, next)));

  async function load() {
    const mine = ++request;
    table.dataset.state = 'loading';
    try {
      const query = { ...rowsQuery({ outcomeOrKind: outcome.value, statusMin: statusMin.value, statusMax: statusMax.value, q: text.value }), offset, limit };
      const response = await send(`fetch/${encodeURIComponent(id)}/rows`, { query });
      if (response.status !== 200) {
        throw await problemOf(response);
      }
      const page = await response.json();
      if (mine !== request) {
        return;
      }
      render(page);
    } catch (error) {
      if (mine === request) {
        table.dataset.state = 'error';
        onError(error);
      }
    }
  }

  function render(page) {
    replace(body, page.rows.length === 0
      ? h('tr', {}, h('td', { colspan: 8, class: 'empty' }, page.matched === 0 ? 'No results match.' : 'No rows on this page.'))
      : page.rows.map(row));
    shown.textContent = page.matched === 0
      ? 'No matching results'
      : `${count(page.offset + 1)}–${count(page.offset + page.rows.length)} of ${count(page.matched)} matching`;
    previous.disabled = page.offset === 0;
    next.disabled = page.offset + page.rows.length >= page.matched;
    table.dataset.matched = String(page.matched);
    table.dataset.state = 'ready';
  }

  function row(result) {
    const failed = Boolean(result.error) || (result.statusCode ?? 0) >= 400;
    return h('tr', { testid: 'result-row', class: failed ? 'failed' : '', 'data-index': result.index },
      h('td', { class: 'num muted' }, result.index),
      h('td', { class: 'url' }, h('span', { title: result.url, testid: 'result-url' }, result.url),
        result.finalUrl && result.finalUrl !== result.url ? h('span', { class: 'small muted final', title: result.finalUrl }, `→ ${result.finalUrl}`) : null),
      h('td', { class: `num ${failed ? 'bad-text' : ''}` }, result.statusCode ?? '–', result.notModified ? h('span', { class: 'small muted' }, ' (304)') : null),
      h('td', { class: 'error' }, result.error ? [h('span', { class: 'kind' }, result.error.kind), ' ', h('span', { class: 'muted small', title: result.error.message }, result.error.message)] : ''),
      h('td', { class: 'num nowrap' }, duration(result.elapsedMs)),
      h('td', { class: 'num nowrap' }, bytes(result.bytes)),
      h('td', { class: 'type' }, result.contentType ?? ''),
      h('td', { class: 'num' }, result.attempts));
  }

  function page(direction) {
    offset = Math.max(0, offset + direction * limit);
    load();
  }

  return {
    element,
    /** Loads the current page again (the job stored more results, or ended). */
    reload: load,
    dispose() {
      clearTimeout(typingTimer);
      request += 1;
    },
  };
}
