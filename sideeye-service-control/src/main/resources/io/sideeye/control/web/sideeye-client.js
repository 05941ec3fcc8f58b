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
 *   const sideEye = createSideEyeClient();                 // same origin, signed in by cookie
 *   const off = sideEye.djangoService.onStatusUpdate(s => console.log(s.status, s.error));
 *   await sideEye.djangoService.start();
 *   const notes = await sideEye.callDjangoAPI('/notes/', 'GET');
 *
 * Events arrive over one streamed `GET /ipc/events` per client (Server-Sent Events read with
 * `fetch`, so a bearer token can be sent, which `EventSource` cannot). The stream is opened on
 * the first listener, closed after the last one, and reconnected by itself with backoff after
 * the control server restarts or the connection goes silent.
 */

const STATUS_EVENT = 'django-service-status';

/**
 * Creates a client.
 *
 * @param {object} [options]
 * @param {string} [options.baseUrl]  the control server, e.g. 'http://127.0.0.1:8765'; default: this page's origin
 * @param {string} [options.token]    the control token, sent as a bearer token; default: the session cookie
 * @param {number} [options.reconnectDelayMs]     first reconnection delay (default 1000, doubling)
 * @param {number} [options.maxReconnectDelayMs]  reconnection delay cap (default 10000)
 * @param {number} [options.silenceTimeoutMs]     reconnect when nothing (not even a heartbeat) arrived for this long (default 45000)
 * @param {typeof fetch} [options.fetch]          fetch implementation (default: the global one)
 */
export function createSideEyeClient(options = {}) {
  const base = (options.baseUrl ?? '').replace(/\/+$/, '');
  const token = options.token ?? null;
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

  return {
    djangoService: {
      /** Starts the service; resolves `{success}` once it is healthy or failed. */
      start: () => request('/ipc/django-service-start', 'POST'),
      /** Stops the service; resolves `{success}` once the process tree is gone. */
      stop: () => request('/ipc/django-service-stop', 'POST'),
      /** Restarts the service. */
      restart: () => request('/ipc/django-service-restart', 'POST'),
      /** `{success, status}` with the full status (isRunning, pid, uptime, state, ...). */
      getStatus: () => request('/ipc/django-service-status', 'GET'),
      /** `{success, healthy}` after one immediate health check. */
      healthCheck: () => request('/ipc/django-service-health-check', 'POST'),
      /**
       * Calls `callback({status, error})` for every status change (starting, started, stopping,
       * stopped, restarting, unhealthy, error) — first with the current status. Returns the
       * function that unsubscribes.
       */
      onStatusUpdate: (callback) => stream.on(STATUS_EVENT, callback),
    },

    /** Calls the backend's API; resolves the ApiResponse envelope `{success, status, data, error, durationMs}`. */
    callDjangoAPI: (endpoint, method = 'GET', data = null) =>
      request('/ipc/django-api-call', 'POST', { endpoint, method, data }),

    /** The last `n` output lines: `{success, lines: [{timestamp, stream, line}]}`. */
    getLogs: (n = 100) => request(`/ipc/logs?n=${encodeURIComponent(n)}`, 'GET'),

    /** CPU and memory of the backend's process tree: `{success, resources}`. */
    getResources: () => request('/ipc/django-service-resources', 'GET'),

    events: {
      /**
       * Listens to one event type of the stream: 'django-service-status', 'service-event'
       * (every other event of the manager: {name, timestamp, ...fields}) or 'log'
       * ({timestamp, stream, line}). Returns the function that unsubscribes.
       */
      on: (type, callback) => stream.on(type, callback),
      /** Calls `callback(state)` with 'connecting', 'open' or 'reconnecting'. Returns the unsubscriber. */
      onConnectionChange: (callback) => stream.onConnection(callback),
    },

    /** Ends the event stream and drops every listener. */
    close: () => stream.close(),
  };
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
  }

  on(type, callback) {
    if (!this.listeners.has(type)) this.listeners.set(type, new Set());
    const entry = { callback };
    this.listeners.get(type).add(entry);
    this.ensureRunning();
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
    this.loop(++this.generation);
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
      const response = await this.doFetch(this.url, {
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
    for (const entry of [...(this.listeners.get(type) ?? [])]) safely(entry.callback, payload);
  }
}

function safely(callback, value) {
  try {
    callback(value);
  } catch (e) {
    console.error('sideeye-client listener failed', e);
  }
}
