/**
 * sideeye-client.js — the renderer-side API of the SideEye control server.
 *
 * Gives a web page (a browser tab, an Electron renderer, a JavaFX WebView) the SideEye desktop
 * app's renderer API: `djangoService.start/stop/restart/getStatus/healthCheck/onStatusUpdate`
 * and `callDjangoAPI`, with the same result objects (`{success: true, ...}` or
 * `{success: false, error}`). Promises never reject: an unreachable control server is reported
 * as `{success: false, error}` too.
 *
 *   import { createSideEyeClient } from '/sideeye-client.js';
 *   const sideEye = createSideEyeClient({ token });        // the control token, or a dashboard session
 *   const off = sideEye.djangoService.onStatusUpdate(s => console.log(s.status, s.error));
 *   await sideEye.djangoService.start();
 *   const notes = await sideEye.callDjangoAPI('/notes/', 'GET');
 *
 * A control server may run several services (a ServiceGroup). The client's own methods address
 * the default service, exactly as the seed's did; `forService(name)` returns the same API for
 * another one, and `getServices()` lists them all:
 *
 *   const worker = sideEye.forService('worker');
 *   await worker.djangoService.restart();                  // every instance of the worker
 *   worker.djangoService.onStatusUpdate(s => console.log('worker', s.status));
 *
 * Events arrive over one streamed `GET /ipc/events` per client (Server-Sent Events read with
 * `fetch`, so a bearer token can be sent, which `EventSource` cannot), shared by `forService`
 * views. The stream is opened on the first listener, closed after the last one, and reconnected
 * by itself with backoff after the control server restarts or the connection goes silent.
 */

const STATUS_EVENT = 'django-service-status';
const RESOURCES_EVENT = 'resources'; // pushed only on a stream opened with ?resources=1
const SESSION_KEY = 'sideeye.session'; // where session.js keeps this tab's sign-in

/** The dashboard session this tab signed in with (session.js), or null outside a browser tab. */
function tabSession() {
  try {
    return globalThis.sessionStorage?.getItem(SESSION_KEY) ?? null;
  } catch (e) {
    return null; // storage refused (an opaque origin, a sandboxed frame)
  }
}
const SERVICES_EVENT = 'services';

/**
 * Creates a client.
 *
 * @param {object} [options]
 * @param {string} [options.baseUrl]  the control server, e.g. 'http://127.0.0.1:8765'; default: this page's origin
 * @param {string} [options.token]    the control token (or a dashboard session, see session.js), sent as a
 *                                    bearer token; default: on a page of the control server itself (no
 *                                    baseUrl), the session this tab signed in with, if any; without
 *                                    one, requests carry no credential and get 401
 * @param {number} [options.reconnectDelayMs]     first reconnection delay (default 1000, doubling)
 * @param {number} [options.maxReconnectDelayMs]  reconnection delay cap (default 10000)
 * @param {number} [options.silenceTimeoutMs]     reconnect when nothing (not even a heartbeat) arrived for this long (default 45000)
 * @param {typeof fetch} [options.fetch]          fetch implementation (default: the global one)
 */
export function createSideEyeClient(options = {}) {
  const base = (options.baseUrl ?? '').replace(/\/+$/, '');
  const token = options.token ?? (options.baseUrl == null ? tabSession() : null);
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const headers = token ? { Authorization: `Bearer ${token}` } : {};
  const credentials = token ? 'omit' : 'same-origin';

  async function request(path, method, body) {
    const init = { method, headers: { ...headers }, credentials, cache: 'no-store' };
    if (body !== undefined) {
      init.headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    let response;
    try {
      response = await doFetch(base + path, init);
    } catch (e) {
      return { success: false, error: `control server unreachable: ${e.message ?? e}` };
    }
    try {
      return await response.json();
    } catch (e) {
      return { success: false, error: `HTTP ${response.status} from the control server` };
    }
  }

  const stream = new EventStream(base + '/ipc/events', doFetch, headers, credentials, options);

  /** The API of one service: `service` names it, null addresses the default service. */
  function serviceApi(service) {
    const scope = service == null ? [] : [`service=${encodeURIComponent(service)}`];
    const route = (path, ...params) => {
      const query = [...params, ...scope].join('&');
      return query ? `${path}?${query}` : path;
    };
    // Whether a frame concerns this service; frames without one (nothing attached) concern all.
    const about = (payload) => {
      if (payload?.service === undefined) return true;
      const target = service ?? stream.defaultService;
      return target == null || payload.service === target;
    };
    return {
      djangoService: {
        /** Starts the service (every instance); resolves `{success}` once it is healthy or failed. */
        start: () => request(route('/ipc/django-service-start'), 'POST'),
        /** Stops the service (every instance); resolves `{success}` once the process trees are gone. */
        stop: () => request(route('/ipc/django-service-stop'), 'POST'),
        /** Restarts the service (every instance). */
        restart: () => request(route('/ipc/django-service-restart'), 'POST'),
        /** `{success, status}` with the full status of instance 1 (and `instances` for a replicated service). */
        getStatus: () => request(route('/ipc/django-service-status'), 'GET'),
        /** `{success, healthy}` after one immediate health check of every instance. */
        healthCheck: () => request(route('/ipc/django-service-health-check'), 'POST'),
        /**
         * Calls `callback({status, error, service, instance})` for every status change of
         * instance 1 (starting, started, stopping, stopped, restarting, unhealthy, error) —
         * first with the current status. Returns the function that unsubscribes.
         */
        onStatusUpdate: (callback) => stream.on(STATUS_EVENT, callback,
          (payload) => about(payload) && (payload.instance ?? 1) === 1),
      },

      /**
       * Calls the service's API (round-robin over the healthy instances of a replicated one);
       * resolves the ApiResponse envelope `{success, status, data, error, durationMs}`.
       */
      callDjangoAPI: (endpoint, method = 'GET', data = null) =>
        request('/ipc/django-api-call', 'POST', service == null ? { endpoint, method, data }
          : { endpoint, method, data, service }),

      /** The last `n` output lines: `{success, lines: [{timestamp, stream, line, instance}]}`. */
      getLogs: (n = 100) => request(route('/ipc/logs', `n=${encodeURIComponent(n)}`), 'GET'),

      /**
       * CPU and memory of the service's process trees: `{success, resources}`. To follow them,
       * listen to 'resources' instead (`events.on('resources', ...)`): the server pushes them.
       */
      getResources: () => request(route('/ipc/django-service-resources'), 'GET'),

      events: {
        /** Like the client's `events.on`, for this service's events only. */
        on: (type, callback) => stream.on(type, callback, about),
        /** Calls `callback(state)` with 'connecting', 'open' or 'reconnecting'. Returns the unsubscriber. */
        onConnectionChange: (callback) => stream.onConnection(callback),
      },
    };
  }

  const root = serviceApi(null);
  return {
    ...root,

    /** The services: `{success, data: {default, services: {name: [status of each instance]}}}`. */
    getServices: () => request('/ipc/services', 'GET'),

    /**
     * The same API for service `name` (`djangoService`, `callDjangoAPI`, `getLogs`,
     * `getResources`, `events`), sharing this client's event stream.
     */
    forService: (name) => serviceApi(name),

    events: {
      /**
       * Listens to one event type of the stream, for every service: 'django-service-status',
       * 'service-event' (every other event: {name, timestamp, ...fields}), 'log'
       * ({timestamp, stream, line}) — each with `service` and `instance` —, 'resources'
       * ({resources: {rootPid, processes, cpuSeconds, cpuPercent, residentBytes}, instances?,
       * service}: each service's figures every 2 s, pushed only while such a listener exists)
       * or 'services' ({default, services: [{name, instances}]}, first on every connection and
       * after the server gets other services). Returns the function that unsubscribes.
       */
      on: (type, callback) => stream.on(type, callback),
      /** Calls `callback(state)` with 'connecting', 'open' or 'reconnecting'. Returns the unsubscriber. */
      onConnectionChange: (callback) => stream.onConnection(callback),
    },

    /** Ends the event stream and drops every listener. */
    close: () => stream.close(),
  };
}

/**
 * A drop-in for renderer code written against the desktop app's `window.electronAPI`: an object
 * of the same shape, `{djangoService: {start, stop, restart, getStatus, healthCheck,
 * onStatusUpdate}, callDjangoAPI}`, with the same result objects, that talks to the control
 * server. Nothing else is on it, so code that worked against the preload's object works
 * unchanged; `onStatusUpdate` also returns the function that unsubscribes.
 *
 *   import { exposeElectronApi } from '/sideeye-client.js';
 *   exposeElectronApi();                  // then, unchanged:
 *   await window.electronAPI.djangoService.start();
 *   const notes = await window.electronAPI.callDjangoAPI('/notes/', 'GET');
 *
 * @param {object} [options]  as for `createSideEyeClient` (baseUrl, token, ...)
 * @param {object} [target]   where to define `electronAPI`; default `globalThis` (the window)
 * @returns {object} the `electronAPI` now on `target`; one that is already there (the real
 *   Electron preload's) is kept and returned instead
 */
export function exposeElectronApi(options = {}, target = globalThis) {
  if (target.electronAPI != null) return target.electronAPI;
  const api = electronApi(createSideEyeClient(options));
  Object.defineProperty(target, 'electronAPI', { value: api, configurable: true, enumerable: true });
  return api;
}

/** The `window.electronAPI` shape over a client made by `createSideEyeClient`. */
export function electronApi(client) {
  const service = client.djangoService;
  return Object.freeze({
    djangoService: Object.freeze({
      start: () => service.start(),
      stop: () => service.stop(),
      restart: () => service.restart(),
      getStatus: () => service.getStatus(),
      healthCheck: () => service.healthCheck(),
      onStatusUpdate: (callback) => service.onStatusUpdate(callback),
    }),
    callDjangoAPI: (endpoint, method = 'GET', data = null) => client.callDjangoAPI(endpoint, method, data),
  });
}

/** One shared, self-healing event stream. */
class EventStream {
  constructor(url, doFetch, headers, credentials, options) {
    this.url = url;
    this.doFetch = doFetch;
    this.headers = headers;
    this.credentials = credentials;
    this.initialDelay = options.reconnectDelayMs ?? 1000;
    this.maxDelay = options.maxReconnectDelayMs ?? 10000;
    this.silenceTimeout = options.silenceTimeoutMs ?? 45000;
    this.listeners = new Map();
    this.connectionListeners = new Set();
    this.state = 'closed';
    this.running = false;
    this.abort = null;
    this.generation = 0;
    this.defaultService = null; // from the latest 'services' frame
    this.withResources = false; // whether the current connection asked for 'resources' frames
  }

  on(type, callback, filter = null) {
    if (!this.listeners.has(type)) this.listeners.set(type, new Set());
    const entry = { callback, filter };
    this.listeners.get(type).add(entry);
    if (type === RESOURCES_EVENT && this.running && !this.withResources) {
      this.reconnect(); // the frames come only on a stream that asks for them
    } else {
      this.ensureRunning();
    }
    return () => {
      this.listeners.get(type)?.delete(entry);
      if (this.listenerCount() === 0) this.stop();
    };
  }

  onConnection(callback) {
    this.connectionListeners.add(callback);
    callback(this.state);
    return () => this.connectionListeners.delete(callback);
  }

  listenerCount() {
    let n = 0;
    for (const set of this.listeners.values()) n += set.size;
    return n;
  }

  ensureRunning() {
    if (this.running) return;
    this.running = true;
    // after the listeners added in the same task, so that the first request asks for what they need
    const generation = ++this.generation;
    queueMicrotask(() => this.loop(generation));
  }

  /** Ends the current connection and opens the next one at once. */
  reconnect() {
    const generation = ++this.generation;
    this.abort?.abort();
    queueMicrotask(() => this.loop(generation));
  }

  /** The stream's address: with `?resources=1` while a 'resources' listener exists. */
  address() {
    this.withResources = (this.listeners.get(RESOURCES_EVENT)?.size ?? 0) > 0;
    return this.withResources ? `${this.url}?resources=1` : this.url;
  }

  stop() {
    this.running = false;
    this.abort?.abort();
    this.setState('closed');
  }

  close() {
    this.listeners.clear();
    this.stop();
  }

  setState(state) {
    if (state === this.state) return;
    this.state = state;
    for (const cb of this.connectionListeners) safely(cb, state);
  }

  async loop(generation) {
    const live = () => this.running && generation === this.generation;
    let retry = this.initialDelay;
    let delay = retry;
    while (live()) {
      this.setState(this.state === 'open' || this.state === 'reconnecting' ? 'reconnecting' : 'connecting');
      const opened = await this.readOnce((ms) => { retry = ms; });
      if (!live()) break;
      delay = opened ? retry : Math.min(delay * 2, this.maxDelay);
      this.setState('reconnecting');
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }

  /** Reads one connection until it ends; true when it was opened. */
  async readOnce(setRetry) {
    const abort = new AbortController();
    this.abort = abort;
    let silence = null;
    const armSilence = () => {
      clearTimeout(silence);
      silence = setTimeout(() => abort.abort(), this.silenceTimeout);
    };
    try {
      armSilence();
      const response = await this.doFetch(this.address(), {
        headers: { ...this.headers, Accept: 'text/event-stream' },
        credentials: this.credentials,
        cache: 'no-store',
        signal: abort.signal,
      });
      if (!response.ok || !response.body) return false;
      this.setState('open');
      const reader = response.body.getReader();
      const decoder = new TextDecoder();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        armSilence();
        buffer += decoder.decode(value, { stream: true }).replace(/\r\n?/g, '\n');
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          this.dispatch(buffer.slice(0, end), setRetry);
          buffer = buffer.slice(end + 2);
        }
      }
      return true;
    } catch (e) {
      return this.state === 'open';
    } finally {
      clearTimeout(silence);
    }
  }

  dispatch(frame, setRetry) {
    let type = 'message';
    const data = [];
    for (const line of frame.split('\n')) {
      if (line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      let value = colon < 0 ? '' : line.slice(colon + 1);
      if (value.startsWith(' ')) value = value.slice(1);
      if (field === 'event') type = value;
      else if (field === 'data') data.push(value);
      else if (field === 'retry' && /^\d+$/.test(value)) setRetry(Number(value));
    }
    if (data.length === 0) return;
    let payload;
    try {
      payload = JSON.parse(data.join('\n'));
    } catch (e) {
      payload = data.join('\n');
    }
    if (type === SERVICES_EVENT) this.defaultService = payload?.default ?? null;
    for (const entry of [...(this.listeners.get(type) ?? [])]) {
      if (!entry.filter || entry.filter(payload)) safely(entry.callback, payload);
    }
  }
}

function safely(callback, value) {
  try {
    callback(value);
  } catch (e) {
    console.error('sideeye-client listener failed', e);
  }
}
