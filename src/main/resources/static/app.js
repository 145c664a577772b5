// The import page: sign in with an API key, choose a merchant (admin), upload CSV files (mapping the
// columns of a shop's or till's export to a saved profile), and follow the merchant's imports. Each
// module is one part of the page; this one puts them together.

import { renderDetail } from './batch-detail.js';
import { renderList } from './batch-list.js';
import { batches, loadList, onChange, POLL_MILLIS, stopPolling } from './batches.js';
import { wireMapping } from './mapping.js';
import { wireMerchant } from './merchant.js';
import { wireProfiles } from './profiles.js';
import { $ } from './session.js';
import { resumeSession, wireSignIn } from './sign-in.js';
import { wireUpload } from './upload.js';

function render() {
  renderList();
  renderDetail();
}

onChange(render);
wireSignIn();
wireMerchant();
wireUpload();
wireMapping();
wireProfiles();
$('refresh').addEventListener('click', () => {
  stopPolling();
  loadList();
});
// Durations of running imports tick even between status answers.
setInterval(() => {
  if (batches.list.some((b) => b.status === 'processing')) render();
}, POLL_MILLIS);
resumeSession();
