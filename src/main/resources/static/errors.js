// A batch's errors: the first ones by line, and the full report as a download. For a partial
// import that left purchases out, the download is the file of the rows left out, to fix and upload.

import { downloadReport } from './batch-actions.js';
import { count, h } from './format.js';
import { fieldLabel } from './mapping-model.js';

export function errorSection(batch) {
  if (!batch.error_count) return [];
  const errors = batch.errors || [];
  const shown = errors.length;
  // With a profile, `column` is the file's own header; the field it feeds helps to read the message.
  const feeds = Boolean(batch.profile);
  const headings = ['Line', 'Transaction', 'Column', feeds ? 'Feeds' : null, 'Code', 'Message'];
  const leftOut = batch.partial && !batch.dry_run && batch.status !== 'failed' && batch.rejected_rows > 0;
  return [
    h(
      'div',
      { class: 'card-head' },
      h('h3', { id: 'errors-title', text: leftOut ? 'Purchases left out' : 'Errors' }),
      h('button', {
        class: 'button button-secondary',
        type: 'button',
        id: 'download-report',
        text: leftOut ? 'Download rejected rows' : 'Download error report',
        onclick: (event) =>
          downloadReport(
            batch.batch_id,
            event.currentTarget,
            leftOut ? `rejected-rows-${batch.batch_id}.csv` : undefined,
          ),
      }),
    ),
    h('p', {
      class: 'muted small',
      id: 'errors-note',
      text: leftOut
        ? `These ${count(batch.rejected_rows)} ${batch.rejected_rows === 1 ? 'row was' : 'rows were'} not imported. The download has each of them with its original values, in the file's own columns: fix them and upload that file, or the whole fixed file with “Skip purchases that are already imported” ticked.`
        : batch.error_count > shown
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
                headings
                  .filter(Boolean)
                  .map((name) =>
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
                  feeds
                    ? h('td', { 'data-label': 'Feeds', 'data-field': 'field', text: e.field ? fieldLabel(e.field) : '—' })
                    : null,
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
