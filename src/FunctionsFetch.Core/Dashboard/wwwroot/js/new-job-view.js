// The new-job form: URLs pasted or read from a file (one a line), the common options, then POST /api/fetch
// and the job's page.
import { h } from './dom.js';
import { sendJson } from './api.js';
import { count } from './format.js';
import { showError, clearError } from './notices.js';

/** The URLs of a text: one a line, trimmed; blank lines and lines starting with # skipped (as text/plain starts). */
export function urlLines(text) {
  return text.split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== '' && !line.startsWith('#'));
}

/** The numeric options: name, label, hint. Left empty, the server's default applies. */
const numberOptions = [
  ['concurrency', 'Concurrency (in flight)', 'default 50'],
  ['timeoutSeconds', 'Timeout per attempt (s)', 'default 30'],
  ['maxAttempts', 'Attempts per URL', 'default 3'],
  ['maxPerHost', 'In flight per host', 'default 8'],
  ['maxRatePerHost', 'Requests/s per host', 'default: no limit'],
];

export function newJobView() {
  const urls = h('textarea', {
    id: 'job-urls', name: 'urls', rows: 14, spellcheck: 'false', testid: 'job-urls', required: true,
    placeholder: 'https://example.com/\nhttps://example.org/page',
  });
  const file = h('input', { id: 'job-file', type: 'file', accept: '.txt,.csv,.lst,text/plain' });
  const counter = h('span', { class: 'muted', testid: 'job-url-count' }, 'No URLs yet');
  const numbers = numberOptions.map(([name, label, hint]) => ({
    name,
    input: h('input', { id: `opt-${name}`, name, type: 'number', min: name === 'maxRatePerHost' ? 0 : 1, step: 1, inputmode: 'numeric', placeholder: hint }),
    label,
  }));
  const method = h('select', { id: 'opt-method', name: 'method' }, h('option', { value: '' }, 'GET (default)'), h('option', { value: 'HEAD' }, 'HEAD (link check)'));
  const saveBodies = h('input', { id: 'opt-saveBodies', name: 'saveBodies', type: 'checkbox' });
  const respectRobots = h('input', { id: 'opt-respectRobots', name: 'respectRobots', type: 'checkbox' });
  const jobId = h('input', { id: 'opt-jobId', name: 'jobId', type: 'text', pattern: '[A-Za-z0-9_-]{1,64}', placeholder: 'optional: makes a repeated submit idempotent' });
  const submit = h('button', { class: 'button primary', type: 'submit', testid: 'job-submit' }, 'Start job');

  let countTimer = null;
  const recount = () => {
    clearTimeout(countTimer);
    countTimer = setTimeout(() => {
      const n = urlLines(urls.value).length;
      counter.textContent = n === 0 ? 'No URLs yet' : `${count(n)} URL${n === 1 ? '' : 's'}`;
    }, 150);
  };
  urls.addEventListener('input', recount);
  file.addEventListener('change', async () => {
    const chosen = file.files?.[0];
    if (chosen) {
      urls.value = await chosen.text();
      recount();
    }
  });

  const form = h('form', { class: 'card stack', testid: 'job-form', novalidate: true, onSubmit: start },
    h('div', { class: 'field' },
      h('label', { for: 'job-urls' }, 'URLs, one a line'),
      urls,
      h('div', { class: 'field-row' }, counter, h('label', { class: 'file-pick' }, 'Or choose a file: ', file))),
    h('fieldset', { class: 'options' },
      h('legend', {}, 'Options'),
      h('div', { class: 'grid-options' },
        numbers.map(({ name, input, label }) => h('div', { class: 'field' }, h('label', { for: `opt-${name}` }, label), input)),
        h('div', { class: 'field' }, h('label', { for: 'opt-method' }, 'Method'), method),
        h('div', { class: 'field wide' }, h('label', { for: 'opt-jobId' }, 'Job id'), jobId)),
      h('div', { class: 'checks' },
        h('label', {}, saveBodies, ' Save bodies'),
        h('label', {}, respectRobots, ' Respect robots.txt'))),
    h('div', { class: 'actions' }, submit));

  async function start(event) {
    event.preventDefault();
    clearError();
    const list = urlLines(urls.value);
    if (list.length === 0) {
      showError('Paste at least one URL, or choose a file with one URL a line.');
      return;
    }
    const options = {};
    for (const { name, input } of numbers) {
      if (input.value !== '') {
        options[name] = Number(input.value);
      }
    }
    if (method.value) {
      options.method = method.value;
    }
    if (saveBodies.checked) {
      options.saveBodies = true;
    }
    if (respectRobots.checked) {
      options.respectRobots = true;
    }
    const request = { urls: list, options };
    if (jobId.value.trim()) {
      request.jobId = jobId.value.trim();
    }

    submit.disabled = true;
    submit.textContent = 'Starting…';
    try {
      const { body } = await sendJson('fetch', { method: 'POST', json: request }, [202]);
      window.location.hash = `#/jobs/${encodeURIComponent(body.id)}`;
    } catch (error) {
      showError(error);
      submit.disabled = false;
      submit.textContent = 'Start job';
    }
  }

  return {
    element: h('section', { class: 'stack' }, h('div', { class: 'title-row' }, h('h1', {}, 'New job')), form),
    dispose() {
      clearTimeout(countTimer);
    },
  };
}
