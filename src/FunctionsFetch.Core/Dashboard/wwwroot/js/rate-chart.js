// URLs per second over time as a small SVG line chart, from the progress samples the job page takes as it polls.
import { svg } from './dom.js';
import { rate } from './format.js';

const width = 480;
const height = 250;
const pad = { left: 40, right: 10, top: 12, bottom: 22 };
const maxPoints = 180;
const windowMs = 10000;

/**
 * The rate at each sample ({t: ms, done: count}) over the samples of the `windowMs` before it: [{t, perSecond}], the
 * last `maxPoints`. Progress advances as whole batches finish, so a rate between two polls alone would be all spikes.
 */
export function rates(samples) {
  const points = [];
  let from = 0;
  for (let i = 1; i < samples.length; i += 1) {
    while (from < i - 1 && samples[i].t - samples[from].t > windowMs) {
      from += 1;
    }
    const seconds = (samples[i].t - samples[from].t) / 1000;
    if (seconds > 0) {
      points.push({ t: samples[i].t, perSecond: Math.max(0, samples[i].done - samples[from].done) / seconds });
    }
  }
  return points.slice(-maxPoints);
}

/** Draws the chart of `samples` into the <svg> element `chart`, replacing what it showed; `empty` when too few. */
export function drawRateChart(chart, samples, empty) {
  const points = rates(samples);
  chart.replaceChildren();
  chart.setAttribute('viewBox', `0 0 ${width} ${height}`);
  const plotWidth = width - pad.left - pad.right;
  const plotHeight = height - pad.top - pad.bottom;
  const top = niceMax(Math.max(1, ...points.map((p) => p.perSecond)));

  for (const fraction of [0, 0.5, 1]) {
    const y = pad.top + plotHeight * (1 - fraction);
    chart.append(
      svg('line', { x1: pad.left, x2: width - pad.right, y1: y, y2: y, class: 'grid' }),
      svg('text', { x: pad.left - 6, y: y + 4, class: 'axis', 'text-anchor': 'end' }, rate(top * fraction).replace(/\.0$/, '')));
  }

  if (points.length < 2) {
    chart.append(svg('text', { x: pad.left + plotWidth / 2, y: pad.top + plotHeight / 2, class: 'axis', 'text-anchor': 'middle' }, empty));
    return;
  }

  const t0 = points[0].t;
  const span = Math.max(1, points[points.length - 1].t - t0);
  const x = (t) => pad.left + ((t - t0) / span) * plotWidth;
  const y = (v) => pad.top + plotHeight * (1 - v / top);
  const line = points.map((p) => `${x(p.t).toFixed(1)},${y(p.perSecond).toFixed(1)}`).join(' ');
  const baseline = pad.top + plotHeight;
  chart.append(
    svg('polygon', { points: `${pad.left},${baseline} ${line} ${x(points[points.length - 1].t).toFixed(1)},${baseline}`, class: 'area' }),
    svg('polyline', { points: line, class: 'line' }),
    svg('text', { x: pad.left, y: height - 6, class: 'axis' }, `${Math.round(span / 1000)} s ago`),
    svg('text', { x: width - pad.right, y: height - 6, class: 'axis', 'text-anchor': 'end' }, 'now'));
}

/** A round axis maximum at or above `value`: 1, 2 or 5 times a power of ten. */
function niceMax(value) {
  const power = 10 ** Math.floor(Math.log10(value));
  return [1, 2, 5, 10].map((m) => m * power).find((m) => m >= value);
}
