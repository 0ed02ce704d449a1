// A job summary's breakdowns: counts by outcome and by error kind, the slowest hosts and the throttled ones.
import { h, replace } from './dom.js';
import { count, dateTime, duration } from './format.js';

const outcomes = [['2xx', 'ok'], ['3xx', 'info'], ['4xx', 'warn'], ['5xx', 'bad'], ['error', 'bad']];

/** Bars of byOutcome (2xx, 3xx, 4xx, 5xx, error), each with its count. */
export function renderOutcomes(target, byOutcome = {}) {
  const total = outcomes.reduce((sum, [name]) => sum + (byOutcome[name] ?? 0), 0);
  replace(target, outcomes.map(([name, tone]) => {
    const n = byOutcome[name] ?? 0;
    const fill = h('span', { class: `bar-fill ${tone}` });
    fill.style.width = `${total === 0 ? 0 : (100 * n) / total}%`;
    return h('div', { class: 'bar-row', testid: `outcome-${name}` },
      h('span', { class: 'bar-label' }, name),
      h('span', { class: 'bar' }, fill),
      h('span', { class: 'num bar-count' }, count(n)));
  }));
}

/** byErrorKind as a list, most frequent first. */
export function renderErrorKinds(target, byErrorKind = {}) {
  const kinds = Object.entries(byErrorKind).filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1]);
  replace(target, kinds.length === 0
    ? h('p', { class: 'muted' }, 'No errors.')
    : h('table', { class: 'table compact' }, h('tbody', {}, kinds.map(([kind, n]) =>
      h('tr', {}, h('td', {}, h('span', { class: 'kind' }, kind)), h('td', { class: 'num' }, count(n)))))));
}

/** slowestHosts: host, URLs, average and slowest time. */
export function renderSlowestHosts(target, hosts = []) {
  replace(target, hosts.length === 0
    ? h('p', { class: 'muted' }, 'No results yet.')
    : h('table', { class: 'table compact' },
      h('thead', {}, h('tr', {}, h('th', {}, 'Host'), h('th', { class: 'num' }, 'URLs'), h('th', { class: 'num' }, 'Average'), h('th', { class: 'num' }, 'Slowest'))),
      h('tbody', {}, hosts.map((host) => h('tr', {},
        h('td', { class: 'host', title: host.host }, host.host),
        h('td', { class: 'num' }, count(host.count)),
        h('td', { class: 'num nowrap' }, duration(host.averageMs)),
        h('td', { class: 'num nowrap' }, duration(host.maxMs)))))));
}

/** throttledHosts: host, its adapted concurrency, and until when it is held. */
export function renderThrottledHosts(target, hosts = []) {
  replace(target, hosts.length === 0
    ? h('p', { class: 'muted' }, 'None: no host answered 429 or 503.')
    : h('table', { class: 'table compact' },
      h('thead', {}, h('tr', {}, h('th', {}, 'Host'), h('th', { class: 'num' }, 'Limit'), h('th', {}, 'Held until'))),
      h('tbody', {}, hosts.map((host) => h('tr', {},
        h('td', { class: 'host', title: host.host }, host.host),
        h('td', { class: 'num' }, count(host.concurrency)),
        h('td', { class: 'nowrap' }, host.retryAfter ? dateTime(host.retryAfter) : '–'))))));
}
