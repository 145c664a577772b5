// Which merchant the page imports for: the admin chooses one, a merchant key has its own.

import { getJson } from './api.js';
import { clearBatches, loadList } from './batches.js';
import { clearDetail } from './batch-detail.js';
import { h } from './format.js';
import { clearNotice, failed } from './notice.js';
import { clearProfiles, loadProfiles } from './profiles.js';
import { $, session } from './session.js';
import { merchantChanged } from './upload.js';

const MERCHANT_STORAGE = 'crm-bulk-import.merchant';

export async function loadMerchants() {
  const select = $('merchant');
  let merchants;
  try {
    merchants = (await getJson(session.key, '/api/admin/merchants')).merchants;
  } catch (error) {
    failed(error, 'Could not load the merchants');
    return;
  }
  select.replaceChildren(
    h('option', { value: '', text: merchants.length ? 'Choose a merchant…' : 'No merchants yet' }),
    ...merchants.map((m) => h('option', { value: m.id, text: m.name || m.id })),
  );
  const remembered = sessionStorage.getItem(MERCHANT_STORAGE);
  const initial = merchants.some((m) => m.id === remembered)
    ? remembered
    : merchants.length === 1
      ? merchants[0].id
      : '';
  select.value = initial;
  chooseMerchant(initial || null);
  select.focus();
}

export function chooseMerchant(merchantId) {
  session.generation += 1;
  session.merchantId = merchantId;
  forgetMerchant();
  $('upload-card').hidden = !merchantId;
  $('imports').hidden = !merchantId;
  $('profiles-card').hidden = !merchantId;
  if (session.me?.role === 'admin') {
    if (merchantId) sessionStorage.setItem(MERCHANT_STORAGE, merchantId);
    else sessionStorage.removeItem(MERCHANT_STORAGE);
  }
  if (merchantId) {
    loadList();
    loadProfiles();
    merchantChanged();
  }
}

/** Clears what the page shows of the merchant; for a new merchant, or signing out. */
export function forgetMerchant() {
  clearBatches();
  $('batch-rows').replaceChildren();
  clearDetail();
  clearProfiles();
}

export function forgetChosenMerchant() {
  sessionStorage.removeItem(MERCHANT_STORAGE);
}

export function wireMerchant() {
  $('merchant').addEventListener('change', (event) => {
    clearNotice();
    chooseMerchant(event.target.value || null);
  });
}
