// Pyrometer web UI: plain JS, no external code, so it works offline. The token lives in
// sessionStorage and travels only in the Authorization header, never in a URL.
'use strict';

const TOKEN_KEY = 'pyrometer.token';
const TERMINAL = new Set(['done', 'failed']);
const $ = (sel) => document.querySelector(sel);
let hostFilter = null;
let refreshTimer = null;
const watching = new Map(); // profile id -> element showing its progress
let viewerUrl = null;
const refreshers = []; // more lists to reload with the others (jobs.js adds one)

function token() { return sessionStorage.getItem(TOKEN_KEY); }

async function api(path, options = {}) {
  const headers = Object.assign({ 'Authorization': 'Bearer ' + token() }, options.headers || {});
  const response = await fetch('/api/v1' + path, Object.assign({}, options, { headers }));
  if (response.status === 401) {
    signOut('The token was refused.');
    throw new Error('unauthorized');
  }
  if (!response.ok) {
    let message = response.status + ' ' + response.statusText;
    try { message = (await response.json()).error || message; } catch (e) { /* not JSON */ }
    throw new Error(message);
  }
  return response;
}

const json = async (path, options) => (await api(path, options)).json();

function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') e.className = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else if (v !== null && v !== undefined) e.setAttribute(k, v);
  }
  for (const c of children) e.append(c instanceof Node ? c : document.createTextNode(c ?? ''));
  return e;
}

const num = (v) => el('td', { class: 'num' }, v);
const bytes = (b) => b == null ? '' : b >= 1 << 30 ? (b / (1 << 30)).toFixed(1) + ' GiB' : (b / (1 << 20)).toFixed(0) + ' MiB';
function uptime(ms) {
  if (ms == null) return '';
  const s = Math.floor(ms / 1000);
  if (s < 120) return s + ' s';
  if (s < 7200) return Math.floor(s / 60) + ' min';
  return (s / 3600).toFixed(1) + ' h';
}
const when = (iso) => iso ? new Date(iso).toLocaleString() : '';

// ---- sign in / out ------------------------------------------------------------------------

async function signIn(event) {
  event.preventDefault();
  sessionStorage.setItem(TOKEN_KEY, $('#token').value.trim());
  $('#token').value = '';
  try {
    await api('/hosts');
    showApp();
  } catch (e) {
    if (e.message !== 'unauthorized') $('#login-error').textContent = e.message;
  }
}

function signOut(message) {
  sessionStorage.removeItem(TOKEN_KEY);
  clearInterval(refreshTimer);
  $('#app').hidden = true;
  $('#logout').hidden = true;
  $('#login-panel').hidden = false;
  $('#login-error').textContent = message || '';
}

function showApp() {
  $('#login-panel').hidden = true;
  $('#app').hidden = false;
  $('#logout').hidden = false;
  $('#login-error').textContent = '';
  refresh();
  clearInterval(refreshTimer);
  refreshTimer = setInterval(refresh, 5000);
}

async function refresh() {
  await Promise.allSettled([loadHosts(), loadJvms(), loadProfiles(), ...refreshers.map((f) => f())]);
}

// ---- hosts and JVMs -------------------------------------------------------------------------

async function loadHosts() {
  const hosts = await json('/hosts');
  const body = $('#hosts tbody');
  body.replaceChildren(...hosts.map((h) => el('tr', { class: h.status, 'data-host': h.host },
    el('td', {}, el('a', { href: '#', onclick: (e) => { e.preventDefault(); filterHost(h.host); } }, h.host)),
    el('td', { class: 'status-' + h.status }, h.status),
    el('td', {}, when(h.last_seen)), num(h.cores), num(bytes(h.mem_total_bytes)), num(h.jvm_count))));
}

function filterHost(host) {
  hostFilter = hostFilter === host ? null : host;
  $('#jvm-filter').textContent = hostFilter ? 'on ' + hostFilter + ' (click the host again for all)' : '';
  loadJvms();
}

async function loadJvms() {
  const jvms = await json('/jvms' + (hostFilter ? '?host=' + encodeURIComponent(hostFilter) : ''));
  const body = $('#jvms tbody');
  body.replaceChildren(...jvms.map(jvmRow));
}

function jvmRow(j) {
  const duration = el('select', { class: 'duration', 'aria-label': 'duration' },
    ...['10s', '30s', '60s', '2m', '5m'].map((d) => el('option', d === '30s' ? { selected: '' } : {}, d)));
  const eventSel = el('select', { class: 'event', 'aria-label': 'event' },
    ...['cpu', 'wall', 'alloc', 'lock', 'itimer', 'ctimer'].map((e) => el('option', {}, e)));
  const progress = el('span', { class: 'progress' });
  const offline = j.host_status !== 'online';
  const button = el('button', {
    class: 'profile-btn', 'data-host': j.host, 'data-pid': j.pid,
    title: offline ? 'host offline' : (j.attachable ? '' : j.not_attachable_reason),
    onclick: () => startProfile(j, duration.value, eventSel.value, progress),
  }, 'Profile');
  button.disabled = offline || j.attachable === false;
  return el('tr', { class: offline ? 'offline' : '' },
    el('td', {}, j.host), num(j.pid), el('td', {}, j.main_class), el('td', {}, j.app), el('td', {}, j.release),
    num(j.cpu_percent == null ? '' : j.cpu_percent.toFixed(1)), num(bytes(j.rss_bytes)), num(uptime(j.uptime_ms)),
    el('td', {}, duration, ' ', eventSel, ' ', button, progress));
}

// ---- profiles --------------------------------------------------------------------------------

async function startProfile(jvm, duration, event, progress) {
  progress.textContent = 'requesting…';
  progress.className = 'progress';
  try {
    const { id } = await json('/profiles', {
      method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ host: jvm.host, pid: jvm.pid, duration, event }),
    });
    progress.dataset.profile = id;
    watch(id, progress);
  } catch (e) {
    progress.textContent = e.message;
    progress.className = 'progress error';
  }
}

// Live progress by polling the profile once a second until it ends.
async function watch(id, progress) {
  watching.set(id, progress);
  const cancel = el('button', { class: 'cancel-btn', onclick: async () => {
    cancel.disabled = true;
    try { await api('/profiles/' + encodeURIComponent(id) + '/cancel', { method: 'POST' }); }
    catch (e) { progress.textContent = e.message; }
  } }, 'Stop');
  progress.after(cancel);
  while (watching.get(id) === progress) {
    let p;
    try {
      p = await json('/profiles/' + encodeURIComponent(id));
    } catch (e) {
      progress.textContent = e.message;
      cancel.remove();
      break;
    }
    progress.textContent = p.state + (p.samples ? ' · ' + p.samples + ' samples' : '') + (p.error ? ' · ' + p.error : '');
    progress.className = 'progress state-' + p.state;
    if (TERMINAL.has(p.state)) {
      watching.delete(id);
      cancel.remove();
      loadProfiles();
      if (p.state === 'done') showProfile(p);
      break;
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
}

function profileQuery() {
  const params = new URLSearchParams();
  for (const [k, v] of new FormData($('#filters'))) if (v) params.set(k, v);
  const q = params.toString();
  return q ? '?' + q : '';
}

async function loadProfiles() {
  const profiles = await json('/profiles' + profileQuery());
  const checked = new Set([...document.querySelectorAll('#profiles input:checked')].map((c) => c.value));
  $('#profiles tbody').replaceChildren(...profiles.map((p) => el('tr', { 'data-profile': p.id },
    el('td', {}, el('input', Object.assign({ type: 'checkbox', value: p.id, onchange: updateCompare },
      checked.has(p.id) ? { checked: '' } : {}))),
    el('td', {}, p.id), el('td', {}, p.host), num(p.pid), el('td', {}, p.app), el('td', {}, p.release),
    el('td', {}, p.event), el('td', { class: 'state-' + p.state, title: p.error || '' }, p.state),
    num(p.samples ?? ''), el('td', {}, when(p.created)),
    el('td', {}, p.state === 'done' ? el('button', { class: 'view-btn', onclick: () => showProfile(p) }, 'View') : ''))));
  updateCompare();
}

function updateCompare() {
  $('#compare').disabled = document.querySelectorAll('#profiles input:checked').length !== 2;
}

async function compare() {
  const [base, next] = [...document.querySelectorAll('#profiles input:checked')].map((c) => c.value);
  try {
    const response = await api('/diff', {
      method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ base: [base], new: [next] }),
    });
    showHtml('Differential: ' + base + ' → ' + next, await response.blob(), []);
  } catch (e) {
    showHtml('Differential: ' + base + ' → ' + next + ' failed: ' + e.message, null, []);
  }
}

async function showProfile(p) {
  const links = ['flamegraph.html', 'flamegraph.svg', 'collapsed', 'recording.jfr'].map((name) => ({ id: p.id, name }));
  try {
    const response = await api('/profiles/' + encodeURIComponent(p.id) + '/flamegraph.html');
    showHtml(p.id + ' · ' + p.host + ' pid ' + p.pid + ' · ' + p.event, await response.blob(), links);
  } catch (e) {
    showHtml(p.id + ': ' + e.message, null, links);
  }
}

function showHtml(title, blob, links) {
  $('#viewer').hidden = false;
  $('#viewer-title').textContent = title;
  $('#downloads').replaceChildren(...links.map((l) => el('a', {
    class: 'download', href: '#', onclick: (e) => { e.preventDefault(); download(l.id, l.name); },
  }, l.name)));
  if (viewerUrl) URL.revokeObjectURL(viewerUrl);
  viewerUrl = blob ? URL.createObjectURL(new Blob([blob], { type: 'text/html' })) : 'about:blank';
  $('#flamegraph').src = viewerUrl;
  $('#viewer').scrollIntoView();
}

// Artifact links are fetched with the header, then handed to the browser as a file.
async function download(id, name) {
  const response = await api('/profiles/' + encodeURIComponent(id) + '/' + name);
  const url = URL.createObjectURL(await response.blob());
  const a = el('a', { href: url, download: id + '-' + name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

$('#login-form').addEventListener('submit', signIn);
$('#logout').addEventListener('click', () => signOut());
$('#filters').addEventListener('submit', (e) => { e.preventDefault(); loadProfiles(); });
$('#compare').addEventListener('click', compare);
if (token()) showApp();
