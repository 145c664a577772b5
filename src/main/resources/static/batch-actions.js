// What can be done to a batch from the list or its details: cancel it, re-run it with a fixed file,
// revert it, download its error report.

import { request, getJson, postJson } from './api.js';
import { batches, changed, label, remember, schedulePoll, unfinished } from './batches.js';
import { count, h } from './format.js';
import { failed, notify } from './notice.js';
import { saveFile } from './save-file.js';
import { $, session } from './session.js';

export function actionButtons(batch, where) {
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
  // Only in the details, where the counts it removes are in view: a row's button is one slip away.
  if (where === 'detail' && revertible(batch)) {
    buttons.push(
      h('button', {
        class: 'button button-danger-quiet',
        type: 'button',
        'data-action': 'revert',
        'aria-label': `Revert import ${label(batch)}`,
        text: 'Revert',
        onclick: (event) => revertBatch(batch.batch_id, event.currentTarget),
      }),
    );
  }
  return buttons;
}

/** Whether the batch's rows are in the ledger for a revert to take out again. */
export const revertible = (batch) =>
  batch.status === 'completed' && !batch.dry_run && batch.purchases_count > 0;

const plural = (n, one, many) => `${count(n)} ${n === 1 ? one : many}`;

/** The page's one confirmation dialog for reverts, made when first needed. */
function revertDialog() {
  const existing = $('revert-dialog');
  if (existing) return existing;
  const dialog = h(
    'dialog',
    {
      class: 'dialog',
      id: 'revert-dialog',
      'aria-labelledby': 'revert-dialog-title',
      'aria-describedby': 'revert-dialog-text',
    },
    // method=dialog: either button closes it, and its value says which one it was.
    h(
      'form',
      { method: 'dialog' },
      h('h2', { id: 'revert-dialog-title' }),
      h('p', { id: 'revert-dialog-text' }),
      h(
        'div',
        { class: 'dialog-actions' },
        h('button', { class: 'button button-quiet', value: 'keep', text: 'Keep it', autofocus: true }),
        h('button', {
          class: 'button button-danger',
          value: 'revert',
          'data-action': 'confirm-revert',
          text: 'Revert import',
        }),
      ),
    ),
  );
  document.body.append(dialog);
  return dialog;
}

/** Asks whether to revert the batch, saying what goes; resolves true for "Revert import". */
function confirmRevert(batch) {
  const dialog = revertDialog();
  $('revert-dialog-title').textContent = `Revert “${label(batch)}”?`;
  $('revert-dialog-text').textContent =
    `This removes the ${plural(batch.purchases_count, 'purchase', 'purchases')} and ` +
    `${plural(batch.items_count, 'item', 'items')} this import wrote from the ledger. ` +
    'It cannot be undone.';
  dialog.returnValue = '';
  dialog.showModal();
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => resolve(dialog.returnValue === 'revert'), { once: true });
  });
}

async function revertBatch(batchId, button) {
  const batch = batches.details.get(batchId) || batches.list.find((b) => b.batch_id === batchId);
  if (!batch || !(await confirmRevert(batch))) {
    button.focus();
    return;
  }
  button.disabled = true;
  const name = `“${label(batch)}”`;
  try {
    const view = await postJson(session.key, `/api/import/${batchId}/revert`);
    remember(view);
    notify(
      'success',
      `${name} is reverted`,
      `Removed its ${plural(view.purchases_count, 'purchase', 'purchases')} and ` +
        `${plural(view.items_count, 'item', 'items')} from the ledger.`,
    );
  } catch (error) {
    if (error.status === 409) {
      notify('warning', `${name} could not be reverted`, error.message);
    } else {
      failed(error, `Could not revert ${name}`);
    }
    button.disabled = false;
    // Whatever happened, show the batch as it is now.
    try {
      remember(await getJson(session.key, `/api/import/status/${batchId}`));
    } catch {
      // The notice already says what went wrong.
    }
  }
  changed();
  // The button is gone with the state it belonged to; the reader stays on this import.
  if (!button.isConnected) $('detail-title')?.focus({ preventScroll: true });
}

async function cancelBatch(batchId, button) {
  button.disabled = true;
  const batch = batches.list.find((b) => b.batch_id === batchId);
  const name = `“${batch ? label(batch) : batchId}”`;
  try {
    const response = await request(session.key, 'POST', `/api/import/${batchId}/cancel`);
    const view = await response.json();
    remember({ ...batches.details.get(batchId), ...view });
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
      remember(await getJson(session.key, `/api/import/status/${batchId}`));
    } catch {
      // The notice already says what went wrong.
    }
  }
  changed();
  schedulePoll();
}

/**
 * Asks for the fixed file through the page's hidden file input; the upload module sends what is
 * chosen there, under the failed batch's name (see `rerunOf`).
 */
function rerun(batchId) {
  rerunOf.batch = batches.list.find((b) => b.batch_id === batchId) || null;
  const input = $('rerun-file');
  input.value = '';
  input.click();
}

/** The batch a re-run's file is for, until the upload module takes it. */
export const rerunOf = { batch: null };

export async function downloadReport(batchId, button, name = `errors-${batchId}.csv`) {
  button.disabled = true;
  button.setAttribute('aria-busy', 'true');
  try {
    const response = await request(session.key, 'GET', `/api/import/status/${batchId}/errors.csv`, {
      accept: 'text/csv',
    });
    saveFile(await response.blob(), name);
  } catch (error) {
    failed(error, 'Could not download the error report');
  } finally {
    button.disabled = false;
    button.removeAttribute('aria-busy');
  }
}
