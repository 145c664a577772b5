// The step between choosing a file and importing it: the service previews the file's head, and the
// page says what it makes of it. A file in the contract's own columns goes straight through; one
// whose header a saved profile or a preset fits is recognised and imports with it; any other is
// mapped here, saved as a profile, and recognised from then on.
//
// What the first rows become is worked out on the page, from the edited mapping, on every change:
// the service previews only with a saved profile, and saving on each keystroke would fill the
// merchant's list with half-made profiles. The service's own problems (unknown customers, products
// that do not exist) are shown for the mapping it last previewed: the suggestion, or the profile
// just saved, which is previewed again at once. While the mapping differs from that one, the page
// shows the problems it can see itself and says that the rest are checked on saving.

import { postForm, sendJson } from './api.js';
import { h } from './format.js';
import { failed } from './notice.js';
import { $, session } from './session.js';
import { buildEditor, syncEditor } from './mapping-editor.js';
import {
  PROFILE_SETTINGS,
  FIELDS,
  SKU_KEYS,
  USER_KEYS,
  fieldLabel,
  isContractHeader,
  rowsAsImported,
  unplaced,
} from './mapping-model.js';

/**
 * The service reads a file's first megabyte. One byte more tells it that the head is cut, so that
 * it drops the partial last line instead of reporting it as a broken row.
 */
const HEAD_BYTES = 1 << 20;

/**
 * What of a file the preview needs: a CSV's (or a gzip file's) first megabyte, one byte more so the
 * service can tell it was cut; a workbook whole, since a zip is read from its end.
 */
function head(file) {
  const workbook =
    /\.xlsx$/i.test(file.name) ||
    file.type === 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  return workbook ? file : file.slice(0, HEAD_BYTES + 1);
}

const SHOWN_ROWS = 10;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const step = {
  file: null,
  /** idle, reading, contract, failed (no preview: the upload will say why), or mapped. */
  mode: 'idle',
  header: [],
  rows: [],
  body: null,
  assigned: [],
  /** The saved profile or preset the body is (or was saved as); null for a guess. */
  profileId: null,
  profileName: null,
  /** The body as the service knows it under profileId; a different body is unsaved. */
  synced: null,
  problems: [],
  problemsFor: null,
  questions: [],
  answered: new Set(),
  editing: false,
  pending: null,
  error: null,
  token: 0,
};

let readinessListener = () => {};

/** Calls `listener` whenever whether the file can be imported, and why not, may have changed. */
export function onReadiness(listener) {
  readinessListener = listener;
}

const isPreset = () => step.profileId !== null && !UUID.test(step.profileId);

function canonical(body) {
  const out = {};
  for (const key of PROFILE_SETTINGS) out[key] = body[key] ?? null;
  const columns = {};
  for (const { key } of FIELDS) if (body.columns?.[key]) columns[key] = body.columns[key];
  out.columns = columns;
  return JSON.stringify(out);
}

const dirty = () => step.body !== null && canonical(step.body) !== step.synced;

/** A name to save a new mapping under: the file's name without its extension, dates and months. */
const MONTH = /^(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*$/i;
function nameFromFile(file) {
  const words = file.name.replace(/\.[^.]+$/, '').split(/[-_ .]+/).filter(Boolean);
  while (words.length && (/\d/.test(words.at(-1)) || MONTH.test(words.at(-1)))) words.pop();
  const base = words.join(' ');
  return base ? base[0].toUpperCase() + base.slice(1) : 'My export';
}

export function clearStep() {
  step.token += 1;
  Object.assign(step, {
    file: null,
    mode: 'idle',
    header: [],
    rows: [],
    body: null,
    profileId: null,
    profileName: null,
    synced: null,
    problems: [],
    problemsFor: null,
    questions: [],
    editing: false,
    pending: null,
    error: null,
  });
  step.answered = new Set();
  render(true);
}

/** Previews a newly chosen file. */
export function fileChosen(file) {
  clearStep();
  if (!file) return;
  step.file = file;
  step.mode = 'reading';
  render(true);
  step.pending = preview(null);
}

async function preview(profile) {
  const token = step.token;
  const form = new FormData();
  form.append('merchant_id', session.merchantId);
  if (profile) form.append('profile', profile);
  form.append('file', head(step.file), step.file.name);
  let answer;
  try {
    answer = await postForm(session.key, '/api/import/preview', form);
  } catch (error) {
    if (token !== step.token) return;
    if (error.status === 401) {
      failed(error);
      return;
    }
    step.mode = 'failed';
    step.error = error.message;
    render(true);
    return;
  }
  if (token !== step.token) return;
  take(answer, Boolean(profile));
}

function take(answer, again) {
  const suggestion = answer.suggestion;
  step.header = answer.header || [];
  step.rows = answer.rows || [];
  // Not text (an archive, a spreadsheet) or not UTF-8: nothing here can be mapped, and the upload
  // refuses such files with a message of its own.
  if (answer.encoding?.startsWith('not UTF-8')) {
    step.mode = 'failed';
    step.error = `it is ${answer.encoding}.`;
    render(true);
    return;
  }
  if (!suggestion || step.header.length === 0) {
    step.mode = 'failed';
    step.error = answer.problems?.[0]?.message || 'The file has no header row.';
    render(true);
    return;
  }
  if (isContractHeader(step.header)) {
    step.mode = 'contract';
    render(true);
    return;
  }
  // Edited again while the saved profile was being previewed: those edits are the page's to check.
  if (again && step.body && canonical(step.body) !== step.synced) return;
  const { unmapped: _unmapped, ambiguities, profile_id: profileId, ...body } = suggestion;
  step.mode = 'mapped';
  step.body = body;
  step.profileId = profileId ?? null;
  step.profileName = profileId ? body.name : null;
  step.synced = profileId ? canonical(body) : null;
  step.problems = answer.problems || [];
  step.problemsFor = canonical(body);
  if (!again) {
    // A preview with a named profile asks nothing; the questions answered before still stand.
    step.questions = ambiguities || [];
    step.answered = new Set();
    step.editing = !profileId;
    if (!profileId) body.name = nameFromFile(step.file);
  }
  render(!again);
}

/** Opens a saved profile in the editor, with no file: its headers stand in for the file's. */
export function editProfile(profile) {
  clearStep();
  const { profile_id: profileId, merchant_id: _m, created_at: _c, updated_at: _u, preset, ...body } = profile;
  step.mode = 'mapped';
  step.header = Object.values(body.columns).flat();
  step.body = body;
  step.profileId = profileId;
  step.profileName = body.name;
  step.synced = canonical(body);
  step.problemsFor = step.synced;
  step.editing = true;
  render(true);
  $('mapping').scrollIntoView({ behavior: 'smooth', block: 'start' });
  $('mapping-editor')?.querySelector('select')?.focus({ preventScroll: true });
}

/** Why the file cannot be imported as it stands, or null when it can. */
export function blocker() {
  if (step.mode !== 'mapped') return null;
  if (!step.file) return 'Choose a file to import with this profile.';
  if (!step.editing && !dirty()) return null;
  const missing = unplaced(step.body.columns || {});
  if (missing.length) {
    return `Place ${missing.join(', ')} before importing: choose the column of the file that feeds ${missing.length === 1 ? 'it' : 'them'}.`;
  }
  const open = step.questions.filter((q) => q.options.length && !step.answered.has(q.field));
  if (open.length) return `Answer ${open.length === 1 ? 'the question' : 'the questions'} above first: ${open[0].message}`;
  if (!step.body.name?.trim()) return 'Give the profile a name: the mapping is saved under it.';
  return null;
}

/**
 * What to send the file with: `{ profile }` (null for none), or `{ refused }` with why not. A
 * mapping that is not saved yet is saved first: the upload names a profile, it does not carry one.
 */
export async function readyToSend() {
  if (step.pending) await step.pending;
  if (step.mode !== 'mapped') return { profile: null };
  const reason = blocker();
  if (reason) {
    focusBlocker();
    return { refused: reason };
  }
  if (!dirty() && step.profileId) return { profile: step.profileId };
  const saved = await save(false);
  return saved ? { profile: saved } : { refused: $('profile-error').textContent };
}

function focusBlocker() {
  const missing = document.querySelector('#mapping-columns select.column-field');
  const open = document.querySelector('#questions .is-open input');
  if (unplaced(step.body.columns || {}).length && missing) missing.focus();
  else if (open) open.focus();
  else $('profile-name').focus();
}

/** Saves the mapping: over the profile it came from, or as a new one. Returns its id, or null. */
async function save(asNew) {
  const error = $('profile-error');
  error.hidden = true;
  const missing = unplaced(step.body.columns || {});
  if (missing.length) {
    showSaveError(`Place ${missing.join(', ')} first: a profile needs a column for ${missing.length === 1 ? 'it' : 'each'}.`);
    return null;
  }
  const body = JSON.parse(canonical(step.body));
  if (!body.name?.trim()) {
    showSaveError('Give the profile a name.');
    return null;
  }
  const replacing = step.profileId && !isPreset() && !asNew;
  if (isPreset() && body.name === step.profileName) body.name = `${body.name} (your copy)`;
  const button = $('save-profile');
  button.disabled = true;
  let saved;
  try {
    saved = replacing
      ? await sendJson(session.key, 'PUT', `/api/import/profiles/${step.profileId}`, body)
      : await sendJson(session.key, 'POST', '/api/import/profiles', {
          ...body,
          merchant_id: session.merchantId,
        });
  } catch (failure) {
    if (failure.status === 401) failed(failure);
    else showSaveError(failure.message);
    return null;
  } finally {
    button.disabled = false;
  }
  step.body.name = saved.name;
  step.profileId = saved.profile_id;
  step.profileName = saved.name;
  step.synced = canonical(step.body);
  document.dispatchEvent(new CustomEvent('profiles-changed'));
  render(false);
  // The service's checks of the first rows under the saved profile.
  if (step.file) step.pending = preview(saved.profile_id);
  return saved.profile_id;
}

function showSaveError(message) {
  const error = $('profile-error');
  error.textContent = message;
  error.hidden = false;
  $('profile-name').focus();
}

/** A profile was deleted or renamed elsewhere on the page. */
export function profileChanged(profileId, profile) {
  if (step.profileId !== profileId) return;
  if (!profile) {
    step.profileId = null;
    step.profileName = null;
    step.synced = null;
  } else {
    step.profileName = profile.name;
    if (!dirty()) {
      step.body.name = profile.name;
      step.synced = canonical(step.body);
    }
  }
  render(false);
}

// ---------------------------------------------------------------- the view

function edited() {
  render(false);
}

function render(rebuild) {
  const panel = $('mapping');
  panel.hidden = step.mode === 'idle';
  renderStatus();
  const slot = $('mapping-editor-slot');
  const showEditor = step.mode === 'mapped' && step.editing;
  if (rebuild || (showEditor && !slot.firstChild) || (!showEditor && slot.firstChild)) {
    slot.replaceChildren(showEditor ? buildEditor(step, edited) : '');
  }
  if (showEditor) syncEditor();
  renderSave(showEditor);
  renderRows();
  renderProblems();
  readinessListener();
}

function renderStatus() {
  const box = $('file-check');
  const name = step.file ? `“${step.file.name}”` : 'The file';
  let content;
  switch (step.mode) {
    case 'reading':
      content = [h('span', { class: 'spinner', 'aria-hidden': 'true' }), `Reading the first rows of ${name}…`];
      break;
    case 'contract':
      content = `${name} has the service’s own columns: it is imported as it is.`;
      break;
    case 'failed':
      content = `Could not preview ${name}: ${step.error} Importing it shows what the service says.`;
      break;
    case 'mapped': {
      const unsaved = dirty() && step.profileId ? ' · changes not saved yet' : '';
      if (!step.profileId) {
        content = step.file
          ? `${name} has columns of its own. Say what each one is; the mapping is kept for the next file like it.`
          : '';
      } else {
        content = [
          h('span', { class: 'recognised-label', text: step.editing ? 'Mapping: ' : 'Recognised: ' }),
          h('strong', { id: 'recognised-name', text: step.profileName }),
          h('span', {
            class: 'muted',
            text: ` · ${isPreset() ? 'a preset for this kind of export' : 'your saved profile'}${unsaved}`,
          }),
          step.editing
            ? null
            : h('button', {
                class: 'button button-secondary button-small',
                type: 'button',
                id: 'adjust-mapping',
                text: 'Adjust mapping',
                'aria-label': `Adjust the mapping of ${step.profileName}`,
                onclick: () => {
                  step.editing = true;
                  render(true);
                  $('mapping-columns')?.querySelector('select')?.focus();
                },
              }),
        ];
      }
      break;
    }
    default:
      content = '';
  }
  box.dataset.mode = step.mode;
  box.replaceChildren(...[content].flat().filter(Boolean));
  const notes =
    step.mode === 'mapped' && !step.editing
      ? step.questions.map((q) => h('li', { text: q.message }))
      : [];
  $('file-notes').replaceChildren(...notes);
  $('file-notes').hidden = notes.length === 0;
}

function renderSave(show) {
  $('profile-save').hidden = !show;
  if (!show) return;
  const input = $('profile-name');
  if (document.activeElement !== input) input.value = step.body.name || '';
  const replacing = step.profileId && !isPreset();
  $('save-profile').textContent = replacing ? `Save changes to “${step.profileName}”` : 'Save as profile';
  $('save-as-new').hidden = !replacing;
  const missing = unplaced(step.body.columns || {});
  $('unplaced').textContent = missing.length
    ? `Still to place: ${missing.join(', ')}.`
    : 'Every required part of a purchase has a column.';
  $('unplaced').classList.toggle('is-missing', missing.length > 0);
}

function keyLabel(keys, value) {
  return keys.find((k) => k.value === value)?.short || value;
}

function renderRows() {
  const box = $('mapping-rows');
  if (step.mode !== 'mapped' || step.rows.length === 0) {
    box.replaceChildren();
    return;
  }
  const { rows } = rowsAsImported(step.header, step.rows.slice(0, SHOWN_ROWS), step.body);
  const by = keyLabel(USER_KEYS, step.body.user_key);
  const productBy = keyLabel(SKU_KEYS, step.body.sku_key);
  const cells = [
    ['line', 'Line', (r) => r.line, true],
    ['transaction_number', 'Order', (r) => r.number || '—'],
    ['transaction_date', 'Date (UTC)', (r) => r.date || '—'],
    ['user', 'Customer', (r) => r.user || '—'],
    ['sku', 'Product', (r) => r.sku || '—'],
    ['quantity', 'Quantity', (r) => r.quantity || '—', true],
    ['unit_price', 'Unit price', (r) => r.unitPrice, true],
    ['line_total', 'Line total', (r) => r.lineTotal, true],
    ['final_amount', 'Order total', (r) => r.finalAmount, true],
  ];
  box.replaceChildren(
    h('h3', { id: 'preview-title', text: 'The first rows as they will be imported' }),
    h('p', {
      class: 'hint',
      text: `Customers by ${by}, products by ${productBy}. ${step.body.columns?.final_amount ? '' : 'Without an order total column, each order’s total is the sum of its lines. '}${step.rows.length > SHOWN_ROWS ? `The first ${SHOWN_ROWS} rows are shown.` : ''}`,
    }),
    h(
      'div',
      { class: 'table-wrap' },
      h(
        'table',
        { class: 'table table-compact stack-on-phone', id: 'preview-rows', 'aria-labelledby': 'preview-title' },
        h('thead', {}, h('tr', {}, cells.map(([, label, , num]) => h('th', { scope: 'col', class: num ? 'num' : null, text: label })))),
        h(
          'tbody',
          {},
          rows.map((r) =>
            h(
              'tr',
              { 'data-line': r.line },
              cells.map(([key, label, value, num]) =>
                h('td', { 'data-field': key, 'data-label': label, class: num ? 'num' : null, text: value(r) }),
              ),
            ),
          ),
        ),
      ),
    ),
  );
}

function renderProblems() {
  const box = $('mapping-problems');
  if (step.mode !== 'mapped' || step.rows.length === 0) {
    box.replaceChildren();
    return;
  }
  const fromService = step.problemsFor === canonical(step.body);
  const problems = fromService
    ? step.problems
    : rowsAsImported(step.header, step.rows, step.body).problems;
  const shown = problems.slice(0, 20);
  const where = (p) => {
    const column = p.column || (p.field ? fieldLabel(p.field) : null);
    return [p.line ? `Line ${p.line}` : null, column].filter(Boolean).join(' · ');
  };
  box.replaceChildren(
    h('h3', { id: 'problems-title', text: problems.length ? `Problems in these rows (${problems.length})` : 'Problems in these rows' }),
    problems.length
      ? h(
          'ul',
          { class: 'problems', id: 'preview-problems', 'aria-labelledby': 'problems-title' },
          shown.map((p) =>
            h(
              'li',
              { 'data-code': p.code || null },
              h('span', { class: 'problem-where', text: where(p) }),
              h('span', { text: p.message }),
            ),
          ),
        )
      : h('p', {
          class: 'ok-line',
          id: 'preview-problems-none',
          text: fromService
            ? 'None: the service found no problem in these rows.'
            : 'None that the page can see.',
        }),
    fromService
      ? null
      : h('p', {
          class: 'hint',
          text: 'Customers and products are looked up when the mapping is saved (importing saves it); “Check whole file” checks every row.',
        }),
  );
}

export function wireMapping() {
  $('profile-name').addEventListener('input', (event) => {
    step.body.name = event.target.value;
    render(false);
  });
  $('save-profile').addEventListener('click', () => save(false));
  $('save-as-new').addEventListener('click', () => save(true));
}
