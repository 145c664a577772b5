// The selected batch in full: its facts, progress, message, actions and errors.

import { actionButtons } from './batch-actions.js';
import { patch, progressLine, statusBadge } from './batch-status.js';
import { batches, label, selectBatch, unfinished } from './batches.js';
import { errorSection } from './errors.js';
import { bytes, clockTime, count, dateTime, duration, h, seconds, timeElement } from './format.js';
import { $ } from './session.js';

/** Selects a batch and moves the reader to its details. */
export function showDetail(batchId) {
  const loading = selectBatch(batchId);
  $('batch-detail').scrollIntoView({ behavior: 'smooth', block: 'start' });
  $('detail-title')?.focus({ preventScroll: true });
  return loading;
}

export function clearDetail() {
  const panel = $('batch-detail');
  panel.hidden = true;
  panel.replaceChildren();
  delete panel.dataset.batchId;
}

const plural = (n, one, many) => `${count(n)} ${n === 1 ? one : many}`;

/** Who reverted the batch: the admin, or a merchant key by its id. */
function reverter(batch) {
  return batch.reverted_by === 'admin' ? 'the admin' : `key ${batch.reverted_by}`;
}

function fact(name, value, field, wide = false) {
  return h(
    'div',
    { class: wide ? 'fact fact-wide' : 'fact' },
    h('dt', { text: name }),
    h('dd', { 'data-field': field }, value),
  );
}

export function renderDetail() {
  const panel = $('batch-detail');
  const batch =
    batches.details.get(batches.selectedId) ||
    batches.list.find((b) => b.batch_id === batches.selectedId);
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
      batch.profile?.name,
      batch.sheet,
      batch.skipped_purchases,
      batch.rejected_purchases,
      batch.rejected_rows,
      batch.reverted_at,
      batch.reverted_by,
    ]),
    () => [
      fact('Rows', count(batch.total_rows), 'total_rows'),
      fact('Purchases', count(batch.purchases_count), 'purchases_count'),
      fact('Items', count(batch.items_count), 'items_count'),
      fact('Errors', count(batch.error_count), 'error_count'),
      batch.skipped_purchases != null
        ? fact('Skipped', `${count(batch.skipped_purchases)} already imported`, 'skipped_purchases')
        : null,
      batch.rejected_purchases != null
        ? fact(
            'Left out',
            `${count(batch.rejected_purchases)} ${batch.rejected_purchases === 1 ? 'purchase' : 'purchases'} (${count(batch.rejected_rows)} ${batch.rejected_rows === 1 ? 'row' : 'rows'})`,
            'rejected_purchases',
          )
        : null,
      fact('Created', timeElement(batch.created_at), 'created_at'),
      fact('Started', timeElement(batch.started_at, clockTime), 'started_at'),
      fact('Finished', timeElement(batch.completed_at, clockTime), 'completed_at'),
      fact('Duration', seconds(took), 'duration'),
      batch.reverted_at ? fact('Reverted', timeElement(batch.reverted_at), 'reverted_at') : null,
      batch.reverted_at
        ? fact(
            'Reverted by',
            batch.reverted_by === 'admin'
              ? 'Admin'
              : h('span', {}, 'Key ', h('code', { class: 'id', text: batch.reverted_by })),
            'reverted_by',
            true,
          )
        : null,
      batch.profile ? fact('Read with', batch.profile.name, 'profile', true) : null,
      batch.sheet ? fact('Sheet', batch.sheet, 'sheet', true) : null,
      fact('Batch id', h('code', { class: 'id', text: batch.batch_id }), 'batch_id', true),
    ],
  );

  patch(
    $('detail-message'),
    JSON.stringify([batch.status, batch.error_message, batch.warnings, batch.reverted_at]),
    () => [
      batch.status === 'reverted'
        ? h(
            'p',
            { class: 'callout callout-reverted', id: 'detail-revert-message' },
            `Reverted ${dateTime(batch.reverted_at)} by ${reverter(batch)}: the ` +
              `${plural(batch.purchases_count, 'purchase', 'purchases')} and ` +
              `${plural(batch.items_count, 'item', 'items')} it wrote are no longer in the ledger.`,
          )
        : null,
      batch.error_message && batch.status !== 'completed'
        ? h('p', { class: `callout callout-${batch.status}`, id: 'detail-error-message' }, batch.error_message)
        : null,
      // A partial import that left purchases out completed, and says what it left out.
      batch.error_message && batch.status === 'completed'
        ? h('p', { class: 'callout callout-partial', id: 'detail-error-message' }, batch.error_message)
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
