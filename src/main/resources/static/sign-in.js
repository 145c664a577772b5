// Signing in with an API key, kept in this tab's sessionStorage until signing out.

import { getJson } from './api.js';
import { stopPolling } from './batches.js';
import { chooseMerchant, forgetChosenMerchant, forgetMerchant, loadMerchants } from './merchant.js';
import { clearNotice, notify } from './notice.js';
import { $, session } from './session.js';
import { resetUploadForm } from './upload.js';

const KEY_STORAGE = 'crm-bulk-import.key';

export function showSignIn(error) {
  stopPolling();
  $('workspace').hidden = true;
  $('session').hidden = true;
  $('signin').hidden = false;
  const errorLine = $('signin-error');
  errorLine.textContent = error || '';
  errorLine.hidden = !error;
  const input = $('api-key');
  input.setAttribute('aria-invalid', error ? 'true' : 'false');
  if (error) input.setAttribute('aria-describedby', 'signin-error api-key-help');
  else input.setAttribute('aria-describedby', 'api-key-help');
  input.focus();
}

async function signIn(key, restoring = false) {
  const button = $('sign-in');
  button.disabled = true;
  button.textContent = 'Signing in…';
  let me;
  try {
    me = await getJson(key, '/api/me');
  } catch (error) {
    sessionStorage.removeItem(KEY_STORAGE);
    if (error.status === 401) {
      showSignIn(
        restoring
          ? 'Your saved API key is no longer accepted. Sign in again.'
          : 'That API key was not accepted. Check that you copied all of it; a revoked key no longer works.',
      );
    } else {
      showSignIn(error.message);
    }
    return;
  } finally {
    button.disabled = false;
    button.textContent = 'Sign in';
  }
  session.key = key;
  session.me = me;
  sessionStorage.setItem(KEY_STORAGE, key);
  clearNotice();
  $('api-key').value = '';
  $('signin').hidden = true;
  $('signin-error').hidden = true;
  $('session').hidden = false;
  $('workspace').hidden = false;
  if (me.role === 'admin') {
    $('whoami').textContent = 'Signed in as admin';
    $('merchant-picker').hidden = false;
    await loadMerchants();
  } else {
    $('whoami').textContent = `Signed in for ${me.merchant_name || me.merchant_id}`;
    $('merchant-picker').hidden = true;
    chooseMerchant(me.merchant_id);
    $('file').focus();
  }
}

function signOut(message) {
  sessionStorage.removeItem(KEY_STORAGE);
  forgetChosenMerchant();
  session.generation += 1;
  Object.assign(session, { key: null, me: null, merchantId: null });
  forgetMerchant();
  clearNotice();
  resetUploadForm();
  showSignIn(message);
  if (!message) notify('info', 'You are signed out', 'The key was removed from this tab.');
}

export function wireSignIn() {
  $('signin-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const key = $('api-key').value.trim();
    if (!key) {
      showSignIn('Enter your API key.');
      return;
    }
    signIn(key);
  });
  $('sign-out').addEventListener('click', () => signOut());
  document.addEventListener('key-refused', () =>
    signOut('Your API key is no longer accepted. Sign in again with a valid key.'),
  );
}

/** Signs in again with the key this tab kept, or asks for one. */
export function resumeSession() {
  const saved = sessionStorage.getItem(KEY_STORAGE);
  if (saved) {
    signIn(saved, true);
  } else {
    showSignIn();
  }
}
