// How numbers, times and durations read on the page. Counts the tests read stay bare integers (see job-view.js).

const numberFormat = new Intl.NumberFormat(undefined);
const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

/** A count with the reader's digit grouping. */
export function count(value) {
  return Number.isFinite(value) ? numberFormat.format(value) : '–';
}

/** A date (ISO 8601 text or Date) in the reader's time zone; '–' when absent. */
export function dateTime(value) {
  if (!value) {
    return '–';
  }
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? String(value) : dateFormat.format(date);
}

/** A duration in milliseconds as "850 ms", "12.3 s", "4 min 05 s" or "2 h 03 min". */
export function duration(ms) {
  if (!Number.isFinite(ms) || ms < 0) {
    return '–';
  }
  if (ms < 1000) {
    return `${Math.round(ms)} ms`;
  }
  const seconds = ms / 1000;
  if (seconds < 60) {
    return `${seconds.toFixed(1)} s`;
  }
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) {
    return `${minutes} min ${String(Math.floor(seconds % 60)).padStart(2, '0')} s`;
  }
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}

/** A job's duration: from creation to its last update when ended, to now while it runs. */
export function jobDuration(job) {
  const start = Date.parse(job.createdAt);
  const end = isRunning(job.runtimeStatus) ? Date.now() : Date.parse(job.lastUpdatedAt);
  return duration(end - start);
}

/** A byte count as B, KB, MB or GB. */
export function bytes(value) {
  if (!Number.isFinite(value)) {
    return '–';
  }
  const units = ['B', 'KB', 'MB', 'GB'];
  let size = value;
  let unit = 0;
  while (size >= 1024 && unit < units.length - 1) {
    size /= 1024;
    unit += 1;
  }
  return unit === 0 ? `${size} B` : `${size.toFixed(1)} ${units[unit]}`;
}

/** A rate per second with one decimal. */
export function rate(value) {
  return Number.isFinite(value) ? `${value.toFixed(1)}` : '–';
}

const running = new Set(['Pending', 'Running', 'Suspended', 'ContinuedAsNew', 'Terminating']);

/** Whether a runtimeStatus means the job may still change. */
export function isRunning(runtimeStatus) {
  return running.has(runtimeStatus);
}

/** The CSS modifier of a runtimeStatus badge. */
export function statusClass(runtimeStatus) {
  switch (runtimeStatus) {
    case 'Completed':
      return 'ok';
    case 'Failed':
      return 'bad';
    case 'Terminated':
    case 'Canceled':
      return 'warn';
    default:
      return 'live';
  }
}
