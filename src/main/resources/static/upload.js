// Choosing or dropping a file and sending it, with its refusals explained.

import { upload } from './api.js';
import { rerunOf } from './batch-actions.js';
import { showDetail } from './batch-detail.js';
import { STATUS_LABELS } from './batch-status.js';
import { batches, label, remember, schedulePoll, selectBatch } from './batches.js';
import { bytes, h } from './format.js';
import { clearNotice, failed, notify } from './notice.js';
import { saveFile } from './save-file.js';
import { $, session } from './session.js';
import { blocker, fileChosen, onReadiness, readyToSend } from './mapping.js';

const CSV_HEADER =
  'transaction_number,transaction_date,user_id,final_amount,sku_id,quantity,unit_price,line_total';

const chosen = { file: null, uploading: false };

function setFile(file) {
  chosen.file = file;
  fileChosen(file);
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

export function resetUploadForm() {
  resetFileInput();
  $('batch-name').value = '';
}

/** The second-chance switches as the upload sends them; max_errors only with partial. */
function chosenOptions() {
  const partial = $('partial').checked;
  return {
    onExisting: $('skip-existing').checked ? 'skip' : null,
    partial,
    maxErrors: partial ? $('max-errors').value.trim() : null,
  };
}

/** The merchant changed: the chosen file's preview was for the one before. */
export function merchantChanged() {
  if (chosen.file) fileChosen(chosen.file);
}

/**
 * The buttons stay focusable while the mapping is unfinished (aria-disabled, not disabled), so that
 * a keyboard user reaches them and hears why they do not import yet.
 */
function updateUploadButtons() {
  const reason = chosen.file ? blocker() : null;
  const line = $('upload-blocked');
  line.textContent = reason || '';
  line.hidden = !reason;
  for (const id of ['upload', 'check-file']) {
    const button = $(id);
    button.setAttribute('aria-disabled', String(Boolean(reason)));
    if (reason) button.setAttribute('aria-describedby', 'upload-blocked');
    else if (id === 'check-file') button.setAttribute('aria-describedby', 'check-file-help');
    else button.removeAttribute('aria-describedby');
  }
}

function setUploading(uploading, dryRun = false) {
  chosen.uploading = uploading;
  for (const id of ['upload', 'check-file']) {
    const button = $(id);
    button.disabled = uploading;
    button.setAttribute('aria-busy', String(uploading && (id === 'check-file') === dryRun));
  }
  $('upload').textContent = uploading && !dryRun ? 'Uploading…' : 'Import file';
  $('check-file').textContent = uploading && dryRun ? 'Uploading…' : 'Check whole file (dry run)';
  const bar = $('upload-progress');
  bar.hidden = !uploading;
  bar.value = 0;
}

/** Sends the chosen file, once the mapping step says with which profile (saving it if need be). */
async function submit(dryRun) {
  if (!chosen.file) {
    notify('error', 'Choose a file first', 'Pick a CSV file, or drop one on the upload area.');
    $('file').focus();
    return;
  }
  if (chosen.uploading) return;
  setUploading(true, dryRun);
  const file = chosen.file;
  let ready;
  try {
    ready = await readyToSend();
  } finally {
    setUploading(false);
  }
  if (file !== chosen.file) return;
  if (ready.refused) {
    notify('error', 'Not ready to import yet', ready.refused);
    return;
  }
  send({
    file,
    batchName: $('batch-name').value.trim(),
    dryRun,
    profile: ready.profile,
    ...chosenOptions(),
  });
}

async function send({
  file,
  batchName,
  dryRun,
  profile = null,
  allowDuplicate = false,
  onExisting = null,
  partial = false,
  maxErrors = null,
}) {
  if (chosen.uploading) return;
  const form = new FormData();
  form.append('merchant_id', session.merchantId);
  if (batchName) form.append('batch_name', batchName);
  if (dryRun) form.append('dry_run', 'true');
  if (profile) form.append('profile', profile);
  if (allowDuplicate) form.append('allow_duplicate', 'true');
  if (onExisting) form.append('on_existing', onExisting);
  if (partial) form.append('partial', 'true');
  if (partial && maxErrors) form.append('max_errors', maxErrors);
  form.append('file', file, file.name);
  const generation = session.generation;
  setUploading(true, dryRun);
  clearNotice();
  try {
    const batch = await upload(session.key, form, (percent) => {
      $('upload-progress').value = percent;
    });
    if (generation !== session.generation) return;
    notify(
      'success',
      `“${label(batch)}” was received`,
      dryRun
        ? 'It is queued for checking; nothing will be written. Follow it in the list below.'
        : 'It is queued for import. Follow its progress in the list below.',
    );
    resetUploadForm();
    remember(batch);
    batches.details.delete(batch.batch_id);
    await selectBatch(batch.batch_id);
    schedulePoll();
  } catch (error) {
    uploadRefused(error, { file, batchName, dryRun, profile, onExisting, partial, maxErrors });
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
      const earlier = batches.list.find((b) => b.batch_id === error.body.batch_id);
      const which = earlier
        ? `“${label(earlier)}” (${STATUS_LABELS[earlier.status]?.toLowerCase() || earlier.status})`
        : `batch ${error.body.batch_id}`;
      notify(
        'warning',
        'This file was uploaded before',
        upload.onExisting === 'skip'
          ? `This merchant already has an import of exactly this file: ${which}. Uploading it again with “Skip purchases that are already imported” writes only what is not in the ledger yet.`
          : `This merchant already has an import of exactly this file: ${which}. Upload it again only if you mean to; purchases that are already in the ledger will be refused as duplicates.`,
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
                onclick: () => showDetail(error.body.batch_id),
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

export function wireUpload() {
  $('template').addEventListener('click', () =>
    saveFile(new Blob([CSV_HEADER + '\n'], { type: 'text/csv' }), 'purchases-template.csv'),
  );
  $('file').addEventListener('change', (event) => setFile(event.target.files[0] || null));
  $('upload-form').addEventListener('submit', (event) => {
    event.preventDefault();
    submit(false);
  });
  $('check-file').addEventListener('click', () => submit(true));
  onReadiness(updateUploadButtons);
  $('rerun-file').addEventListener('change', (event) => {
    const file = event.target.files[0];
    const original = rerunOf.batch;
    rerunOf.batch = null;
    if (!file || !original) return;
    // The fixed file is read as the failed one was: with the same profile, if it had one.
    send({
      file,
      batchName: original.batch_name || '',
      dryRun: original.dry_run,
      profile: original.profile?.profile_id ?? null,
      // A fixed file of rows a partial import left out goes in as the original did.
      onExisting: original.on_existing === 'skip' ? 'skip' : null,
      partial: Boolean(original.partial),
      maxErrors: original.max_errors == null ? null : String(original.max_errors),
    });
  });
  $('partial').addEventListener('change', (event) => {
    $('max-errors-field').hidden = !event.target.checked;
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
}
