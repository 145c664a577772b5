// How a batch's state reads: a badge with a word, and a progress line while it runs.

import { count, h, seconds } from './format.js';
import { label } from './batches.js';

export const STATUS_LABELS = {
  pending: 'Pending',
  processing: 'Processing',
  completed: 'Completed',
  failed: 'Failed',
  cancelled: 'Cancelled',
  reverted: 'Reverted',
};

const PHASE_LABELS = {
  queued: 'Waiting in the queue',
  parsing: 'Reading rows',
  validating: 'Checking against the ledger',
  writing: 'Writing to the ledger',
  done: 'Done',
};

export function statusBadge(batch) {
  return h('span', {
    class: `badge badge-${batch.status}`,
    'data-field': 'status',
    text: STATUS_LABELS[batch.status] || batch.status,
  });
}

export function progressLine(batch) {
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
export function patch(element, signature, build) {
  if (element.dataset.sig === signature) return;
  element.dataset.sig = signature;
  element.replaceChildren(...[build()].flat().filter((c) => c !== null && c !== undefined));
}
