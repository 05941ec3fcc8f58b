// Small DOM helpers shared by the dashboard's modules.

/** The element with id `id`. */
export const $ = (id) => document.getElementById(id);

/** A <span> with `className` and `text`. */
export function tag(text, className) {
  const span = document.createElement('span');
  span.className = className;
  span.textContent = text;
  return span;
}

/** Local wall-clock time with milliseconds, e.g. 12:01:05.811. */
export function timeOf(timestamp) {
  const d = new Date(timestamp);
  return d.toLocaleTimeString([], { hour12: false }) + '.' + String(d.getMilliseconds()).padStart(3, '0');
}
