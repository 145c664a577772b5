// The mapping editor: the file's columns with examples and the field each feeds, how customers and
// products are found, how dates and amounts are written (chosen from examples of the file's own
// values), and the questions the service could not decide. It edits `step.body` in place and calls
// `edited()` after each change; it is built once per file, then only synchronised, so that the
// control in use keeps its focus.

import { NUMBER_STYLES, readAmount, show } from './amounts.js';
import { DATE_PATTERNS, readDate, sayDate } from './dates.js';
import { h } from './format.js';
import {
  FIELDS,
  SKU_KEYS,
  USER_KEYS,
  amountSamples,
  assignments,
  columnsOf,
  dateSamples,
  samples,
} from './mapping-model.js';

const OTHER = '__other';
const ROUNDING = [
  { value: 'reject', label: 'Refuse an amount with more decimals than that' },
  { value: 'half_up', label: 'Round half up (2.345 → 2.35)' },
  { value: 'half_even', label: 'Round half to even (2.345 → 2.34)' },
];
const ZONES = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];

let step;
let edited;

function select(id, labelText, options, value, onchange, describedBy) {
  return [
    h('label', { for: id, text: labelText }),
    h(
      'select',
      { id, onchange, 'aria-describedby': describedBy || null },
      options.map((o) => h('option', { value: o.value, text: o.label, selected: o.value === value })),
    ),
  ];
}

function field(...children) {
  return h('div', { class: 'field' }, ...children);
}

/** Builds the editor for the step's header and rows; `onEdit` runs after every change. */
export function buildEditor(theStep, onEdit) {
  step = theStep;
  edited = onEdit;
  step.assigned = assignments(step.header, step.body.columns);
  const body = step.body;
  const editor = h(
    'div',
    { class: 'mapping-editor', id: 'mapping-editor' },
    h('h3', { id: 'mapping-title', text: 'Match the file’s columns' }),
    h('p', {
      class: 'hint',
      id: 'mapping-help',
      text: 'Each column of the file feeds one part of a purchase, or is not imported. The suggestions come from the column names and values; change any of them.',
    }),
    h('p', { class: 'unplaced', id: 'unplaced', role: 'status', 'aria-live': 'polite' }),
    h(
      'div',
      { class: 'table-wrap' },
      h(
        'table',
        { class: 'table table-compact stack-on-phone mapping-columns', id: 'mapping-columns' },
        h('caption', { class: 'visually-hidden', text: 'The file’s columns and what each feeds' }),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            h('th', { scope: 'col', text: 'Column in the file' }),
            h('th', { scope: 'col', text: 'Examples' }),
            h('th', { scope: 'col', text: 'Imported as' }),
          ),
        ),
        h(
          'tbody',
          {},
          step.header.map((name, i) =>
            h(
              'tr',
              { 'data-column': name },
              h('th', { scope: 'row', 'data-label': 'Column', class: 'column-name', text: name || `(column ${i + 1})` }),
              h(
                'td',
                { 'data-label': 'Examples' },
                h(
                  'div',
                  { class: 'examples' },
                  samples(step.rows, i).map((v) => h('span', { class: 'example', text: v })),
                ),
              ),
              h(
                'td',
                { 'data-label': 'Imported as' },
                h(
                  'select',
                  {
                    class: 'column-field',
                    'data-column': name,
                    'aria-label': `Column “${name}” is imported as`,
                    onchange: (event) => assign(i, event.target.value),
                  },
                  h('option', { value: '', text: 'Not imported' }),
                  FIELDS.map((f) => h('option', { value: f.key, text: f.label })),
                ),
              ),
            ),
          ),
        ),
      ),
    ),
    h(
      'fieldset',
      { class: 'mapping-group' },
      h('legend', { text: 'How customers and products are found' }),
      h(
        'div',
        { class: 'mapping-grid' },
        field(...select('user-key', 'Customers are found by', USER_KEYS, body.user_key, (e) => set('user_key', e.target.value))),
        field(...select('sku-key', 'Products are found by', SKU_KEYS, body.sku_key, (e) => set('sku_key', e.target.value))),
        h(
          'div',
          { class: 'field', id: 'phone-region-field' },
          h('label', { for: 'phone-region', text: 'Country of phone numbers without a country code' }),
          h('input', {
            id: 'phone-region',
            type: 'text',
            maxlength: '2',
            autocomplete: 'off',
            placeholder: 'e.g. US',
            'aria-describedby': 'phone-region-help',
            value: body.phone_region || '',
            oninput: (e) => set('phone_region', e.target.value.trim().toUpperCase() || null),
          }),
          h('p', { class: 'hint', id: 'phone-region-help', text: 'Two letters: US, GB, DE…' }),
        ),
      ),
    ),
    h(
      'fieldset',
      { class: 'mapping-group' },
      h('legend', { text: 'How dates and amounts are written' }),
      h(
        'div',
        { class: 'mapping-grid' },
        field(
          h('label', { for: 'date-format', text: 'Dates look like' }),
          h('select', { id: 'date-format', onchange: (e) => chooseDateFormat(e.target.value) }),
          h(
            'div',
            { class: 'field', id: 'date-pattern-field' },
            h('label', { for: 'date-pattern', text: 'Date pattern (java.time, e.g. dd.MM.yyyy HH:mm)' }),
            h('input', {
              id: 'date-pattern',
              type: 'text',
              autocomplete: 'off',
              spellcheck: 'false',
              oninput: (e) => set('date_format', e.target.value.trim() || 'iso'),
            }),
          ),
        ),
        field(
          h('label', { for: 'time-zone', text: 'Time zone of dates without an offset' }),
          h('input', {
            id: 'time-zone',
            type: 'text',
            list: 'time-zones',
            autocomplete: 'off',
            spellcheck: 'false',
            value: body.time_zone || 'UTC',
            oninput: (e) => set('time_zone', e.target.value.trim() || 'UTC'),
          }),
          h('datalist', { id: 'time-zones' }, ZONES.map((z) => h('option', { value: z }))),
        ),
        field(
          h('label', { for: 'number-style', text: 'Amounts look like' }),
          h('select', { id: 'number-style', onchange: (e) => chooseNumberStyle(e.target.value) }),
        ),
        field(
          ...select(
            'rounding',
            'Amounts with more than 2 decimals',
            ROUNDING,
            body.rounding,
            (e) => set('rounding', e.target.value),
          ),
        ),
      ),
      h(
        'div',
        { class: 'mapping-checks' },
        checkbox('currency', 'Amounts carry a currency ($12.50, 12,50 €, EUR 12.50)', 'currency'),
        checkbox(
          'first-row',
          'The date, customer and order total stand only on an order’s first row',
          'purchase_fields_on_first_row',
        ),
      ),
    ),
    h('div', { class: 'questions', id: 'questions' }),
  );
  return editor;
}

function checkbox(id, text, setting) {
  return h(
    'div',
    { class: 'check' },
    h('input', {
      id,
      type: 'checkbox',
      checked: Boolean(step.body[setting]),
      onchange: (e) => set(setting, e.target.checked),
    }),
    h('label', { for: id, text }),
  );
}

function assign(index, fieldKey) {
  // A field is fed by one column: choosing it here takes it from the column that had it.
  if (fieldKey) step.assigned = step.assigned.map((f, i) => (f === fieldKey && i !== index ? '' : f));
  step.assigned[index] = fieldKey;
  step.body.columns = columnsOf(step.header, step.assigned);
  edited();
}

function set(setting, value) {
  step.body[setting] = value;
  step.answered.add(setting);
  edited();
}

function chooseDateFormat(value) {
  const pattern = document.getElementById('date-pattern');
  if (value === OTHER) {
    document.getElementById('date-pattern-field').hidden = false;
    pattern.value = step.body.date_format === 'iso' ? '' : step.body.date_format;
    pattern.focus();
    return;
  }
  set('date_format', value);
}

function chooseNumberStyle(value) {
  const style = NUMBER_STYLES[Number(value)];
  step.body.thousands_separator = style.thousands_separator;
  set('decimal_separator', style.decimal_separator);
}

/** Brings every control in line with `step.body`, and the date and number examples with the columns. */
export function syncEditor() {
  const body = step.body;
  step.assigned = assignments(step.header, body.columns);
  document.querySelectorAll('#mapping-columns select.column-field').forEach((el, i) => {
    el.value = step.assigned[i] || '';
  });
  setValue('user-key', body.user_key);
  setValue('sku-key', body.sku_key);
  document.getElementById('phone-region-field').hidden = body.user_key !== 'phone';
  setValue('rounding', body.rounding);
  document.getElementById('currency').checked = Boolean(body.currency);
  document.getElementById('first-row').checked = Boolean(body.purchase_fields_on_first_row);
  syncDateFormats();
  syncNumberStyles();
  syncQuestions();
}

function setValue(id, value) {
  const el = document.getElementById(id);
  if (el.value !== value) el.value = value;
}

/** The date patterns that read every sample, each shown as what the first sample becomes. */
function syncDateFormats() {
  const values = dateSamples(step.header, step.rows, step.body.columns);
  const current = step.body.date_format || 'iso';
  const example = values[0];
  const options = [];
  const said = new Set();
  for (const pattern of DATE_PATTERNS) {
    const reads = values.length > 0 && values.every((v) => readDate(v, pattern));
    if (!reads && pattern !== current) continue;
    const text = example ? sayDate(readDate(example, pattern)) : null;
    // Patterns that read the samples alike (…Z and …XXX) are one choice for a person.
    if (text && said.has(text) && pattern !== current) continue;
    if (text) said.add(text);
    options.push({
      value: pattern,
      label: example
        ? `${example} → ${text || 'does not read as a date'}`
        : pattern === 'iso'
          ? 'ISO, e.g. 2024-01-15T10:00:00Z'
          : pattern,
    });
  }
  if (!options.some((o) => o.value === current)) {
    options.push({ value: current, label: `${current} (your pattern)` });
  }
  options.push({ value: OTHER, label: 'Another format: type its pattern…' });
  const sel = document.getElementById('date-format');
  const signature = JSON.stringify(options);
  if (sel.dataset.sig !== signature) {
    sel.dataset.sig = signature;
    sel.replaceChildren(...options.map((o) => h('option', { value: o.value, text: o.label })));
  }
  sel.value = current;
  // While a pattern is being typed its field stays, even when the pattern is one of the examples.
  const typingNow = document.activeElement?.id === 'date-pattern';
  document.getElementById('date-pattern-field').hidden = !typingNow && DATE_PATTERNS.includes(current);
  if (!typingNow) document.getElementById('date-pattern').value = current === 'iso' ? '' : current;
}

function syncNumberStyles() {
  const values = amountSamples(step.header, step.rows, step.body.columns);
  const example = values.find((v) => /[.,' \u00A0]/.test(v)) || values[0];
  const body = step.body;
  const currentIndex = NUMBER_STYLES.findIndex(
    (s) =>
      s.decimal_separator === body.decimal_separator &&
      s.thousands_separator === (body.thousands_separator ?? null),
  );
  const options = NUMBER_STYLES.map((style, i) => {
    const settings = { ...style, currency: body.currency };
    const reads = values.length === 0 || values.every((v) => readAmount(v, settings));
    if (!reads && i !== currentIndex) return null;
    const read = example ? readAmount(example, settings) : null;
    return {
      value: String(i),
      label: example
        ? `${style.example} · ${example} is ${read ? show(read) : 'not a number this way'}`
        : style.example,
    };
  }).filter(Boolean);
  const sel = document.getElementById('number-style');
  const signature = JSON.stringify(options);
  if (sel.dataset.sig !== signature) {
    sel.dataset.sig = signature;
    sel.replaceChildren(...options.map((o) => h('option', { value: o.value, text: o.label })));
  }
  sel.value = String(currentIndex);
}

const QUESTION_SETTINGS = {
  date_format: 'Dates',
  decimal_separator: 'Amounts',
  rounding: 'Rounding',
  time_zone: 'Time zone',
  phone_region: 'Phone numbers',
};

/** The service's open questions, each answered with radio buttons that say what the choice means. */
function syncQuestions() {
  const box = document.getElementById('questions');
  const signature = JSON.stringify(step.questions.map((q) => [q.field, q.message, q.options]));
  if (box.dataset.sig !== signature) {
    box.dataset.sig = signature;
    box.replaceChildren(
      ...step.questions.map((q) =>
        h(
          'fieldset',
          { class: 'question', 'data-question': q.field, id: `question-${q.field}` },
          h('legend', { text: `${QUESTION_SETTINGS[q.field] || q.field}: ${q.message}` }),
          q.options.length
            ? q.options.map((option, i) =>
                h(
                  'div',
                  { class: 'check' },
                  h('input', {
                    type: 'radio',
                    name: `question-${q.field}`,
                    id: `question-${q.field}-${i}`,
                    value: option,
                    onchange: () => answer(q.field, option),
                  }),
                  h('label', { for: `question-${q.field}-${i}`, text: optionLabel(q, option) }),
                ),
              )
            : h('p', { class: 'hint', text: 'Set it above.' }),
        ),
      ),
    );
  }
  for (const q of step.questions) {
    q.options.forEach((option, i) => {
      const radio = document.getElementById(`question-${q.field}-${i}`);
      radio.checked = step.answered.has(q.field) && String(step.body[q.field]) === option;
    });
    document
      .getElementById(`question-${q.field}`)
      .classList.toggle('is-open', q.options.length > 0 && !step.answered.has(q.field));
  }
}

function answer(setting, option) {
  if (setting === 'decimal_separator') {
    // The other separator, if any, can no longer be the decimal one.
    if (step.body.thousands_separator === option) {
      step.body.thousands_separator = option === ',' ? '.' : ',';
    }
  }
  set(setting, option);
}

/** What choosing an option means, in the file's own terms. */
function optionLabel(question, option) {
  if (question.field === 'date_format') {
    const example = question.message.match(/\d{1,2}\/\d{1,2}\/\d{2,4}/)?.[0];
    const read = example ? readDate(example, option.split(' ')[0]) : null;
    const order = option.startsWith('d') ? 'day first' : 'month first';
    return read ? `${sayDate(read)} (${order})` : option;
  }
  if (question.field === 'decimal_separator') {
    const value = question.message.match(/^Is (\S+)/)?.[1];
    const thousands = option === ',' ? '.' : ',';
    const read = value ? readAmount(value, { decimal_separator: option, thousands_separator: thousands }) : null;
    return read ? `Decimals after “${option}”: ${value} is ${show(read)}` : `Decimals after “${option}”`;
  }
  if (question.field === 'rounding') {
    return ROUNDING.find((r) => r.value === option)?.label || option;
  }
  return option;
}
