// How the dashboard names and ranks the states of services and instances.

export const LABELS = {
  running: 'Running', starting: 'Starting', stopping: 'Stopping', stopped: 'Stopped', backoff: 'Restarting',
  failed: 'Failed', external: 'External', unhealthy: 'Unhealthy', unknown: 'Unknown', unattached: 'Not attached',
};

// Which instance state speaks for a whole service: the first one in this list.
const WORST_FIRST = ['failed', 'unhealthy', 'backoff', 'starting', 'stopping', 'stopped', 'unknown', 'external', 'running'];

/** The label of a display state. */
export const label = (state) => LABELS[state] ?? state;

/**
 * The state shown for one instance's status: its lifecycle state in lower case, or 'unhealthy'
 * when it runs but failed its last check; without a status, 'unattached' when `error` says
 * nothing is attached, else 'unknown'.
 */
export function displayState(status, error = null) {
  if (!status) return error && /not initialized/.test(error) ? 'unattached' : 'unknown';
  const state = status.state.toLowerCase();
  const last = status.lastHealthCheck;
  if ((state === 'running' || state === 'external') && last && !last.healthy) return 'unhealthy';
  return state;
}

/** The state shown for a service: the worst of its instances'. */
export function serviceState(statuses) {
  const states = statuses.map((s) => displayState(s));
  return WORST_FIRST.find((state) => states.includes(state)) ?? states[0] ?? 'unknown';
}

export function describeExit(exit) {
  return exit.signal ? `${exit.signal} (${exit.code})` : `code ${exit.code}`;
}

export function formatDuration(ms) {
  const s = Math.floor(ms / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  if (h) return `${h}h ${String(m).padStart(2, '0')}m`;
  if (m) return `${m}m ${String(sec).padStart(2, '0')}s`;
  return `${sec}s`;
}
