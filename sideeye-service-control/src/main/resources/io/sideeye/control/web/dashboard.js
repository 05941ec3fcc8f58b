// The SideEye dashboard: one page over sideeye-client.js, no framework, no build step.
import { createSideEyeClient } from '/sideeye-client.js';
import { latencyChart, sparkline, formatMs } from '/assets/chart.js';

const client = createSideEyeClient();
const $ = (id) => document.getElementById(id);

const LABELS = {
  running: 'Running', starting: 'Starting', stopping: 'Stopping', stopped: 'Stopped', backoff: 'Restarting',
  failed: 'Failed', external: 'External', unhealthy: 'Unhealthy', unknown: 'Unknown', unattached: 'Not attached',
};
// Which instance state speaks for a service in the selector: the first one in this list.
const WORST_FIRST = ['failed', 'unhealthy', 'backoff', 'starting', 'stopping', 'stopped', 'unknown', 'external', 'running'];
const LATENCY_WINDOW_MS = 5 * 60 * 1000;
const MAX_LOG_LINES = 2000;
const MAX_EVENTS = 200;
const RESOURCE_SAMPLES = 60;

const view = {
  defaultService: null,  // from /ipc/services
  statuses: null,        // service -> [status of each instance], null when nothing is attached
  selected: null,        // the service the page shows
  fetchedAt: 0,          // when the statuses were fetched (uptime ticks from there)
  lastError: null,       // error of the selected service's last status update, or of the last request
  busy: null,            // the action in progress
  latency: new Map(),    // service -> [{t, v, ok}] of instance 1
  events: new Map(),     // service -> events, oldest first
  cpu: [],
  mem: [],
  following: true,
};

/** The API of the selected service (sideeye-client.js's forService). */
function selectedApi() {
  return view.selected ? client.forService(view.selected) : client;
}

function serviceNames() {
  return view.statuses ? Object.keys(view.statuses) : [];
}

/** The selected service's instance statuses ([] when unknown). */
function instances() {
  return view.statuses?.[view.selected] ?? [];
}

// ---------- status ----------

let refreshing = null;
let refreshAgain = false;

/** Fetches every service's status (one request, however many updates asked for it meanwhile). */
function refresh() {
  if (refreshing) {
    refreshAgain = true;
    return refreshing;
  }
  refreshing = (async () => {
    do {
      refreshAgain = false;
      const reply = await client.getServices();
      if (reply.success) {
        view.statuses = reply.data.services;
        view.defaultService = reply.data.default;
        view.fetchedAt = Date.now();
        if (!view.statuses[view.selected]) choose(wantedService(), false);
        seedLatency(instances()[0]?.lastHealthCheck);
      } else {
        view.statuses = null;
        view.lastError = reply.error;
      }
      renderServices();
      renderStatus();
    } while (refreshAgain);
    refreshing = null;
  })();
  return refreshing;
}

/** The service named in the address (#service=worker) if there is one, else the default one. */
function wantedService() {
  const named = new URLSearchParams(location.hash.slice(1)).get('service');
  return named && view.statuses?.[named] ? named : view.defaultService;
}

function displayState(s) {
  if (!s) return view.lastError && /not initialized/.test(view.lastError) ? 'unattached' : 'unknown';
  const state = s.state.toLowerCase();
  if ((state === 'running' || state === 'external') && s.lastHealthCheck && !s.lastHealthCheck.healthy) return 'unhealthy';
  return state;
}

function serviceState(statuses) {
  const states = statuses.map(displayState);
  return WORST_FIRST.find((state) => states.includes(state)) ?? states[0] ?? 'unknown';
}

function renderServices() {
  const nav = $('services');
  const names = serviceNames();
  nav.hidden = names.length < 2;
  if (nav.hidden) return;
  const buttons = names.map((name) => {
    const statuses = view.statuses[name];
    const state = serviceState(statuses);
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'svc';
    button.dataset.service = name;
    button.dataset.state = state;
    button.setAttribute('aria-pressed', String(name === view.selected));
    button.title = statuses.length > 1
      ? statuses.map((s, i) => `#${i + 1} ${LABELS[displayState(s)] ?? displayState(s)}`).join(' · ')
      : LABELS[state] ?? state;
    const dot = document.createElement('span');
    dot.className = 'svc-dot';
    const label = document.createElement('span');
    label.className = 'svc-name';
    label.textContent = name;
    const badge = document.createElement('span');
    badge.className = 'svc-state';
    badge.textContent = LABELS[state] ?? state;
    button.append(dot, label);
    if (statuses.length > 1) button.append(tag(`×${statuses.length}`, 'svc-count'));
    if (statuses[0]?.remote) button.append(tag('remote', 'tag tag-remote'));
    else if (statuses[0]?.external) button.append(tag('external', 'tag'));
    button.append(badge);
    button.addEventListener('click', () => choose(name, true));
    return button;
  });
  nav.replaceChildren(...buttons);
}

function tag(text, className) {
  const span = document.createElement('span');
  span.className = className;
  span.textContent = text;
  return span;
}

function renderStatus() {
  const all = instances();
  const s = all[0] ?? null;
  const state = displayState(s);
  const badge = $('badge');
  badge.dataset.state = state;
  $('badge-text').textContent = LABELS[state] ?? state;
  const several = serviceNames().length > 1;
  document.title = `${several ? `${view.selected}: ` : ''}${LABELS[state] ?? state} · SideEye`;
  $('service-name').textContent = several ? view.selected : 'Django backend';

  $('fact-pid').textContent = s?.pid ?? '—';
  $('fact-port').textContent = s?.port || '—';
  $('fact-attempts').textContent = s ? String(s.restartAttempts) : '—';
  $('fact-restarts').textContent = s ? String(all.reduce((sum, i) => sum + i.restartsTotal, 0)) : '—';
  $('fact-exit').textContent = s?.lastExit ? describeExit(s.lastExit) : '—';
  $('fact-exit').title = s?.lastExit ? new Date(s.lastExit.timestamp).toLocaleString() : '';
  const url = $('service-url');
  url.textContent = s?.url ?? 'no service attached';
  if (s?.url) url.href = s.url; else url.removeAttribute('href');
  $('service-external').hidden = !s?.external || s.remote;
  $('service-remote').hidden = !s?.remote;
  renderInstances(all);
  renderUptime();

  const error = s ? (['failed', 'backoff', 'unhealthy', 'stopped'].includes(state) ? (s.lastError ?? view.lastError) : null)
    : view.lastError;
  const box = $('status-error');
  box.hidden = !error;
  box.textContent = error ?? '';
  // Stop and restart of an external service would only pause its monitoring: offer the health check.
  renderButtons(s?.external && ['external', 'running', 'unhealthy'].includes(state) ? 'external' : state);
  $('console-target').textContent = several ? `calls go to ${view.selected}` : 'calls go through the manager';

  const p = s?.healthLatency;
  $('kpi-p50').textContent = p?.count ? formatMs(p.p50) : '—';
  $('kpi-p95').textContent = p?.count ? formatMs(p.p95) : '—';
}

/** One chip per instance of a replicated service: number, state, port and pid. */
function renderInstances(all) {
  const list = $('instances');
  list.hidden = all.length < 2;
  if (list.hidden) return;
  list.replaceChildren(...all.map((s, i) => {
    const state = displayState(s);
    const item = document.createElement('li');
    item.className = 'instance';
    item.dataset.state = state;
    item.dataset.instance = String(i + 1);
    item.append(tag(`#${i + 1}`, 'instance-number'), tag(LABELS[state] ?? state, 'instance-state'),
      tag(s.port ? `:${s.port}` : '', 'instance-detail'), tag(s.pid ? `pid ${s.pid}` : '', 'instance-detail'));
    return item;
  }));
}

function renderUptime() {
  const s = instances()[0];
  const running = s && (s.state === 'RUNNING' || s.state === 'EXTERNAL') && s.uptime > 0;
  $('fact-uptime').textContent = running ? formatDuration(s.uptime + (Date.now() - view.fetchedAt)) : '—';
}

function renderButtons(state) {
  const can = {
    start: ['stopped', 'failed'].includes(state),
    stop: ['running', 'starting', 'backoff', 'unhealthy', 'failed'].includes(state),
    restart: ['running', 'unhealthy', 'failed', 'backoff'].includes(state),
    healthCheck: ['running', 'unhealthy', 'external'].includes(state),
  };
  for (const button of document.querySelectorAll('[data-action]')) {
    const action = button.dataset.action;
    button.disabled = view.busy !== null || !can[action];
    button.setAttribute('aria-busy', String(view.busy === action));
  }
}

function describeExit(exit) {
  return exit.signal ? `${exit.signal} (${exit.code})` : `code ${exit.code}`;
}

function formatDuration(ms) {
  const s = Math.floor(ms / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  if (h) return `${h}h ${String(m).padStart(2, '0')}m`;
  if (m) return `${m}m ${String(sec).padStart(2, '0')}s`;
  return `${sec}s`;
}

// ---------- choosing a service ----------

/** Shows service `name`: status, health, resources, events, logs and the API console follow it. */
function choose(name, remember) {
  if (!name || name === view.selected) return;
  view.selected = name;
  view.lastError = null;
  if (remember) history.replaceState(null, '', `#service=${encodeURIComponent(name)}`);
  view.cpu.length = 0;
  view.mem.length = 0;
  $('action-result').textContent = '';
  $('api-result').hidden = true;
  $('kpi-last').textContent = latencyOf(name).at(-1) ? formatMs(latencyOf(name).at(-1).v) : '—';
  renderServices();
  renderStatus();
  renderEvents();
  drawLatency();
  reloadLogs();
  pollResources();
}

// ---------- actions ----------

const ACTION_DONE = { start: 'Started', stop: 'Stopped', restart: 'Restarted' };

async function runAction(action) {
  view.busy = action;
  renderButtons(displayState());
  const result = $('action-result');
  result.className = 'action-result';
  result.textContent = '';
  const started = performance.now();
  const reply = await selectedApi().djangoService[action]();
  const took = formatMs(performance.now() - started);
  view.busy = null;
  if (action === 'healthCheck') {
    const healthy = reply.success && reply.healthy;
    result.className = `action-result ${healthy ? 'ok' : 'bad'}`;
    result.textContent = healthy ? `Healthy · ${took}` : `Unhealthy${reply.error ? `: ${reply.error}` : ''}`;
  } else {
    result.className = `action-result ${reply.success ? 'ok' : 'bad'}`;
    result.textContent = reply.success ? `${ACTION_DONE[action]} in ${took}` : `${action} failed: ${reply.error}`;
  }
  await refresh();
}

for (const button of document.querySelectorAll('[data-action]')) {
  button.addEventListener('click', () => runAction(button.dataset.action));
}

// ---------- health latency ----------

function latencyOf(service) {
  if (!view.latency.has(service)) view.latency.set(service, []);
  return view.latency.get(service);
}

function seedLatency(check) {
  if (!check || !view.selected || latencyOf(view.selected).length) return;
  addLatency(view.selected, Date.parse(check.timestamp), check.latencyMs, check.healthy);
}

function addLatency(service, t, v, ok) {
  const points = latencyOf(service);
  points.push({ t, v, ok });
  const from = Date.now() - LATENCY_WINDOW_MS;
  while (points.length && points[0].t < from) points.shift();
  if (service === view.selected) {
    $('kpi-last').textContent = formatMs(v);
    drawLatency();
  }
}

function drawLatency() {
  latencyChart($('latency-chart'), view.selected ? latencyOf(view.selected) : [], LATENCY_WINDOW_MS);
}

// ---------- resources ----------

async function pollResources() {
  if (document.hidden || !view.selected) return;
  const service = view.selected;
  const reply = await selectedApi().getResources();
  if (service !== view.selected) return;
  const r = reply.success ? reply.resources : null;
  const cpu = r && r.rootPid ? r.cpuPercent : 0;
  const mem = r && r.rootPid ? r.residentBytes : 0;
  view.cpu.push(cpu);
  view.mem.push(mem / (1024 * 1024));
  for (const series of [view.cpu, view.mem]) while (series.length > RESOURCE_SAMPLES) series.shift();
  $('res-cpu').textContent = r?.rootPid ? `${cpu.toFixed(1)} %` : '—';
  $('res-mem').textContent = r?.rootPid ? `${(mem / (1024 * 1024)).toFixed(1)} MiB` : '—';
  $('res-procs').textContent = r?.rootPid ? `${r.processes} process${r.processes === 1 ? '' : 'es'}` : 'not running';
  sparkline($('cpu-chart'), view.cpu, 100);
  sparkline($('mem-chart'), view.mem, 64);
}

// ---------- logs ----------

const logBox = $('log');
const PROBLEM = /\b(ERROR|CRITICAL|FATAL|Traceback|Exception)\b/;
let pendingScroll = false;

function timeOf(timestamp) {
  const d = new Date(timestamp);
  return d.toLocaleTimeString([], { hour12: false }) + '.' + String(d.getMilliseconds()).padStart(3, '0');
}

function appendLog(entry) {
  logBox.querySelector('.log-empty')?.remove();
  const row = document.createElement('div');
  row.className = `log-line ${entry.stream}${PROBLEM.test(entry.line) ? ' problem' : ''}`;
  row.dataset.instance = String(entry.instance ?? 1);
  const time = document.createElement('span');
  time.className = 'log-time';
  time.textContent = timeOf(entry.timestamp);
  const stream = document.createElement('span');
  stream.className = 'log-stream';
  stream.textContent = (instances().length > 1 ? `#${entry.instance ?? 1} ` : '') + (entry.stream === 'stderr' ? 'err' : 'out');
  const text = document.createElement('span');
  text.className = 'log-text';
  text.textContent = entry.line;
  row.append(time, stream, text);
  logBox.appendChild(row);
  while (logBox.childElementCount > MAX_LOG_LINES) logBox.firstElementChild.remove();
  $('log-count').textContent = `${logBox.childElementCount} lines`;
  if (view.following && !pendingScroll) {
    pendingScroll = true;
    requestAnimationFrame(() => {
      pendingScroll = false;
      logBox.scrollTop = logBox.scrollHeight;
    });
  }
}

function onLog(entry) {
  if (entry.service === undefined || entry.service === view.selected) appendLog(entry);
}

async function reloadLogs() {
  const service = view.selected;
  logBox.classList.toggle('replicated', instances().length > 1);
  const reply = await selectedApi().getLogs(500);
  if (service !== view.selected) return;
  logBox.replaceChildren();
  if (reply.success && reply.lines.length) {
    reply.lines.forEach(appendLog);
  } else {
    const empty = document.createElement('div');
    empty.className = 'log-empty';
    empty.textContent = reply.success ? 'No output yet.' : 'Logs appear once a service is attached.';
    logBox.appendChild(empty);
    $('log-count').textContent = '';
  }
}

function setFollowing(on) {
  view.following = on;
  const button = $('log-follow');
  button.setAttribute('aria-pressed', String(on));
  button.textContent = on ? 'Following' : 'Paused';
  if (on) logBox.scrollTop = logBox.scrollHeight;
}

logBox.addEventListener('scroll', () => {
  const atBottom = logBox.scrollHeight - logBox.scrollTop - logBox.clientHeight < 8;
  if (atBottom !== view.following) setFollowing(atBottom);
});
$('log-follow').addEventListener('click', () => setFollowing(!view.following));
$('log-clear').addEventListener('click', () => {
  logBox.replaceChildren();
  $('log-count').textContent = '';
});

// ---------- events ----------

const TONES = {
  starting: 'warn', started: 'ok', stopping: 'warn', stopped: 'idle', restarting: 'orange', unhealthy: 'bad',
  error: 'bad', warning: 'orange', info: 'info', 'process-exit': 'bad', 'process-error': 'bad', 'api-error': 'bad',
};

function describeEvent(e) {
  switch (e.name) {
    case 'started': return `pid ${e.pid} · port ${e.port} · ready in ${formatMs(e.startupMs)}`;
    case 'restarting': return e.attempt ? `attempt ${e.attempt} · in ${formatMs(e.delayMs)}` : 'requested';
    case 'unhealthy': return e.error ?? `HTTP ${e.status}`;
    case 'error': return e.cause ? `${e.message} — ${e.cause}` : e.message;
    case 'warning': case 'info': case 'process-error': return e.message;
    case 'process-exit': return e.signal ? `${e.signal} · exit code ${e.code}` : `exit code ${e.code}`;
    case 'api-error': return `${e.method} ${e.endpoint} — ${e.error}`;
    default: return '';
  }
}

function eventItem(e) {
  const item = document.createElement('li');
  item.dataset.tone = e.name === 'process-exit' && !e.signal && e.code === 0 ? 'idle' : (TONES[e.name] ?? 'idle');
  item.dataset.event = e.name;
  const dot = document.createElement('span');
  dot.className = 'ev-dot';
  const body = document.createElement('div');
  const name = document.createElement('div');
  name.className = 'ev-name';
  name.textContent = e.name;
  if (instances().length > 1) name.append(tag(` #${e.instance}`, 'ev-instance'));
  const detail = document.createElement('div');
  detail.className = 'ev-detail';
  detail.textContent = describeEvent(e);
  body.append(name, detail);
  const time = document.createElement('span');
  time.className = 'ev-time';
  time.textContent = timeOf(e.timestamp).slice(0, 8);
  item.append(dot, body, time);
  return item;
}

function eventsOf(service) {
  if (!view.events.has(service)) view.events.set(service, []);
  return view.events.get(service);
}

/** The selected service's events, newest first. */
function renderEvents() {
  const items = eventsOf(view.selected).map(eventItem).reverse();
  if (items.length === 0) {
    const empty = document.createElement('li');
    empty.className = 'events-empty';
    empty.textContent = 'Lifecycle events appear here as they happen.';
    items.push(empty);
  }
  $('events').replaceChildren(...items);
}

function addEvent(e) {
  const kept = eventsOf(e.service);
  kept.push(e);
  if (kept.length > MAX_EVENTS) kept.shift();
  if (e.service !== view.selected) return;
  const list = $('events');
  list.querySelector('.events-empty')?.remove();
  list.prepend(eventItem(e));
  while (list.childElementCount > MAX_EVENTS) list.lastElementChild.remove();
}

function onServiceEvent(e) {
  if ((e.name === 'healthy' || e.name === 'unhealthy') && (e.instance ?? 1) === 1) {
    addLatency(e.service, Date.parse(e.timestamp), e.latencyMs, e.name === 'healthy');
  }
  if (e.name !== 'healthy') addEvent(e);
  refresh();
}

// ---------- API console ----------

const BODYLESS = new Set(['GET', 'DELETE']);

function highlightJson(value) {
  const text = JSON.stringify(value, null, 2) ?? 'null';
  const out = document.createDocumentFragment();
  const token = /("(?:\\.|[^"\\])*")(\s*:)?|\b(true|false)\b|\b(null)\b|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/g;
  let last = 0;
  for (const m of text.matchAll(token)) {
    out.append(text.slice(last, m.index));
    const span = document.createElement('span');
    span.className = m[1] ? (m[2] ? 'k' : 's') : m[3] ? 'b' : m[4] ? 'z' : 'n';
    span.textContent = m[1] ?? m[0];
    out.append(span);
    if (m[2]) out.append(m[2]);
    last = m.index + m[0].length;
  }
  out.append(text.slice(last));
  return out;
}

function updateBodyState() {
  const bodyless = BODYLESS.has($('api-method').value);
  $('api-body').disabled = bodyless;
  $('api-body').placeholder = bodyless ? 'No body for this method' : '';
}

$('api-method').addEventListener('change', updateBodyState);
$('console').addEventListener('submit', async (event) => {
  event.preventDefault();
  const method = $('api-method').value;
  const endpoint = $('api-endpoint').value.trim();
  const bodyError = $('api-body-error');
  let data = null;
  if (!BODYLESS.has(method) && $('api-body').value.trim()) {
    try {
      data = JSON.parse($('api-body').value);
    } catch (e) {
      bodyError.hidden = false;
      bodyError.textContent = `The body is not valid JSON: ${e.message}`;
      return;
    }
  }
  bodyError.hidden = true;
  const send = $('api-send');
  send.disabled = true;
  send.setAttribute('aria-busy', 'true');
  const started = performance.now();
  const reply = await selectedApi().callDjangoAPI(endpoint, method, data);
  const total = performance.now() - started;
  send.disabled = false;
  send.setAttribute('aria-busy', 'false');

  $('api-result').hidden = false;
  const chip = $('api-status');
  chip.textContent = reply.status ? `${reply.status}` : 'no answer';
  chip.className = `chip ${reply.success ? 'ok' : reply.status >= 400 && reply.status < 500 ? 'warn' : 'bad'}`;
  $('api-time').textContent = reply.durationMs !== undefined
    ? `${reply.durationMs} ms backend · ${formatMs(total)} total` : `${formatMs(total)}`;
  $('api-error').textContent = reply.success ? '' : (reply.error ?? '');
  $('api-response').replaceChildren(highlightJson(reply.success || reply.data ? reply.data : reply));
});
updateBodyState();

// ---------- wiring ----------

const CONN_TEXT = { open: 'Live', connecting: 'Connecting…', reconnecting: 'Reconnecting…', closed: 'Offline' };
let wasOpen = false;

client.events.onConnectionChange((state) => {
  $('conn').dataset.conn = state;
  $('conn-text').textContent = CONN_TEXT[state] ?? state;
  if (state === 'open') {
    if (wasOpen) reloadLogs();
    wasOpen = true;
    refresh();
  }
});
client.events.on('services', () => refresh());
client.events.on('django-service-status', (update) => {
  if (update.service === undefined || (update.service === view.selected && (update.instance ?? 1) === 1)) {
    view.lastError = update.error ?? null;
  }
  refresh();
});
client.events.on('service-event', onServiceEvent);
client.events.on('log', onLog);
window.addEventListener('hashchange', () => choose(wantedService(), false));

renderEvents();
refresh().then(() => {
  if (!view.selected) reloadLogs();
});
drawLatency();
setInterval(renderUptime, 1000);
setInterval(drawLatency, 5000);
setInterval(pollResources, 2000);
window.addEventListener('resize', () => {
  drawLatency();
  sparkline($('cpu-chart'), view.cpu, 100);
  sparkline($('mem-chart'), view.mem, 64);
});
