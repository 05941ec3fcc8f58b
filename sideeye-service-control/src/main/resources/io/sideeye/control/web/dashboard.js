// The SideEye dashboard: one page over sideeye-client.js, no framework, no build step.
import { createSideEyeClient } from '/sideeye-client.js';
import { latencyChart, sparkline, formatMs } from '/assets/chart.js';
import { $, tag } from '/assets/dom.js';
import { describeExit, displayState, formatDuration, label } from '/assets/states.js';
import { renderSelector } from '/assets/selector.js';
import { LogView } from '/assets/log-view.js';
import { EventList } from '/assets/event-list.js';
import { apiConsole } from '/assets/api-console.js';
import { refused, signIn, signOut } from '/assets/session.js';

const session = await signIn();
const client = createSideEyeClient(session ? { token: session } : {});

const LATENCY_WINDOW_MS = 5 * 60 * 1000;
const RESOURCE_SAMPLES = 60;

const view = {
  defaultService: null,  // from /ipc/services
  statuses: null,        // service -> [status of each instance], null when nothing is attached
  selected: null,        // the service the page shows
  fetchedAt: 0,          // when the statuses were fetched (uptime ticks from there)
  lastError: null,       // error of the selected service's last status update, or of the last request
  busy: null,            // the action in progress
  latency: new Map(),    // service -> [{t, v, ok}] of instance 1
  resources: new Map(),  // service -> {cpu: [%], mem: [MiB], last: the latest figures}, pushed every 2 s
};
const logs = new LogView($('log'), $('log-count'), $('log-follow'), $('log-clear'));
const events = new EventList($('events'));

/** The API of the selected service (sideeye-client.js's forService). */
function selectedApi() {
  return view.selected ? client.forService(view.selected) : client;
}

/** The selected service's instance statuses ([] when unknown). */
function instances() {
  return view.statuses?.[view.selected] ?? [];
}

function severalServices() {
  return Object.keys(view.statuses ?? {}).length > 1;
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
      } else if (refused(reply)) {
        showSignedOut();
      } else {
        view.statuses = null;
        view.lastError = reply.error;
      }
      renderSelector($('services'), view.statuses, view.selected, (name) => choose(name, true));
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

function renderStatus() {
  if (signedOut) return;
  const all = instances();
  const s = all[0] ?? null;
  const state = displayState(s, view.lastError);
  const badge = $('badge');
  badge.dataset.state = state;
  $('badge-text').textContent = label(state);
  document.title = `${severalServices() ? `${view.selected}: ` : ''}${label(state)} · SideEye`;
  $('service-name').textContent = severalServices() ? view.selected : 'Django backend';

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
  $('console-target').textContent = severalServices() ? `calls go to ${view.selected}` : 'calls go through the manager';

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
    item.append(tag(`#${i + 1}`, 'instance-number'), tag(label(state), 'instance-state'),
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

// ---------- choosing a service ----------

/** Shows service `name`: status, health, resources, events, logs and the API console follow it. */
function choose(name, remember) {
  if (!name || name === view.selected) return;
  view.selected = name;
  view.lastError = null;
  if (remember) history.replaceState(null, '', `#service=${encodeURIComponent(name)}`);
  $('action-result').textContent = '';
  $('api-result').hidden = true;
  $('kpi-last').textContent = latencyOf(name).at(-1) ? formatMs(latencyOf(name).at(-1).v) : '—';
  renderSelector($('services'), view.statuses, view.selected, (next) => choose(next, true));
  renderStatus();
  events.show(name, instances().length > 1);
  drawLatency();
  reloadLogs();
  renderResources();
}

// ---------- actions ----------

const ACTION_DONE = { start: 'Started', stop: 'Stopped', restart: 'Restarted' };

async function runAction(action) {
  view.busy = action;
  renderButtons(displayState(instances()[0], view.lastError));
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

function resourcesOf(service) {
  if (!view.resources.has(service)) view.resources.set(service, { cpu: [], mem: [], last: null });
  return view.resources.get(service);
}

/** A `resources` frame of the event stream: one service's CPU and memory, every 2 s. */
function onResources(frame) {
  const r = frame.resources;
  const series = resourcesOf(frame.service);
  series.last = r;
  series.cpu.push(r.rootPid ? r.cpuPercent : 0);
  series.mem.push(r.rootPid ? r.residentBytes / (1024 * 1024) : 0);
  for (const values of [series.cpu, series.mem]) while (values.length > RESOURCE_SAMPLES) values.shift();
  if (frame.service === view.selected) renderResources();
}

function renderResources() {
  const series = view.selected ? resourcesOf(view.selected) : { cpu: [], mem: [], last: null };
  const r = series.last;
  $('res-cpu').textContent = r?.rootPid ? `${r.cpuPercent.toFixed(1)} %` : '—';
  $('res-mem').textContent = r?.rootPid ? `${(r.residentBytes / (1024 * 1024)).toFixed(1)} MiB` : '—';
  $('res-procs').textContent = !r ? '—' : r.rootPid ? `${r.processes} process${r.processes === 1 ? '' : 'es'}`
    : 'not running';
  sparkline($('cpu-chart'), series.cpu, 100);
  sparkline($('mem-chart'), series.mem, 64);
}

// ---------- logs and events ----------

async function reloadLogs() {
  const service = view.selected;
  logs.setReplicated(instances().length > 1);
  const reply = await selectedApi().getLogs(500);
  if (service !== view.selected) return;
  const empty = !reply.success ? 'Logs appear once a service is attached.'
    : instances()[0]?.external ? 'This service runs elsewhere: its output is not seen here.' : 'No output yet.';
  logs.show(reply.success ? reply.lines : [], empty);
}

function onLog(entry) {
  if (entry.service === undefined || entry.service === view.selected) logs.append(entry);
}

function onServiceEvent(e) {
  if ((e.name === 'healthy' || e.name === 'unhealthy') && (e.instance ?? 1) === 1) {
    addLatency(e.service, Date.parse(e.timestamp), e.latencyMs, e.name === 'healthy');
  }
  if (e.name !== 'healthy') events.add(e);
  refresh();
}

// ---------- wiring ----------

apiConsole((endpoint, method, data) => selectedApi().callDjangoAPI(endpoint, method, data));

const CONN_TEXT = { open: 'Live', connecting: 'Connecting…', reconnecting: 'Reconnecting…', closed: 'Offline',
  'signed-out': 'Signed out' };
let wasOpen = false;
let signedOut = false;

/** This tab has no valid session: say how to get one, and stop talking to the server. */
function showSignedOut() {
  signedOut = true;
  signOut();
  $('conn').dataset.conn = 'signed-out';
  $('conn-text').textContent = CONN_TEXT['signed-out'];
  const box = $('status-error');
  box.hidden = false;
  box.textContent = 'This tab is not signed in (a dashboard link works once, in one tab). Open a new dashboard'
    + ' link: sideeye prints one at startup.';
  for (const button of document.querySelectorAll('[data-action]')) button.disabled = true;
}

if (session) {
  client.events.onConnectionChange((state) => {
    if (signedOut) return;
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
  client.events.on('resources', onResources);
}
window.addEventListener('hashchange', () => choose(wantedService(), false));

if (!session) showSignedOut();
events.show(null, false);
refresh().then(() => {
  if (!view.selected) reloadLogs();
});
drawLatency();
setInterval(renderUptime, 1000);
setInterval(drawLatency, 5000);
window.addEventListener('resize', () => {
  drawLatency();
  renderResources();
});
