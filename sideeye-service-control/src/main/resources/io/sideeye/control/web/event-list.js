// The lifecycle events of every service, kept apart, showing the chosen service's newest first.
import { formatMs } from '/assets/chart.js';
import { tag, timeOf } from '/assets/dom.js';

const MAX_EVENTS = 200;
const TONES = {
  starting: 'warn', started: 'ok', stopping: 'warn', stopped: 'idle', restarting: 'orange', unhealthy: 'bad',
  error: 'bad', warning: 'orange', info: 'info', 'process-exit': 'bad', 'process-error': 'bad', 'api-error': 'bad',
};

function describe(e) {
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

export class EventList {
  constructor(list) {
    this.list = list;
    this.byService = new Map();
    this.service = null;
    this.replicated = false;
  }

  /** Shows the events of `service`; `replicated` adds each event's instance. */
  show(service, replicated) {
    this.service = service;
    this.replicated = replicated;
    const items = this.of(service).map((e) => this.item(e)).reverse();
    if (items.length === 0) {
      const empty = document.createElement('li');
      empty.className = 'events-empty';
      empty.textContent = 'Lifecycle events appear here as they happen.';
      items.push(empty);
    }
    this.list.replaceChildren(...items);
  }

  /** Keeps event `e` of its service, and shows it when that service is shown. */
  add(e) {
    const kept = this.of(e.service);
    kept.push(e);
    if (kept.length > MAX_EVENTS) kept.shift();
    if (e.service !== this.service) return;
    this.list.querySelector('.events-empty')?.remove();
    this.list.prepend(this.item(e));
    while (this.list.childElementCount > MAX_EVENTS) this.list.lastElementChild.remove();
  }

  of(service) {
    if (!this.byService.has(service)) this.byService.set(service, []);
    return this.byService.get(service);
  }

  item(e) {
    const item = document.createElement('li');
    item.dataset.tone = e.name === 'process-exit' && !e.signal && e.code === 0 ? 'idle' : (TONES[e.name] ?? 'idle');
    item.dataset.event = e.name;
    const dot = document.createElement('span');
    dot.className = 'ev-dot';
    const body = document.createElement('div');
    const name = document.createElement('div');
    name.className = 'ev-name';
    name.textContent = e.name;
    if (this.replicated) name.append(tag(` #${e.instance}`, 'ev-instance'));
    const detail = document.createElement('div');
    detail.className = 'ev-detail';
    detail.textContent = describe(e);
    body.append(name, detail);
    const time = document.createElement('span');
    time.className = 'ev-time';
    time.textContent = timeOf(e.timestamp).slice(0, 8);
    item.append(dot, body, time);
    return item;
  }
}
