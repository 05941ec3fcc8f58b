// The API console: method, endpoint under /api and a JSON body -> status, timing, highlighted answer.
import { formatMs } from '/assets/chart.js';
import { $ } from '/assets/dom.js';

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

function showReply(reply, total) {
  $('api-result').hidden = false;
  const chip = $('api-status');
  chip.textContent = reply.status ? `${reply.status}` : 'no answer';
  chip.className = `chip ${reply.success ? 'ok' : reply.status >= 400 && reply.status < 500 ? 'warn' : 'bad'}`;
  $('api-time').textContent = reply.durationMs !== undefined
    ? `${reply.durationMs} ms backend · ${formatMs(total)} total` : `${formatMs(total)}`;
  $('api-error').textContent = reply.success ? '' : (reply.error ?? '');
  $('api-response').replaceChildren(highlightJson(reply.success || reply.data ? reply.data : reply));
}

/**
 * Wires the console form; `call(endpoint, method, data)` makes the call (sideeye-client.js's
 * callDjangoAPI of the chosen service) and resolves its reply.
 */
export function apiConsole(call) {
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
    const reply = await call(endpoint, method, data);
    send.disabled = false;
    send.setAttribute('aria-busy', 'false');
    showReply(reply, performance.now() - started);
  });
  updateBodyState();
}
