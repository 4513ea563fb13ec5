// Behaviour of wwwroot/js/signin.js, with a stand-in window (node:test; run by SignInScriptTests).
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import test from 'node:test';

const modulePath = process.env.SIGNIN_MODULE;
const { createSession } = await import(new URL(`file://${modulePath}`).href);
const ORIGIN = 'https://media.example';

function json(status, body) {
  return { ok: status >= 200 && status < 300, status, json: async () => body };
}

function answer(token, { expiresIn = 600, last = false } = {}) {
  const now = Date.now();
  const expiresAt = new Date(now + expiresIn * 1000).toISOString();
  return { type: 'crr-signin', token, expiresAt, expiresIn, sessionExpiresAt: last ? expiresAt : new Date(now + 8 * 3600 * 1000).toISOString(), user: { name: 'Riley Chen', oid: 'aad00000-0000-4000-8000-000000000004' } };
}

function fakeWindow({ popupBlocked = false } = {}) {
  const listeners = new Set();
  const timers = new Map();
  let next = 1;
  const win = {
    location: { origin: ORIGIN, pathname: '/crm/dynamics/dialer', search: '?base=org', assigned: null, assign(url) { this.assigned = url; } },
    opened: [],
    fetches: [],
    responses: [],
    console,
    open(url, name, features) {
      win.opened.push({ url, name, features });
      if (popupBlocked) {
        return null;
      }
      win.popup = { closed: false, close() { this.closed = true; }, focus() {} };
      return win.popup;
    },
    addEventListener(type, fn) { if (type === 'message') listeners.add(fn); },
    removeEventListener(type, fn) { listeners.delete(fn); },
    setTimeout(fn, ms) { const id = next++; timers.set(id, { fn, ms, repeat: false }); return id; },
    clearTimeout(id) { timers.delete(id); },
    setInterval(fn, ms) { const id = next++; timers.set(id, { fn, ms, repeat: true }); return id; },
    clearInterval(id) { timers.delete(id); },
    async fetch(url, init) {
      win.fetches.push({ url, init });
      return win.responses.shift() ?? json(500, {});
    },
    post(data, { origin = ORIGIN, source = win.popup } = {}) {
      for (const fn of [...listeners]) fn({ origin, source, data });
    },
    timeouts: () => [...timers.values()].filter((t) => !t.repeat),
    async fire(predicate) {
      for (const [id, t] of [...timers]) {
        if (predicate(t)) {
          if (!t.repeat) timers.delete(id);
          await t.fn();
        }
      }
    },
    listenerCount: () => listeners.size,
  };
  return win;
}

function session(win) {
  const changes = [];
  const s = createSession({ onChange: (state) => changes.push(state), window: win });
  return { s, changes };
}

test('signIn opens the popup at /signin/popup and takes the token only from it, at the own origin', async () => {
  const win = fakeWindow();
  const { s, changes } = session(win);

  const signedIn = s.signIn();
  win.post(answer('forged-origin'), { origin: 'https://evil.example' });
  win.post(answer('forged-source'), { source: {} });
  assert.equal(s.signedIn, false);
  win.post(answer('good-token'));
  const user = await signedIn;

  assert.equal(win.opened[0].url, '/signin/popup');
  assert.equal(user.name, 'Riley Chen');
  assert.equal(s.token(), 'good-token');
  assert.equal(s.signedIn, true);
  assert.equal(win.popup.closed, true);
  assert.equal(win.listenerCount(), 0);
  assert.deepEqual(changes.map((c) => c.reason), ['signed-in']);
});

test('a blocked popup rejects with popup-blocked and says so, so the page can offer the button again', async () => {
  const win = fakeWindow({ popupBlocked: true });
  const { s, changes } = session(win);

  await assert.rejects(s.signIn(), (e) => e.reason === 'popup-blocked');
  assert.equal(changes.at(-1).reason, 'popup-blocked');
  assert.equal(s.signedIn, false);
});

test('a popup closed before signing in rejects with popup-closed', async () => {
  const win = fakeWindow();
  const { s } = session(win);
  const pending = s.signIn();

  win.popup.closed = true;
  await win.fire((t) => t.repeat);
  await win.fire((t) => !t.repeat);

  await assert.rejects(pending, (e) => e.reason === 'popup-closed');
});

test('a popup seen closed before its answer is delivered still signs the page in', async () => {
  const win = fakeWindow();
  const { s, changes } = session(win);
  const pending = s.signIn();

  // The popup posted and closed itself; the watcher notices the close first, then the message arrives.
  win.popup.closed = true;
  await win.fire((t) => t.repeat);
  win.post(answer('page-token-1'));
  await win.fire((t) => !t.repeat && t.ms === 2000);

  assert.equal((await pending).name, 'Riley Chen');
  assert.equal(s.signedIn, true);
  assert.ok(!changes.some((c) => c.reason === 'popup-closed'));
});

test('a refused sign-in rejects with its reason', async () => {
  const win = fakeWindow();
  const { s, changes } = session(win);
  const pending = s.signIn();

  win.post({ type: 'crr-signin-error', error: 'not-a-crm-user', message: 'no CRM user' });

  await assert.rejects(pending, (e) => e.reason === 'not-a-crm-user');
  assert.equal(changes.at(-1).error, 'not-a-crm-user');
});

test('renewal is due at 80 % of the lifetime, sends the token as bearer without cookies, and replaces it', async () => {
  const win = fakeWindow();
  const { s, changes } = session(win);
  const pending = s.signIn();
  win.post(answer('first', { expiresIn: 600 }));
  await pending;

  assert.deepEqual(win.timeouts().map((t) => t.ms), [480000]);
  win.responses.push(json(200, answer('second')));
  await win.fire((t) => !t.repeat);

  const renewal = win.fetches.at(-1);
  assert.equal(renewal.url, '/signin/renew');
  assert.equal(renewal.init.method, 'POST');
  assert.equal(renewal.init.headers.Authorization, 'Bearer first');
  assert.equal(renewal.init.credentials, 'omit');
  assert.equal(s.token(), 'second');
  assert.equal(changes.at(-1).reason, 'renewed');
});

test('a refused renewal signs the page out as expired', async () => {
  const win = fakeWindow();
  const { s, changes } = session(win);
  const pending = s.signIn();
  win.post(answer('first'));
  await pending;

  win.responses.push(json(401, {}));
  await win.fire((t) => !t.repeat);

  assert.equal(s.signedIn, false);
  assert.equal(s.token(), null);
  assert.equal(changes.at(-1).reason, 'expired');
});

test('the last token of a sign-in is not renewed; the page is signed out when it ends', async () => {
  const win = fakeWindow();
  const { s, changes } = session(win);
  const pending = s.signIn();
  win.post(answer('last', { expiresIn: 120, last: true }));
  await pending;

  await win.fire((t) => !t.repeat);

  assert.equal(win.fetches.length, 0);
  assert.equal(changes.at(-1).reason, 'expired');
});

test('authorizedFetch adds the bearer token and reports a 401 as signed out', async () => {
  const win = fakeWindow();
  const { s, changes } = session(win);
  const pending = s.signIn();
  win.post(answer('tok'));
  await pending;

  win.responses.push(json(200, {}), json(401, {}));
  await s.authorizedFetch('/api/calls', { method: 'POST', headers: { 'Content-Type': 'application/json' } });
  const refused = await s.authorizedFetch('/api/calls/x');

  assert.equal(win.fetches[0].init.headers.get('Authorization'), 'Bearer tok');
  assert.equal(win.fetches[0].init.headers.get('Content-Type'), 'application/json');
  assert.equal(win.fetches[0].init.credentials, 'omit');
  assert.equal(refused.status, 401);
  assert.equal(s.signedIn, false);
  assert.equal(changes.at(-1).reason, 'unauthorized');
  await assert.rejects(s.authorizedFetch('/api/calls/x'), (e) => e.reason === 'signed-out');
});

test('restore uses the session cookie of a top-level page; signInWithRedirect keeps the page as returnUrl', async () => {
  const win = fakeWindow();
  const { s } = session(win);
  win.responses.push(json(200, answer('from-cookie')));

  assert.equal(await s.restore(), true);
  s.signInWithRedirect();

  assert.equal(win.fetches[0].url, '/signin/token');
  assert.equal(win.fetches[0].init.credentials, 'same-origin');
  assert.equal(s.token(), 'from-cookie');
  assert.equal(win.location.assigned, '/signin?returnUrl=%2Fcrm%2Fdynamics%2Fdialer%3Fbase%3Dorg');
});

test('the module keeps tokens in memory only', async () => {
  const source = await readFile(modulePath, 'utf8');

  assert.doesNotMatch(source, /\b(localStorage|sessionStorage|indexedDB)\s*[.[]|document\.cookie/);
});
