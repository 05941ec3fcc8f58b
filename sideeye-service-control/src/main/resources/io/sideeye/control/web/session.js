// The dashboard's sign-in. The link printed at startup carries a one-time code in its fragment
// (#code=..., never sent to a server). The page trades it once for a session value of this
// control server, keeps that in this tab's sessionStorage (per origin: scheme, host and port)
// and sends it as a bearer header. No cookie is used: browsers send cookies to every port of a
// host, so another local server would receive it. The used link signs nobody in again.

const KEY = 'sideeye.session';

/** The session of this tab: from the link's code (used up here) or from an earlier sign-in; null when none. */
export async function signIn() {
  const hash = new URLSearchParams(location.hash.slice(1));
  const code = hash.get('code');
  if (code) {
    hash.delete('code');
    const rest = hash.toString();
    history.replaceState(null, '', location.pathname + location.search + (rest ? `#${rest}` : ''));
    try {
      const response = await fetch('/ipc/session', {
        method: 'POST', credentials: 'omit', cache: 'no-store',
        headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ code }),
      });
      const reply = await response.json();
      if (response.ok && reply.session) sessionStorage.setItem(KEY, reply.session);
    } catch (e) {
      // unreachable or refused: signed out unless this tab signed in before
    }
  }
  return sessionStorage.getItem(KEY);
}

/** Forgets this tab's session (it expired, or the control server has another token). */
export function signOut() {
  sessionStorage.removeItem(KEY);
}

/** Whether a failed reply says the session or token was refused. */
export function refused(reply) {
  return !reply.success && /control token/.test(reply.error ?? '');
}
