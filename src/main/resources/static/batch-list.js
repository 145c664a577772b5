// The merchant's last imports as a table (cards on a phone), patched in place on every change so
// that focus and scrolling survive the once-a-second updates.

import { actionButtons } from './batch-actions.js';
import { showDetail } from './batch-detail.js';
import { patch, progressLine, statusBadge } from './batch-status.js';
import { batches, label, unfinished } from './batches.js';
import { bytes, count, duration, h, seconds, shortDateTime, timeElement } from './format.js';
import { $ } from './session.js';

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
        onclick: () => showDetail(b.batch_id),
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
  row.classList.toggle('is-selected', batch.batch_id === batches.selectedId);
  if (batch.batch_id === batches.selectedId) row.setAttribute('aria-current', 'true');
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

export function renderList() {
  const body = $('batch-rows');
  const rows = new Map([...body.children].map((row) => [row.dataset.batchId, row]));
  batches.list.forEach((batch, index) => {
    let row = rows.get(batch.batch_id);
    if (!row) row = buildRow(batch);
    rows.delete(batch.batch_id);
    fillRow(row, batch);
    // Move rows only when they are out of place: moving the focused row would drop its focus.
    if (body.children[index] !== row) body.insertBefore(row, body.children[index] || null);
  });
  rows.forEach((row) => row.remove());
  $('imports-empty').hidden = batches.list.length > 0;
  $('batches').hidden = batches.list.length === 0;
}
