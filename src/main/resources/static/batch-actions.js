// What can be done to a batch from the list or its details: cancel it, re-run it with a fixed file,
// download its error report.

import { request, getJson } from './api.js';
import { batches, changed, label, remember, schedulePoll, unfinished } from './batches.js';
import { h } from './format.js';
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
  return buttons;
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
