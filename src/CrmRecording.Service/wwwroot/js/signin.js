// Sign-in for the service's pages, top-level or embedded in a CRM's cross-origin iframe.
//
//   import { createSession } from '/js/signin.js';
//   const session = createSession({ onChange: (state) => render(state), crm: 'salesforce' });  // crm: the provider
//   await session.restore();                    // top-level pages: reuse the session cookie, if any
//   button.onclick = () => session.signIn();    // must run inside a click: opens the sign-in popup
//   const response = await session.authorizedFetch('/api/calls', { method: 'POST', ... });
//   if (await handleRefusal(response, { showSignIn, showRefused })) return;  // 401 and 403, alike on every page
//
// The page token lives in this module's memory only (never localStorage, sessionStorage or a cookie)
// and is renewed at about 80 % of its lifetime with POST /signin/renew, until the sign-in's absolute
// end. onChange receives { signedIn, user, reason, error } whenever that changes; reason is one of
// 'signed-in', 'renewed', 'signed-out', 'expired', 'unauthorized', 'popup-blocked', 'popup-closed',
// 'refused' (error: 'not-a-crm-user' | 'crm-unavailable' | 'sign-in-failed' | 'signed-out').

const MESSAGE_SIGNED_IN = 'crr-signin';
const MESSAGE_REFUSED = 'crr-signin-error';
const RENEW_AT = 0.8;
const CLOSED_GRACE_MS = 2000;
const POPUP_FEATURES = 'popup=yes,width=520,height=680';

export class SignInError extends Error {
  constructor(reason, message) {
    super(message);
    this.name = 'SignInError';
    this.reason = reason;
  }
}

/**
 * The API's two refusals, answered alike on every page: 401 → showSignIn(); 403 → showRefused(detail), the detail of
 * the problem answer ('' when it has none). True when the response was one of them (the page stops there).
 */
export async function handleRefusal(response, { showSignIn, showRefused }) {
  if (response.status === 401) {
    showSignIn();
    return true;
  }

  if (response.status === 403) {
    const problem = await response.json().catch(() => ({}));
    showRefused(problem.detail ?? '');
    return true;
  }

  return false;
}

export function createSession({ onChange = () => {}, basePath = '', crm = null, window: win = globalThis.window } = {}) {
  let current = null;        // { token, user, sessionExpiresAt }
  let renewTimer = null;
  let pending = null;        // the sign-in in progress: { popup, promise }

  const url = (path) => `${basePath}${path}`;
  // Which CRM's identity provider signs the person in: Dynamics' (the default) or the Salesforce org.
  const provider = crm ? `crm=${encodeURIComponent(crm)}` : '';

  function notify(reason, error) {
    try {
      onChange({ signedIn: current !== null, user: current ? { ...current.user } : null, reason, error: error ?? null });
    } catch (e) {
      // A page's handler failing must not break the session.
      win.console?.error?.(e);
    }
  }

  function clear(reason, error) {
    win.clearTimeout(renewTimer);
    renewTimer = null;
    const was = current !== null;
    current = null;
    if (was || reason !== 'signed-out') {
      notify(reason, error);
    }
  }

  function accept(answer, reason) {
    if (!answer || typeof answer.token !== 'string' || !answer.user) {
      throw new SignInError('sign-in-failed', 'The sign-in answer had no token.');
    }

    current = { token: answer.token, user: { name: answer.user.name, oid: answer.user.oid, crm: answer.user.crm }, sessionExpiresAt: answer.sessionExpiresAt };
    win.clearTimeout(renewTimer);
    // The lifetime in seconds comes from the server, so a wrong clock on this machine does not matter.
    const lifetime = Number(answer.expiresIn) > 0 ? Number(answer.expiresIn) * 1000 : Date.parse(answer.expiresAt) - Date.now();
    if (Date.parse(answer.expiresAt) >= Date.parse(answer.sessionExpiresAt)) {
      // The last token of this sign-in: nothing to renew, the page is signed out when it ends.
      renewTimer = win.setTimeout(() => clear('expired'), Math.max(0, lifetime));
    } else {
      renewTimer = win.setTimeout(renew, Math.max(1000, lifetime * RENEW_AT));
    }
    notify(reason);
  }

  async function renew() {
    if (!current) {
      return;
    }

    let response;
    try {
      response = await win.fetch(url('/signin/renew'), {
        method: 'POST',
        headers: { Authorization: `Bearer ${current.token}` },
        credentials: 'omit',
        cache: 'no-store',
      });
    } catch {
      // Offline for a moment: try again shortly; the token may still be valid.
      renewTimer = win.setTimeout(renew, 15000);
      return;
    }

    if (response.ok) {
      accept(await response.json(), 'renewed');
    } else if (response.status === 503) {
      renewTimer = win.setTimeout(renew, 15000);
    } else {
      clear(response.status === 401 ? 'expired' : 'refused', response.status === 403 ? 'not-a-crm-user' : undefined);
    }
  }

  function signIn() {
    if (pending) {
      pending.popup.focus?.();
      return pending.promise;
    }

    // window.open must run in the click's task, before any await, or the browser blocks the popup.
    const popup = win.open(url(`/signin/popup${provider ? `?${provider}` : ''}`), 'crr-signin', POPUP_FEATURES);
    if (!popup) {
      notify('popup-blocked');
      return Promise.reject(new SignInError('popup-blocked', 'The browser blocked the sign-in window. Allow pop-ups for this site, then choose Sign in again.'));
    }

    let onMessage;
    let watcher;
    let settled = false;
    let closing = false;
    const promise = new Promise((resolve, reject) => {
      onMessage = (event) => {
        // Only this service's own sign-in popup may sign the page in.
        if (settled || event.origin !== win.location.origin || event.source !== popup || !event.data) {
          return;
        }

        if (event.data.type === MESSAGE_SIGNED_IN) {
          try {
            accept(event.data, 'signed-in');
            resolve({ ...current.user });
          } catch (e) {
            reject(e);
          }
        } else if (event.data.type === MESSAGE_REFUSED) {
          clear('refused', event.data.error);
          reject(new SignInError(event.data.error || 'sign-in-failed', event.data.message || 'Sign-in was refused.'));
        } else {
          return;
        }

        settled = true;
        popup.close();
      };
      win.addEventListener('message', onMessage);
      watcher = win.setInterval(() => {
        if (!settled && popup.closed && !closing) {
          // The popup posts its answer and then closes itself: it can be seen closed before its message is
          // delivered here, so the answer is still awaited for a moment before the sign-in counts as abandoned.
          closing = true;
          win.setTimeout(() => {
            if (!settled) {
              settled = true;
              notify('popup-closed');
              reject(new SignInError('popup-closed', 'The sign-in window was closed before the sign-in completed.'));
            }
          }, CLOSED_GRACE_MS);
        }
      }, 500);
    });

    const done = () => {
      win.removeEventListener('message', onMessage);
      win.clearInterval(watcher);
      pending = null;
    };
    pending = { popup, promise: promise.finally(done) };
    return pending.promise;
  }

  /** Top-level pages: navigates to the provider and back to returnUrl (a path on this service). */
  function signInWithRedirect(returnUrl = `${win.location.pathname}${win.location.search}`) {
    win.location.assign(`${url('/signin')}?returnUrl=${encodeURIComponent(returnUrl)}${provider ? `&${provider}` : ''}`);
  }

  /** Top-level pages: a page token for the session cookie, if there is one. Embedded pages get false (no third-party cookies). */
  async function restore() {
    let response;
    try {
      response = await win.fetch(url('/signin/token'), { method: 'POST', credentials: 'same-origin', cache: 'no-store' });
    } catch {
      return false;
    }

    if (!response.ok) {
      return false;
    }

    accept(await response.json(), 'signed-in');
    return true;
  }

  async function signOut() {
    clear('signed-out');
    try {
      await win.fetch(url('/signout'), { method: 'POST', credentials: 'same-origin' });
    } catch {
      // The in-memory token is gone either way; the cookie, if any, ends by itself.
    }
  }

  /** fetch with the page token as bearer; on 401 the session is reported signed out. Rejects with SignInError when not signed in. */
  async function authorizedFetch(input, init = {}) {
    if (!current) {
      throw new SignInError('signed-out', 'Sign in first.');
    }

    const headers = new Headers(init.headers || {});
    headers.set('Authorization', `Bearer ${current.token}`);
    const sent = current.token;
    const response = await win.fetch(input, { ...init, headers, credentials: 'omit' });
    if (response.status === 401 && current && current.token === sent) {
      clear('unauthorized');
    }

    return response;
  }

  function dispose() {
    win.clearTimeout(renewTimer);
    renewTimer = null;
    current = null;
  }

  return {
    signIn,
    signInWithRedirect,
    restore,
    signOut,
    authorizedFetch,
    dispose,
    token: () => (current ? current.token : null),
    get signedIn() {
      return current !== null;
    },
    get user() {
      return current ? { ...current.user } : null;
    },
    get sessionExpiresAt() {
      return current ? current.sessionExpiresAt : null;
    },
  };
}
