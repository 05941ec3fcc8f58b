// The service selector: one button per service with its state, instance count and where it runs.
import { tag } from '/assets/dom.js';
import { displayState, label, serviceState } from '/assets/states.js';

/**
 * Shows `statuses` (service -> [status of each instance], or null) in `nav`, `selected` pressed;
 * hidden for fewer than two services. Buttons are updated in place, so keyboard focus stays.
 *
 * @param {(name: string) => void} onChoose  called when a service's button is clicked
 */
export function renderSelector(nav, statuses, selected, onChoose) {
  const names = statuses ? Object.keys(statuses) : [];
  nav.hidden = names.length < 2;
  if (nav.hidden) return;
  const shown = [...nav.children].map((button) => button.dataset.service);
  if (shown.join('\n') !== names.join('\n')) nav.replaceChildren(...names.map((name) => serviceButton(name, onChoose)));
  for (const button of nav.children) update(button, statuses[button.dataset.service], selected);
}

function serviceButton(name, onChoose) {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'svc';
  button.dataset.service = name;
  const dot = document.createElement('span');
  dot.className = 'svc-dot';
  button.append(dot, tag(name, 'svc-name'), tag('', 'svc-count'), tag('', 'tag svc-where'), tag('', 'svc-state'));
  button.addEventListener('click', () => onChoose(name));
  return button;
}

function update(button, statuses, selected) {
  const state = serviceState(statuses);
  const first = statuses[0];
  button.dataset.state = state;
  button.setAttribute('aria-pressed', String(button.dataset.service === selected));
  button.title = statuses.length > 1
    ? statuses.map((s, i) => `#${i + 1} ${label(displayState(s))}`).join(' · ')
    : label(state);
  const count = button.querySelector('.svc-count');
  count.textContent = `×${statuses.length}`;
  count.hidden = statuses.length < 2;
  const where = button.querySelector('.svc-where');
  where.textContent = first?.remote ? 'remote' : 'external';
  where.classList.toggle('tag-remote', Boolean(first?.remote));
  where.hidden = !first?.external;
  button.querySelector('.svc-state').textContent = label(state);
}
