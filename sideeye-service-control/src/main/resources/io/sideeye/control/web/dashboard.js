// The SideEye dashboard: one page over sideeye-client.js, no framework, no build step.
import { createSideEyeClient } from '/sideeye-client.js';
import { latencyChart, sparkline, formatMs } from '/assets/chart.js';

const client = createSideEyeClient();
const $ = (id) => document.getElementById(id);

const LABELS = {
  running: 'Running', starting: 'Starting', stopping: 'Stopping', stopped: 'Stopped', backoff: 'Restarting',
  failed: 'Failed', external: 'External', unhealthy: 'Unhealthy', unknown: 'Unknown', unattached: 'Not attached',
};
const LATENCY_WINDOW_MS = 5 * 60 * 1000;
const MAX_LOG_LINES = 2000;
const MAX_EVENTS = 200;
const RESOURCE_SAMPLES = 60;

const view = {
  status: null,          // the last getStatus() status
  fetchedAt: 0,          // when it was fetched (uptime ticks from there)
  lastError: null,       // error of the last django-service-status update or status request
  busy: null,            // the action in progress
  latency: [],           // {t, v, ok}
  cpu: [],
  mem: [],
  following: true,
};

// ---------- status ----------

let refreshing = null;
let refreshAgain = false;

function refreshStatus() {
  if (refreshing) {
    refreshAgain = true;
    return refreshing;
  }
  refreshing = (async () => {
    do {
      refreshAgain = false;
      const reply = await client.djangoService.getStatus();
      if (reply.success) {
        view.status = reply.status;
        view.fetchedAt = Date.now();
        seedLatency(reply.status.lastHealthCheck);
      } else {
        view.status = null;
        view.lastError = reply.error;
      }
      renderStatus();
    } while (refreshAgain);
    refreshing = null;
  })();
  return refreshing;
}

function displayState() {
  const s = view.status;
  if (!s) return view.lastError && /not initialized/.test(view.lastError) ? 'unattached' : 'unknown';
  const state = s.state.toLowerCase();
  if ((state === 'running' || state === 'external') && s.lastHealthCheck && !s.lastHealthCheck.healthy) return 'unhealthy';
  return state;
}

function renderStatus() {
  const s = view.status;
  const state = displayState();
  const badge = $('badge');
  badge.dataset.state = state;
  $('badge-text').textContent = LABELS[state] ?? state;
  document.title = `${LABELS[state] ?? state} · SideEye`;

  $('fact-pid').textContent = s?.pid ?? '—';
  $('fact-port').textContent = s?.port || '—';
  $('fact-attempts').textContent = s ? String(s.restartAttempts) : '—';
  $('fact-restarts').textContent = s ? String(s.restartsTotal) : '—';
  $('fact-exit').textContent = s?.lastExit ? describeExit(s.lastExit) : '—';
  $('fact-exit').title = s?.lastExit ? new Date(s.lastExit.timestamp).toLocaleString() : '';
  const url = $('service-url');
  url.textContent = s?.url ?? 'no service attached';
  if (s?.url) url.href = s.url; else url.removeAttribute('href');
  renderUptime();

  const error = s ? (['failed', 'backoff', 'unhealthy', 'stopped'].includes(state) ? (s.lastError ?? view.lastError) : null)
    : view.lastError;
  const box = $('status-error');
  box.hidden = !error;
  box.textContent = error ?? '';
  renderButtons(state);

  const p = s?.healthLatency;
  $('kpi-p50').textContent = p?.count ? formatMs(p.p50) : '—';
  $('kpi-p95').textContent = p?.count ? formatMs(p.p95) : '—';
}

function renderUptime() {
  const s = view.status;
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

// ---------- actions ----------

const ACTION_DONE = { start: 'Started', stop: 'Stopped', restart: 'Restarted' };

async function runAction(action) {
  view.busy = action;
  renderButtons(displayState());
  const result = $('action-result');
  result.className = 'action-result';
  result.textContent = '';
  const started = performance.now();
  const reply = await client.djangoService[action]();
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
  await refreshStatus();
}

for (const button of document.querySelectorAll('[data-action]')) {
  button.addEventListener('click', () => runAction(button.dataset.action));
}

// ---------- health latency ----------

function seedLatency(check) {
  if (!check || view.latency.length) return;
  addLatency(Date.parse(check.timestamp), check.latencyMs, check.healthy);
}

function addLatency(t, v, ok) {
  view.latency.push({ t, v, ok });
  const from = Date.now() - LATENCY_WINDOW_MS;
  while (view.latency.length && view.latency[0].t < from) view.latency.shift();
  $('kpi-last').textContent = formatMs(v);
  drawLatency();
}

function drawLatency() {
  latencyChart($('latency-chart'), view.latency, LATENCY_WINDOW_MS);
}

// ---------- resources ----------

async function pollResources() {
  if (document.hidden) return;
  const reply = await client.getResources();
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
  const time = document.createElement('span');
  time.className = 'log-time';
  time.textContent = timeOf(entry.timestamp);
  const stream = document.createElement('span');
  stream.className = 'log-stream';
  stream.textContent = entry.stream === 'stderr' ? 'err' : 'out';
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

async function reloadLogs() {
  const reply = await client.getLogs(500);
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

function addEvent(e) {
  const list = $('events');
  list.querySelector('.events-empty')?.remove();
  const item = document.createElement('li');
  item.dataset.tone = e.name === 'process-exit' && !e.signal && e.code === 0 ? 'idle' : (TONES[e.name] ?? 'idle');
  item.dataset.event = e.name;
  const dot = document.createElement('span');
  dot.className = 'ev-dot';
  const body = document.createElement('div');
  const name = document.createElement('div');
  name.className = 'ev-name';
  name.textContent = e.name;
  const detail = document.createElement('div');
  detail.className = 'ev-detail';
  detail.textContent = describeEvent(e);
  body.append(name, detail);
  const time = document.createElement('span');
  time.className = 'ev-time';
  time.textContent = timeOf(e.timestamp).slice(0, 8);
  item.append(dot, body, time);
  list.prepend(item);
  while (list.childElementCount > MAX_EVENTS) list.lastElementChild.remove();
}

function onServiceEvent(e) {
  if (e.name === 'healthy' || e.name === 'unhealthy') {
    addLatency(Date.parse(e.timestamp), e.latencyMs, e.name === 'healthy');
  }
  if (e.name !== 'healthy') addEvent(e);
  refreshStatus();
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
  const reply = await client.callDjangoAPI(endpoint, method, data);
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
    refreshStatus();
  }
});
client.djangoService.onStatusUpdate((update) => {
  view.lastError = update.error ?? null;
  refreshStatus();
});
client.events.on('service-event', onServiceEvent);
client.events.on('log', appendLog);

const events = $('events');
const empty = document.createElement('li');
empty.className = 'events-empty';
empty.textContent = 'Lifecycle events appear here as they happen.';
events.appendChild(empty);

refreshStatus();
reloadLogs();
drawLatency();
pollResources();
setInterval(renderUptime, 1000);
setInterval(drawLatency, 5000);
setInterval(pollResources, 2000);
window.addEventListener('resize', () => {
  drawLatency();
  sparkline($('cpu-chart'), view.cpu, 100);
  sparkline($('mem-chart'), view.mem, 64);
});
