// Small inline-SVG charts for the dashboard: no library, no canvas, crisp at any width.

const SVG = 'http://www.w3.org/2000/svg';

function el(name, attrs = {}, parent = null) {
  const node = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (parent) parent.appendChild(node);
  return node;
}

function niceCeiling(value) {
  if (value <= 0) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) {
    if (value <= step * magnitude) return step * magnitude;
  }
  return 10 * magnitude;
}

/** The window shown: the data's age rounded up to a whole minute. */
function niceSpan(ms) {
  return Math.ceil(ms / 60000) * 60000;
}

function formatMs(ms) {
  if (ms >= 1000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms >= 10) return `${Math.round(ms)} ms`;
  return `${ms.toFixed(1)} ms`;
}

/**
 * Draws health-check latencies over a time window.
 *
 * @param {HTMLElement} container
 * @param {{t:number, v:number, ok:boolean}[]} points  time (epoch ms), latency (ms), healthy
 * @param {number} windowMs  the longest time span shown, ending now (shorter while there is less data)
 */
export function latencyChart(container, points, windowMs) {
  const w = Math.max(container.clientWidth, 200);
  const h = Math.max(container.clientHeight, 100);
  const pad = { top: 8, right: 8, bottom: 20, left: 46 };
  const svg = el('svg', { viewBox: `0 0 ${w} ${h}`, preserveAspectRatio: 'none' });
  const now = Date.now();
  const earliest = points.length ? Math.min(...points.map((p) => p.t)) : now;
  const span = Math.min(windowMs, Math.max(60000, niceSpan(now - earliest)));
  const from = now - span;
  const shown = points.filter((p) => p.t >= from);
  const max = niceCeiling(Math.max(1, ...shown.map((p) => p.v)) * 1.15);
  const x = (t) => pad.left + ((t - from) / span) * (w - pad.left - pad.right);
  const y = (v) => pad.top + (1 - v / max) * (h - pad.top - pad.bottom);

  for (let i = 0; i <= 3; i++) {
    const v = (max / 3) * i;
    el('line', { x1: pad.left, x2: w - pad.right, y1: y(v), y2: y(v), class: 'grid-line' }, svg);
    const label = el('text', { x: pad.left - 8, y: y(v) + 3, 'text-anchor': 'end', class: 'axis-label' }, svg);
    label.textContent = formatMs(v);
  }
  const step = span <= 60000 ? 15000 : span <= 180000 ? 30000 : 60000;
  for (let ago = 0; ago <= span; ago += step) {
    const label = el('text', { x: x(now - ago), y: h - 4, 'text-anchor': ago === 0 ? 'end' : 'middle', class: 'axis-label' }, svg);
    label.textContent = ago === 0 ? 'now' : ago % 60000 === 0 ? `-${ago / 60000}m` : `-${ago / 1000}s`;
  }

  if (shown.length === 0) {
    const t = el('text', { x: (w + pad.left) / 2, y: h / 2, 'text-anchor': 'middle', class: 'empty' }, svg);
    t.textContent = 'No health checks yet';
  } else {
    const path = shown.map((p, i) => `${i ? 'L' : 'M'}${x(p.t).toFixed(1)},${y(p.v).toFixed(1)}`).join('');
    const base = y(0).toFixed(1);
    el('path', { d: `${path}L${x(shown.at(-1).t).toFixed(1)},${base}L${x(shown[0].t).toFixed(1)},${base}Z`, class: 'area' }, svg);
    el('path', { d: path, class: 'line' }, svg);
    for (const p of shown) {
      if (!p.ok || p === shown.at(-1) || shown.length < 40) {
        el('circle', { cx: x(p.t), cy: y(p.v), r: p.ok ? 3 : 3.5, class: p.ok ? 'pt-ok' : 'pt-bad' }, svg);
      }
    }
  }
  container.replaceChildren(svg);
}

/**
 * Draws a small area sparkline of the latest values.
 *
 * @param {HTMLElement} container
 * @param {number[]} values
 * @param {number} [floorMax]  the smallest top of the scale (e.g. 100 for percentages)
 */
export function sparkline(container, values, floorMax = 1) {
  const w = Math.max(container.clientWidth, 100);
  const h = Math.max(container.clientHeight, 24);
  const svg = el('svg', { viewBox: `0 0 ${w} ${h}`, preserveAspectRatio: 'none', class: 'chart-spark' });
  if (values.length > 1) {
    const max = Math.max(floorMax, ...values) * 1.1;
    const step = w / (values.length - 1);
    const pts = values.map((v, i) => `${(i * step).toFixed(1)},${(h - 2 - (v / max) * (h - 4)).toFixed(1)}`);
    el('path', { d: `M${pts.join('L')}L${w},${h}L0,${h}Z`, class: 'area' }, svg);
    el('path', { d: `M${pts.join('L')}`, class: 'line' }, svg);
  }
  container.replaceChildren(svg);
}

export { formatMs };
