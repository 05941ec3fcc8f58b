// The log tail: stderr marked, problem lines highlighted, auto-scroll that pauses when scrolled up.
import { timeOf } from '/assets/dom.js';

const MAX_LINES = 2000;
const PROBLEM = /\b(ERROR|CRITICAL|FATAL|Traceback|Exception)\b/;

export class LogView {
  /** A view in `box`, counting lines in `count`, with its Following/Paused and Clear buttons. */
  constructor(box, count, followButton, clearButton) {
    this.box = box;
    this.count = count;
    this.followButton = followButton;
    this.following = true;
    this.pendingScroll = false;
    this.replicated = false;
    box.addEventListener('scroll', () => {
      const atBottom = box.scrollHeight - box.scrollTop - box.clientHeight < 8;
      if (atBottom !== this.following) this.setFollowing(atBottom);
    });
    followButton.addEventListener('click', () => this.setFollowing(!this.following));
    clearButton.addEventListener('click', () => {
      box.replaceChildren();
      count.textContent = '';
    });
  }

  /** Whether lines come from several instances (each line then shows its instance). */
  setReplicated(replicated) {
    this.replicated = replicated;
    this.box.classList.toggle('replicated', replicated);
  }

  /** Replaces the view with `lines`, or with `emptyText` when there are none. */
  show(lines, emptyText) {
    this.box.replaceChildren();
    if (lines.length) {
      lines.forEach((line) => this.append(line));
      return;
    }
    const empty = document.createElement('div');
    empty.className = 'log-empty';
    empty.textContent = emptyText;
    this.box.appendChild(empty);
    this.count.textContent = '';
  }

  /** Adds one line `{timestamp, stream, line, instance}`. */
  append(entry) {
    this.box.querySelector('.log-empty')?.remove();
    const row = document.createElement('div');
    row.className = `log-line ${entry.stream}${PROBLEM.test(entry.line) ? ' problem' : ''}`;
    row.dataset.instance = String(entry.instance ?? 1);
    const time = document.createElement('span');
    time.className = 'log-time';
    time.textContent = timeOf(entry.timestamp);
    const stream = document.createElement('span');
    stream.className = 'log-stream';
    stream.textContent = (this.replicated ? `#${entry.instance ?? 1} ` : '') + (entry.stream === 'stderr' ? 'err' : 'out');
    const text = document.createElement('span');
    text.className = 'log-text';
    text.textContent = entry.line;
    row.append(time, stream, text);
    this.box.appendChild(row);
    while (this.box.childElementCount > MAX_LINES) this.box.firstElementChild.remove();
    this.count.textContent = `${this.box.childElementCount} lines`;
    if (this.following && !this.pendingScroll) {
      this.pendingScroll = true;
      requestAnimationFrame(() => {
        this.pendingScroll = false;
        this.box.scrollTop = this.box.scrollHeight;
      });
    }
  }

  setFollowing(on) {
    this.following = on;
    this.followButton.setAttribute('aria-pressed', String(on));
    this.followButton.textContent = on ? 'Following' : 'Paused';
    if (on) this.box.scrollTop = this.box.scrollHeight;
  }
}
