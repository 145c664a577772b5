// The merchant's imports as the page knows them, kept fresh by polling. Live progress comes from
// polling each unfinished batch's status once a second: EventSource cannot send the Authorization
// header, and plain polling survives proxies, sleeping laptops and restarts of the service without
// any reconnection logic. The views subscribe to changes; this module knows nothing of them.

import { getJson } from './api.js';
import { count } from './format.js';
import { failed, notify } from './notice.js';
import { session } from './session.js';

export const POLL_MILLIS = 1000;
// The status polled per tick; more unfinished batches than this wait for the next list refresh.
const POLLED_AT_ONCE = 8;

export const batches = {
  list: [],
  details: new Map(),
  selectedId: null,
  timer: null,
};

export const unfinished = (batch) => batch.status === 'pending' || batch.status === 'processing';
export const label = (batch) => batch.batch_name || batch.file_name || 'Untitled import';

const listeners = [];

/** Calls `listener` after every change of the list, a batch or the selection. */
export function onChange(listener) {
  listeners.push(listener);
}

export function changed() {
  listeners.forEach((listener) => listener());
}

/** Forgets every batch; the caller clears what showed them (a render would say "no imports"). */
export function clearBatches() {
  stopPolling();
  batches.list = [];
  batches.details.clear();
  batches.selectedId = null;
}

export async function loadList() {
  const generation = session.generation;
  let body;
  try {
    body = await getJson(session.key, `/api/import/list/${session.merchantId}`);
  } catch (error) {
    if (generation === session.generation) failed(error, 'Could not load the imports');
    return;
  }
  if (generation !== session.generation) return;
  batches.list = body.batches;
  // The list has no errors: keep the status objects already fetched, unless the batch moved on.
  for (const batch of batches.list) {
    const known = batches.details.get(batch.batch_id);
    if (known && known.status !== batch.status) batches.details.delete(batch.batch_id);
  }
  changed();
  schedulePoll();
  const selected = batches.list.find((b) => b.batch_id === batches.selectedId);
  if (selected && !batches.details.has(selected.batch_id)) selectBatch(selected.batch_id);
}

export function schedulePoll() {
  if (batches.timer === null && batches.list.some(unfinished)) {
    batches.timer = setTimeout(poll, POLL_MILLIS);
  }
}

export function stopPolling() {
  clearTimeout(batches.timer);
  batches.timer = null;
}

async function poll() {
  batches.timer = null;
  const generation = session.generation;
  const watched = batches.list.filter(unfinished).slice(0, POLLED_AT_ONCE);
  let finishedAny = false;
  try {
    const statuses = await Promise.all(
      watched.map((b) => getJson(session.key, `/api/import/status/${b.batch_id}`)),
    );
    if (generation !== session.generation) return;
    for (const status of statuses) {
      finishedAny ||= !unfinished(status);
      remember(status);
    }
  } catch (error) {
    if (generation !== session.generation) return;
    if (error.status === 401) {
      failed(error);
      return;
    }
    // A network blip or a restart of the service: keep trying, quietly, at the same pace.
  }
  changed();
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
export function remember(status) {
  const index = batches.list.findIndex((b) => b.batch_id === status.batch_id);
  const before = index >= 0 ? batches.list[index] : null;
  // A finished batch never runs again: an answer saying otherwise was sent before it finished.
  if (before && !unfinished(before) && unfinished(status)) return;
  batches.details.set(status.batch_id, status);
  if (index >= 0) batches.list[index] = status;
  else batches.list.unshift(status);
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

/** Selects a batch and fetches its status with errors, unless the page has it already. */
export async function selectBatch(batchId) {
  batches.selectedId = batchId;
  changed();
  const known = batches.details.get(batchId);
  if (known && (unfinished(known) || known.errors)) return;
  const generation = session.generation;
  try {
    const status = await getJson(session.key, `/api/import/status/${batchId}`);
    if (generation !== session.generation) return;
    remember(status);
    changed();
    schedulePoll();
  } catch (error) {
    failed(error, 'Could not load this import');
  }
}
