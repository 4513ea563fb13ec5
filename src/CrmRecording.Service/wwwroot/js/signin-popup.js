// The last page of the sign-in popup (/signin/popup/complete, or the page of a refused sign-in).
// It hands the outcome to the page that opened the popup — only if that page is this service's own
// origin, which postMessage's target origin enforces — and closes. Opened any other way it only
// says what happened. No token is ever stored by this page.
const data = JSON.parse(document.getElementById('crr-signin-result').textContent);
const status = document.getElementById('crr-signin-status');
const close = document.getElementById('crr-signin-close');

function openerIsOurs() {
  try {
    // Reading another origin's location throws; a page of ours answers with our origin.
    return Boolean(window.opener) && !window.opener.closed && window.opener.location.origin === window.location.origin;
  } catch {
    return false;
  }
}

if (window.opener && !window.opener.closed) {
  window.opener.postMessage(data, window.location.origin);
}

if (openerIsOurs()) {
  window.close();
} else if (data.type === 'crr-signin') {
  status.textContent = `You are signed in as ${data.user.name}. Go back to the page you came from; if it still asks you to sign in, choose Sign in there again.`;
}

close.hidden = false;
close.addEventListener('click', () => window.close());
