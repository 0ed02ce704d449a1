// The dashboard's router: #/jobs (the list), #/new (the form), #/jobs/{id} (a job's page).
import { clearError } from './notices.js';
import { jobsView } from './jobs-view.js';
import { newJobView } from './new-job-view.js';
import { jobView } from './job-view.js';

const root = document.getElementById('view');
let current = null;

function route() {
  const hash = window.location.hash || '#/jobs';
  const job = /^#\/jobs\/([^/?#]+)$/.exec(hash);
  if (job) {
    return { name: 'jobs', view: () => jobView(decodeURIComponent(job[1])) };
  }
  if (hash === '#/new') {
    return { name: 'new', view: newJobView };
  }
  return { name: 'jobs', view: jobsView };
}

function show() {
  current?.dispose?.();
  clearError();
  const { name, view } = route();
  for (const link of document.querySelectorAll('[data-nav]')) {
    link.classList.toggle('active', link.dataset.nav === name && !/^#\/jobs\/./.test(window.location.hash));
  }
  current = view();
  root.replaceChildren(current.element);
  window.scrollTo(0, 0);
}

window.addEventListener('hashchange', show);
show();
