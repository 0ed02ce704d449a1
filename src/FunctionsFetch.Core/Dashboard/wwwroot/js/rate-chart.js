// URLs per second over time as a small SVG line chart, from the progress samples the job page takes as it polls.
import { svg } from './dom.js';
import { rate } from './format.js';

const width = 480;
const height = 150;
const pad = { left: 40, right: 10, top: 12, bottom: 22 };
const maxPoints = 180;

/** The rates between successive samples ({t: ms, done: count}): [{t, perSecond}], the last `maxPoints` of them. */
export function rates(samples) {
  const points = [];
  for (let i = 1; i < samples.length; i += 1) {
    const seconds = (samples[i].t - samples[i - 1].t) / 1000;
    if (seconds > 0) {
      points.push({ t: samples[i].t, perSecond: Math.max(0, samples[i].done - samples[i - 1].done) / seconds });
    }
  }
  return points.slice(-maxPoints);
}

/** Draws the chart of `samples` into the <svg> element `chart`, replacing what it showed. */
export function drawRateChart(chart, samples) {
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
    chart.append(svg('text', { x: pad.left + plotWidth / 2, y: pad.top + plotHeight / 2, class: 'axis', 'text-anchor': 'middle' }, 'Collecting samples…'));
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
