// The import page: sign in with an API key, choose a merchant (admin), upload CSV files, and follow
// the merchant's imports. Live progress comes from polling each unfinished batch's status once a
// second: EventSource cannot send the Authorization header, and plain polling survives proxies,
// sleeping laptops and restarts of the service without any reconnection logic.

import { ApiError, getJson, request, upload } from './api.js';
import {
  bytes,
  clockTime,
  count,
  dateTime,
  duration,
  h,
  seconds,
  shortDateTime,
  timeElement,
} from './format.js';

const KEY_STORAGE = 'crm-bulk-import.key';
const MERCHANT_STORAGE = 'crm-bulk-import.merchant';
const POLL_MILLIS = 1000;
// The status polled per tick; more unfinished batches than this wait for the next list refresh.
const POLLED_AT_ONCE = 8;
const CSV_HEADER =
  'transaction_number,transaction_date,user_id,final_amount,sku_id,quantity,unit_price,line_total';

const STATUS_LABELS = {
  pending: 'Pending',
  processing: 'Processing',
  completed: 'Completed',
  failed: 'Failed',
  cancelled: 'Cancelled',
};
const PHASE_LABELS = {
  queued: 'Waiting in the queue',
  parsing: 'Reading rows',
  validating: 'Checking against the ledger',
  writing: 'Writing to the ledger',
  done: 'Done',
};

const state = {
  key: null,
  me: null,
  merchantId: null,
  batches: [],
  details: new Map(),
  selectedId: null,
  file: null,
  rerunOf: null,
  uploading: false,
  generation: 0,
  timer: null,
};

const $ = (id) => document.getElementById(id);
const unfinished = (batch) => batch.status === 'pending' || batch.status === 'processing';
const label = (batch) => batch.batch_name || batch.file_name || 'Untitled import';

// ---------------------------------------------------------------- messages

function notify(kind, title, message = '', actions = []) {
  const notice = h(
    'div',
    { class: `notice notice-${kind}`, 'data-kind': kind },
    h(
      'div',
      { class: 'notice-body' },
      h('strong', { class: 'notice-title', id: 'notice-title', text: title }),
      message ? h('p', { class: 'notice-text', id: 'notice-text', text: message }) : null,
      actions.length ? h('div', { class: 'notice-actions' }, actions) : null,
    ),
    h('button', {
      class: 'notice-close',
      type: 'button',
      'aria-label': 'Dismiss this message',
      text: '×',
      onclick: clearNotice,
    }),
  );
  $('notice').replaceChildren(notice);
}

function clearNotice() {
  $('notice').replaceChildren();
}

/** An API failure outside the upload form; a key that stopped working signs the page out. */
function failed(error, title) {
  if (error instanceof ApiError && error.status === 401) {
    signOut('Your API key is no longer accepted. Sign in again with a valid key.');
    return;
  }
  notify('error', title, error.message);
}

// ---------------------------------------------------------------- signing in

function showSignIn(error) {
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
  state.key = key;
  state.me = me;
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
  sessionStorage.removeItem(MERCHANT_STORAGE);
  state.generation += 1;
  Object.assign(state, {
    key: null,
    me: null,
    merchantId: null,
    batches: [],
    selectedId: null,
    file: null,
    rerunOf: null,
  });
  state.details.clear();
  clearNotice();
  resetUploadForm();
  $('batch-rows').replaceChildren();
  $('batch-detail').hidden = true;
  $('batch-detail').replaceChildren();
  showSignIn(message);
  if (!message) notify('info', 'You are signed out', 'The key was removed from this tab.');
}

// ---------------------------------------------------------------- merchants

async function loadMerchants() {
  const select = $('merchant');
  let merchants;
  try {
    merchants = (await getJson(state.key, '/api/admin/merchants')).merchants;
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

function chooseMerchant(merchantId) {
  state.generation += 1;
  stopPolling();
  state.merchantId = merchantId;
  state.batches = [];
  state.details.clear();
  state.selectedId = null;
  $('batch-rows').replaceChildren();
  $('batch-detail').hidden = true;
  $('batch-detail').replaceChildren();
  $('upload-card').hidden = !merchantId;
  $('imports').hidden = !merchantId;
  if (state.me?.role === 'admin') {
    if (merchantId) sessionStorage.setItem(MERCHANT_STORAGE, merchantId);
    else sessionStorage.removeItem(MERCHANT_STORAGE);
  }
  if (merchantId) loadList();
}

// ---------------------------------------------------------------- the list and live updates

async function loadList() {
  const generation = state.generation;
  let body;
  try {
    body = await getJson(state.key, `/api/import/list/${state.merchantId}`);
  } catch (error) {
    if (generation === state.generation) failed(error, 'Could not load the imports');
    return;
  }
  if (generation !== state.generation) return;
  state.batches = body.batches;
  // The list has no errors: keep the status objects already fetched, unless the batch moved on.
  for (const batch of state.batches) {
    const known = state.details.get(batch.batch_id);
    if (known && known.status !== batch.status) state.details.delete(batch.batch_id);
  }
  render();
  schedulePoll();
  const selected = state.batches.find((b) => b.batch_id === state.selectedId);
  if (selected && !state.details.has(selected.batch_id)) selectBatch(selected.batch_id);
}

function schedulePoll() {
  if (state.timer === null && state.batches.some(unfinished)) {
    state.timer = setTimeout(poll, POLL_MILLIS);
  }
}

function stopPolling() {
  clearTimeout(state.timer);
  state.timer = null;
}

async function poll() {
  state.timer = null;
  const generation = state.generation;
  const watched = state.batches.filter(unfinished).slice(0, POLLED_AT_ONCE);
  let finishedAny = false;
  try {
    const statuses = await Promise.all(
      watched.map((b) => getJson(state.key, `/api/import/status/${b.batch_id}`)),
    );
    if (generation !== state.generation) return;
    for (const status of statuses) {
      finishedAny ||= !unfinished(status);
      remember(status);
    }
  } catch (error) {
    if (generation !== state.generation) return;
    if (error.status === 401) {
      failed(error);
      return;
    }
    // A network blip or a restart of the service: keep trying, quietly, at the same pace.
  }
  render();
  if (finishedAny) {
    await loadList();
  } else {
    schedulePoll();
  }
}

/**
 * Takes a fresh status object (with errors) into the list and the details, and says so when a
 * batch this page saw running has just finished.
 */
function remember(status) {
  const index = state.batches.findIndex((b) => b.batch_id === status.batch_id);
  const before = index >= 0 ? state.batches[index] : null;
  // A finished batch never runs again: an answer saying otherwise was sent before it finished.
  if (before && !unfinished(before) && unfinished(status)) return;
  state.details.set(status.batch_id, status);
  if (index >= 0) state.batches[index] = status;
  else state.batches.unshift(status);
  if (before && unfinished(before) && !unfinished(status)) announceFinished(status);
}

function announceFinished(batch) {
  const name = `“${label(batch)}”`;
  const dry = batch.dry_run;
  if (batch.status === 'completed') {
    notify(
      'success',
      dry ? `${name} passed the check` : `${name} is imported`,
      dry
        ? `All ${count(batch.total_rows)} rows are valid (${count(batch.purchases_count)} purchases); nothing was written.`
        : `${count(batch.purchases_count)} purchases with ${count(batch.items_count)} items were written to the ledger.`,
    );
  } else if (batch.status === 'failed') {
    notify(
      'error',
      `${name} failed`,
      batch.error_count > 0
        ? `${count(batch.error_count)} ${batch.error_count === 1 ? 'error' : 'errors'} found; nothing was imported. Fix the rows listed below and re-run it with the fixed file.`
        : batch.error_message || 'Nothing was imported.',
    );
  } else if (batch.status === 'cancelled') {
    notify('info', `${name} is cancelled`, 'Nothing of it was imported.');
  }
}

// ---------------------------------------------------------------- rendering

function render() {
  renderList();
  renderDetail();
}

function statusBadge(batch) {
  return h('span', {
    class: `badge badge-${batch.status}`,
    'data-field': 'status',
    text: STATUS_LABELS[batch.status] || batch.status,
  });
}

function progressLine(batch) {
  const p = batch.progress || {};
  if (batch.status === 'pending') {
    const place = p.queue_position ? ` · number ${p.queue_position} in line` : '';
    return {
      bar: h('progress', { class: 'progress', 'aria-label': `${label(batch)}: waiting to start` }),
      text: `Waiting to start${place}`,
    };
  }
  const percent = p.percent ?? 0;
  const rows = p.rows_done ? ` · ${count(p.rows_done)} rows` : '';
  const eta = p.eta_seconds ? ` · about ${seconds(p.eta_seconds)} left` : '';
  return {
    bar: h('progress', {
      class: 'progress',
      max: '100',
      value: String(percent),
      'aria-label': `${label(batch)}: ${percent}% done`,
    }),
    text: `${PHASE_LABELS[p.phase] || p.phase || 'Working'} · ${percent}%${rows}${eta}`,
  };
}

/** Replaces an element's children only when what they show changed, so focus survives ticks. */
function patch(element, signature, build) {
  if (element.dataset.sig === signature) return;
  element.dataset.sig = signature;
  element.replaceChildren(...[build()].flat().filter((c) => c !== null && c !== undefined));
}

function actionButtons(batch, where) {
  const buttons = [];
  if (unfinished(batch)) {
    buttons.push(
      h('button', {
        class: 'button button-danger-quiet',
        type: 'button',
        'data-action': 'cancel',
        'aria-label': `Cancel import ${label(batch)}`,
        text: 'Cancel',
        onclick: (event) => cancelBatch(batch.batch_id, event.currentTarget),
      }),
    );
  }
  if (batch.status === 'failed') {
    buttons.push(
      h('button', {
        class: where === 'detail' ? 'button button-primary' : 'button button-secondary',
        type: 'button',
        'data-action': 'rerun',
        'aria-label': `Re-run ${label(batch)} with a fixed file`,
        // The list has little room; the detail view says it in full.
        text: where === 'detail' ? 'Re-run with a fixed file' : 'Re-run',
        title: 'Re-run with a fixed file',
        onclick: () => rerun(batch.batch_id),
      }),
    );
  }
  return buttons;
}

const CELLS = [
  {
    key: 'name',
    label: 'Import',
    sig: (b) => [label(b), b.file_name, b.file_size, b.dry_run].join('|'),
    build: (b) => [
      h('button', {
        class: 'link-button',
        type: 'button',
        'data-action': 'open',
        'aria-label': `Show details of ${label(b)}`,
        text: label(b),
        onclick: () => selectBatch(b.batch_id, true),
      }),
      h(
        'span',
        { class: 'muted small block' },
        [b.batch_name ? b.file_name : null, bytes(b.file_size)].filter(Boolean).join(' · '),
      ),
      b.dry_run ? h('span', { class: 'badge badge-dry', text: 'Dry run' }) : null,
    ],
  },
  {
    key: 'status',
    label: 'Status',
    sig: (b) => JSON.stringify([b.status, b.progress]),
    build: (b) => {
      if (!unfinished(b)) return statusBadge(b);
      const { bar, text } = progressLine(b);
      return [statusBadge(b), bar, h('span', { class: 'muted small block', text })];
    },
  },
  { key: 'total_rows', label: 'Rows', num: true },
  { key: 'purchases_count', label: 'Purchases', num: true },
  { key: 'items_count', label: 'Items', num: true },
  {
    key: 'error_count',
    label: 'Errors',
    num: true,
    sig: (b) => String(b.error_count),
    build: (b) =>
      b.error_count > 0
        ? h('span', { class: 'error-count', text: count(b.error_count) })
        : count(b.error_count),
  },
  {
    key: 'created_at',
    label: 'Created',
    sig: (b) => b.created_at,
    build: (b) => timeElement(b.created_at, shortDateTime),
  },
  {
    key: 'duration',
    label: 'Duration',
    sig: (b) => seconds(duration(b)),
    build: (b) => seconds(duration(b)),
  },
  {
    key: 'actions',
    label: 'Actions',
    actions: true,
    sig: (b) => b.status,
    build: (b) => actionButtons(b, 'row'),
  },
];

function buildRow(batch) {
  const row = h('tr', { 'data-batch-id': batch.batch_id, 'data-testid': 'batch-row' });
  for (const cell of CELLS) {
    row.append(
      h('td', {
        'data-field': cell.key,
        'data-label': cell.label,
        class: [cell.num ? 'num' : '', cell.actions ? 'actions' : ''].join(' ').trim() || null,
      }),
    );
  }
  return row;
}

function fillRow(row, batch) {
  row.dataset.status = batch.status;
  row.classList.toggle('is-selected', batch.batch_id === state.selectedId);
  if (batch.batch_id === state.selectedId) row.setAttribute('aria-current', 'true');
  else row.removeAttribute('aria-current');
  for (const cell of CELLS) {
    const td = row.querySelector(`td[data-field="${cell.key}"]`);
    const sig = cell.sig ? cell.sig(batch) : String(batch[cell.key]);
    // One wrapper per cell, so that the phone layout's label and value stay two grid columns.
    patch(td, sig, () =>
      h('div', { class: 'cell' }, cell.build ? cell.build(batch) : count(batch[cell.key])),
    );
    td.classList.toggle('is-empty', Boolean(cell.actions) && !td.querySelector('button'));
  }
}

function renderList() {
  const body = $('batch-rows');
  const rows = new Map([...body.children].map((row) => [row.dataset.batchId, row]));
  state.batches.forEach((batch, index) => {
    let row = rows.get(batch.batch_id);
    if (!row) row = buildRow(batch);
    rows.delete(batch.batch_id);
    fillRow(row, batch);
    // Move rows only when they are out of place: moving the focused row would drop its focus.
    if (body.children[index] !== row) body.insertBefore(row, body.children[index] || null);
  });
  rows.forEach((row) => row.remove());
  $('imports-empty').hidden = state.batches.length > 0;
  $('batches').hidden = state.batches.length === 0;
}

function fact(name, value, field, wide = false) {
  return h(
    'div',
    { class: wide ? 'fact fact-wide' : 'fact' },
    h('dt', { text: name }),
    h('dd', { 'data-field': field }, value),
  );
}

function renderDetail() {
  const panel = $('batch-detail');
  const batch =
    state.details.get(state.selectedId) ||
    state.batches.find((b) => b.batch_id === state.selectedId);
  if (!batch) {
    panel.hidden = true;
    return;
  }
  if (panel.dataset.batchId !== batch.batch_id) {
    panel.dataset.batchId = batch.batch_id;
    panel.replaceChildren(
      h('div', { class: 'detail-head', id: 'detail-head' }),
      h('div', { class: 'detail-progress', id: 'detail-progress' }),
      h('dl', { class: 'facts', id: 'detail-facts' }),
      h('div', { class: 'detail-message', id: 'detail-message' }),
      h('div', { class: 'detail-actions', id: 'detail-actions' }),
      h('div', { class: 'detail-errors', id: 'detail-errors' }),
    );
  }
  panel.hidden = false;
  panel.dataset.status = batch.status;

  patch($('detail-head'), JSON.stringify([label(batch), batch.status, batch.dry_run]), () => [
    h(
      'div',
      { class: 'detail-title-row' },
      h('h2', { id: 'detail-title', tabindex: '-1', text: label(batch) }),
      statusBadge(batch),
      batch.dry_run ? h('span', { class: 'badge badge-dry', text: 'Dry run' }) : null,
    ),
    h(
      'p',
      { class: 'muted small' },
      [batch.file_name, bytes(batch.file_size)].filter(Boolean).join(' · '),
    ),
  ]);

  patch($('detail-progress'), JSON.stringify([batch.status, batch.progress]), () => {
    if (!unfinished(batch)) return [];
    const { bar, text } = progressLine(batch);
    bar.id = 'detail-progress-bar';
    return [bar, h('p', { class: 'small', text })];
  });

  const took = duration(batch);
  patch(
    $('detail-facts'),
    JSON.stringify([
      batch.total_rows,
      batch.purchases_count,
      batch.items_count,
      batch.error_count,
      batch.started_at,
      batch.completed_at,
      seconds(took),
    ]),
    () => [
      fact('Rows', count(batch.total_rows), 'total_rows'),
      fact('Purchases', count(batch.purchases_count), 'purchases_count'),
      fact('Items', count(batch.items_count), 'items_count'),
      fact('Errors', count(batch.error_count), 'error_count'),
      fact('Created', timeElement(batch.created_at), 'created_at'),
      fact('Started', timeElement(batch.started_at, clockTime), 'started_at'),
      fact('Finished', timeElement(batch.completed_at, clockTime), 'completed_at'),
      fact('Duration', seconds(took), 'duration'),
      fact('Batch id', h('code', { class: 'id', text: batch.batch_id }), 'batch_id', true),
    ],
  );

  patch(
    $('detail-message'),
    JSON.stringify([batch.status, batch.error_message, batch.warnings]),
    () => [
      batch.error_message && batch.status !== 'completed'
        ? h('p', { class: `callout callout-${batch.status}`, id: 'detail-error-message' }, batch.error_message)
        : null,
      batch.warnings?.length
        ? h(
            'ul',
            { class: 'warnings', 'aria-label': 'Warnings' },
            batch.warnings.map((w) => h('li', { text: w })),
          )
        : null,
    ],
  );

  patch($('detail-actions'), batch.status, () => actionButtons(batch, 'detail'));

  patch(
    $('detail-errors'),
    JSON.stringify([batch.batch_id, batch.error_count, batch.errors?.length ?? -1]),
    () => errorSection(batch),
  );
}

function errorSection(batch) {
  if (!batch.error_count) return [];
  const errors = batch.errors || [];
  const shown = errors.length;
  return [
    h(
      'div',
      { class: 'card-head' },
      h('h3', { id: 'errors-title', text: 'Errors' }),
      h('button', {
        class: 'button button-secondary',
        type: 'button',
        id: 'download-report',
        text: 'Download error report',
        onclick: (event) => downloadReport(batch.batch_id, event.currentTarget),
      }),
    ),
    h('p', {
      class: 'muted small',
      id: 'errors-note',
      text:
        batch.error_count > shown
          ? `Showing the first ${count(shown)} of ${count(batch.error_count)} errors. The error report has all of them, with each row's original values.`
          : `${count(batch.error_count)} ${batch.error_count === 1 ? 'error' : 'errors'}. The error report has each row's original values too.`,
    }),
    shown === 0
      ? h('p', { class: 'muted', text: 'Loading the errors…' })
      : h(
          'div',
          { class: 'table-wrap' },
          h(
            'table',
            { class: 'table table-compact stack-on-phone', id: 'errors', 'aria-labelledby': 'errors-title' },
            h(
              'thead',
              {},
              h(
                'tr',
                {},
                ['Line', 'Transaction', 'Column', 'Code', 'Message'].map((name) =>
                  h('th', { scope: 'col', class: name === 'Line' ? 'num' : null, text: name }),
                ),
              ),
            ),
            h(
              'tbody',
              {},
              errors.map((e) =>
                h(
                  'tr',
                  { 'data-testid': 'error-row' },
                  h('td', { class: 'num', 'data-label': 'Line', 'data-field': 'line', text: e.line ?? '—' }),
                  h('td', {
                    'data-label': 'Transaction',
                    'data-field': 'transaction_number',
                    text: e.transaction_number ?? '—',
                  }),
                  h('td', { 'data-label': 'Column', 'data-field': 'column', text: e.column ?? '—' }),
                  h(
                    'td',
                    { 'data-label': 'Code', 'data-field': 'code' },
                    h('code', { text: e.code }),
                  ),
                  h('td', { 'data-label': 'Message', 'data-field': 'message', text: e.message }),
                ),
              ),
            ),
          ),
        ),
  ];
}

// ---------------------------------------------------------------- actions on a batch

async function selectBatch(batchId, focus = false) {
  state.selectedId = batchId;
  render();
  if (focus) {
    $('batch-detail').scrollIntoView({ behavior: 'smooth', block: 'start' });
    $('detail-title')?.focus({ preventScroll: true });
  }
  const known = state.details.get(batchId);
  if (known && (unfinished(known) || known.errors)) return;
  const generation = state.generation;
  try {
    const status = await getJson(state.key, `/api/import/status/${batchId}`);
    if (generation !== state.generation) return;
    remember(status);
    render();
    schedulePoll();
  } catch (error) {
    failed(error, 'Could not load this import');
  }
}

async function cancelBatch(batchId, button) {
  button.disabled = true;
  const batch = state.batches.find((b) => b.batch_id === batchId);
  const name = `“${batch ? label(batch) : batchId}”`;
  try {
    const response = await request(state.key, 'POST', `/api/import/${batchId}/cancel`);
    const view = await response.json();
    remember({ ...state.details.get(batchId), ...view });
    notify(
      'info',
      response.status === 202 ? `Stopping ${name}…` : `${name} is cancelled`,
      response.status === 202
        ? 'It was running; it stops at the next check and rolls back. Nothing of it will be imported.'
        : 'It had not started; nothing of it was imported.',
    );
  } catch (error) {
    if (error.status === 409) {
      notify('warning', `${name} could not be cancelled`, error.message);
    } else {
      failed(error, `Could not cancel ${name}`);
    }
    button.disabled = false;
    // Whatever happened, show the batch as it is now.
    try {
      remember(await getJson(state.key, `/api/import/status/${batchId}`));
    } catch {
      // The notice already says what went wrong.
    }
  }
  render();
  schedulePoll();
}

function rerun(batchId) {
  state.rerunOf = state.batches.find((b) => b.batch_id === batchId) || null;
  const input = $('rerun-file');
  input.value = '';
  input.click();
}

async function downloadReport(batchId, button) {
  button.disabled = true;
  button.setAttribute('aria-busy', 'true');
  try {
    const response = await request(state.key, 'GET', `/api/import/status/${batchId}/errors.csv`, {
      accept: 'text/csv',
    });
    saveFile(await response.blob(), `errors-${batchId}.csv`);
  } catch (error) {
    failed(error, 'Could not download the error report');
  } finally {
    button.disabled = false;
    button.removeAttribute('aria-busy');
  }
}

function saveFile(blob, name) {
  const url = URL.createObjectURL(blob);
  const link = h('a', { href: url, download: name, class: 'visually-hidden', text: name });
  document.body.append(link);
  link.click();
  link.remove();
  // Revoking at once can cut the download short in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

// ---------------------------------------------------------------- uploading

function setFile(file) {
  state.file = file;
  const summary = $('file-summary');
  $('dropzone').classList.toggle('has-file', Boolean(file));
  document.querySelector('.dropzone-title').textContent = file
    ? 'Choose another file'
    : 'Choose a CSV file';
  if (!file) {
    summary.textContent = 'No file chosen yet.';
    return;
  }
  summary.replaceChildren(
    h('span', { class: 'file-name', id: 'chosen-file', text: file.name }),
    h('span', { class: 'muted', text: ` · ${bytes(file.size)}` }),
    h('button', {
      class: 'button-link small',
      type: 'button',
      id: 'clear-file',
      text: 'Remove',
      'aria-label': `Remove ${file.name}`,
      onclick: () => {
        resetFileInput();
        $('file').focus();
      },
    }),
  );
}

function resetFileInput() {
  $('file').value = '';
  setFile(null);
}

function resetUploadForm() {
  resetFileInput();
  $('batch-name').value = '';
  $('dry-run').checked = false;
  updateUploadButton();
}

function updateUploadButton() {
  if (!state.uploading) {
    $('upload').textContent = $('dry-run').checked ? 'Check file' : 'Import file';
  }
}

function setUploading(uploading) {
  state.uploading = uploading;
  const button = $('upload');
  button.disabled = uploading;
  button.setAttribute('aria-busy', String(uploading));
  button.textContent = uploading ? 'Uploading…' : '';
  const bar = $('upload-progress');
  bar.hidden = !uploading;
  bar.value = 0;
  updateUploadButton();
}

async function send({ file, batchName, dryRun, allowDuplicate = false }) {
  if (state.uploading) return;
  const form = new FormData();
  form.append('merchant_id', state.merchantId);
  if (batchName) form.append('batch_name', batchName);
  if (dryRun) form.append('dry_run', 'true');
  if (allowDuplicate) form.append('allow_duplicate', 'true');
  form.append('file', file, file.name);
  const generation = state.generation;
  setUploading(true);
  clearNotice();
  try {
    const batch = await upload(state.key, form, (percent) => {
      $('upload-progress').value = percent;
    });
    if (generation !== state.generation) return;
    notify(
      'success',
      `“${label(batch)}” was received`,
      dryRun
        ? 'It is queued for checking; nothing will be written. Follow it in the list below.'
        : 'It is queued for import. Follow its progress in the list below.',
    );
    resetUploadForm();
    remember(batch);
    state.details.delete(batch.batch_id);
    await selectBatch(batch.batch_id);
    schedulePoll();
  } catch (error) {
    uploadRefused(error, { file, batchName, dryRun });
  } finally {
    setUploading(false);
  }
}

function uploadRefused(error, upload) {
  if (error.status === 401) {
    failed(error);
    return;
  }
  switch (error.code) {
    case 'duplicate_file': {
      const earlier = state.batches.find((b) => b.batch_id === error.body.batch_id);
      const which = earlier
        ? `“${label(earlier)}” (${STATUS_LABELS[earlier.status]?.toLowerCase() || earlier.status})`
        : `batch ${error.body.batch_id}`;
      notify(
        'warning',
        'This file was uploaded before',
        `This merchant already has an import of exactly this file: ${which}. Upload it again only if you mean to; purchases that are already in the ledger will be refused as duplicates.`,
        [
          h('button', {
            class: 'button button-primary',
            type: 'button',
            id: 'upload-anyway',
            text: 'Upload anyway',
            onclick: () => send({ ...upload, allowDuplicate: true }),
          }),
          error.body.batch_id
            ? h('button', {
                class: 'button button-secondary',
                type: 'button',
                id: 'show-earlier',
                text: 'Show the earlier import',
                onclick: () => selectBatch(error.body.batch_id, true),
              })
            : null,
        ].filter(Boolean),
      );
      return;
    }
    case 'file_too_large':
      notify('error', 'The file is too large', error.message);
      return;
    case 'unknown_merchant':
      notify('error', 'Unknown merchant', `${error.message} Choose another merchant, or sign in again.`);
      return;
    case 'network':
      notify('error', 'No connection to the service', error.message);
      return;
    default:
      notify(
        'error',
        error.status === 415 ? 'This file cannot be imported' : 'The upload was refused',
        error.message,
      );
  }
}

// ---------------------------------------------------------------- wiring

function wire() {
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
  $('merchant').addEventListener('change', (event) => {
    clearNotice();
    chooseMerchant(event.target.value || null);
  });
  $('refresh').addEventListener('click', () => {
    stopPolling();
    loadList();
  });
  $('template').addEventListener('click', () =>
    saveFile(new Blob([CSV_HEADER + '\n'], { type: 'text/csv' }), 'purchases-template.csv'),
  );

  $('file').addEventListener('change', (event) => setFile(event.target.files[0] || null));
  $('dry-run').addEventListener('change', updateUploadButton);
  $('upload-form').addEventListener('submit', (event) => {
    event.preventDefault();
    if (!state.file) {
      notify('error', 'Choose a file first', 'Pick a CSV file, or drop one on the upload area.');
      $('file').focus();
      return;
    }
    send({
      file: state.file,
      batchName: $('batch-name').value.trim(),
      dryRun: $('dry-run').checked,
    });
  });
  $('rerun-file').addEventListener('change', (event) => {
    const file = event.target.files[0];
    const original = state.rerunOf;
    state.rerunOf = null;
    if (!file || !original) return;
    send({ file, batchName: original.batch_name || '', dryRun: original.dry_run });
  });

  const zone = $('dropzone');
  for (const type of ['dragenter', 'dragover']) {
    zone.addEventListener(type, (event) => {
      event.preventDefault();
      event.dataTransfer.dropEffect = 'copy';
      zone.classList.add('is-dragging');
    });
  }
  zone.addEventListener('dragleave', (event) => {
    if (!zone.contains(event.relatedTarget)) zone.classList.remove('is-dragging');
  });
  zone.addEventListener('drop', (event) => {
    event.preventDefault();
    zone.classList.remove('is-dragging');
    const files = event.dataTransfer.files;
    if (!files.length) return;
    setFile(files[0]);
    if (files.length > 1) {
      notify('info', 'One file at a time', `Using ${files[0].name}; upload the others after it.`);
    }
  });
  // A file dropped beside the zone would otherwise replace the page with the file.
  for (const type of ['dragover', 'drop']) {
    window.addEventListener(type, (event) => {
      if (!zone.contains(event.target)) event.preventDefault();
    });
  }
  // Durations of running imports tick even between status answers.
  setInterval(() => {
    if (state.batches.some((b) => b.status === 'processing')) render();
  }, POLL_MILLIS);
}

wire();
const saved = sessionStorage.getItem(KEY_STORAGE);
if (saved) {
  signIn(saved, true);
} else {
  showSignIn();
}
