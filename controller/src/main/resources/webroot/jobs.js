// Jobs: list, create, pause/resume/delete, and a job's recent runs. Uses api/json/el/$ from app.js.
'use strict';

let shownJob = null;
const CRON = /^\S+\s+\S+\s+\S+\s+\S+\s+\S+$/;

async function loadJobs() {
  const jobs = await json('/jobs');
  $('#jobs tbody').replaceChildren(...jobs.map((j) => el('tr', { 'data-job': j.id },
    el('td', {}, el('a', { href: '#', onclick: (e) => { e.preventDefault(); showRuns(j.id); } }, j.id)),
    el('td', {}, j.name), el('td', {}, selector(j.selector)), el('td', {}, j.every ? 'every ' + j.every : j.cron),
    el('td', {}, j.duration + ' ' + j.event), el('td', {}, j.paused ? 'paused' : when(j.next_run)),
    el('td', {},
      el('button', { class: 'job-toggle', onclick: () => jobAction(j.id, j.paused ? 'resume' : 'pause') },
        j.paused ? 'Resume' : 'Pause'), ' ',
      el('button', { class: 'job-delete', onclick: () => deleteJob(j.id) }, 'Delete')))));
  if (shownJob) showRuns(shownJob);
}

function selector(s) {
  const parts = [s.app ? 'app ' + s.app : 'any app', 'host ' + s.host];
  for (const [k, v] of Object.entries(s.labels || {})) parts.push(k + '=' + v);
  return parts.join(', ');
}

async function createJob(event) {
  event.preventDefault();
  const form = new FormData($('#job-form'));
  const body = {};
  for (const [k, v] of form) if (v) body[k] = v;
  const schedule = body.schedule.trim();
  delete body.schedule;
  body[CRON.test(schedule) ? 'cron' : 'every'] = schedule;
  if (body.max_concurrent) body.max_concurrent = Number(body.max_concurrent);
  $('#job-error').textContent = '';
  try {
    await json('/jobs', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    $('#job-form').reset();
    loadJobs();
  } catch (e) {
    $('#job-error').textContent = e.message;
  }
}

async function jobAction(id, action) {
  await api('/jobs/' + encodeURIComponent(id) + '/' + action, { method: 'POST' });
  loadJobs();
}

async function deleteJob(id) {
  if (!confirm('Delete job ' + id + '? Its profiles stay until retention removes them.')) return;
  await api('/jobs/' + encodeURIComponent(id), { method: 'DELETE' });
  if (shownJob === id) { shownJob = null; $('#job-runs').hidden = true; }
  loadJobs();
}

async function showRuns(id) {
  shownJob = id;
  const job = await json('/jobs/' + encodeURIComponent(id));
  $('#job-runs-title').textContent = 'Recent runs of ' + (job.name || job.id);
  $('#job-runs tbody').replaceChildren(...job.runs.map((r) => el('tr', {},
    el('td', {}, when(r.time)), el('td', { class: 'state-' + r.state }, r.state),
    el('td', {}, ...r.profiles.map((p) => el('a', { href: '#', class: 'run-profile',
      onclick: async (e) => { e.preventDefault(); showProfile(await json('/profiles/' + encodeURIComponent(p))); } }, p + ' '))),
    el('td', {}, r.reason))));
  $('#job-runs').hidden = false;
}

$('#job-form').addEventListener('submit', createJob);
refreshers.push(loadJobs);
