// What a mapping means, without the page: which column feeds which field, what is still unplaced,
// and what a file's first rows become under a profile body. Plain functions over the preview's
// header and rows and a profile body (the API's shape), so the editor and the views share one truth.

import { add, divide, multiply, readAmount, round, show } from './amounts.js';
import { readDate, toInstant } from './dates.js';

/** The keys of a profile's body, as the service takes them. */
export const PROFILE_SETTINGS = [
  'name',
  'columns',
  'user_key',
  'sku_key',
  'date_format',
  'time_zone',
  'decimal_separator',
  'thousands_separator',
  'currency',
  'amount_decimals',
  'rounding',
  'phone_region',
  'purchase_fields_on_first_row',
];

/** The fields a column can feed, in the order a purchase reads; `transaction_time` joins the date. */
export const FIELDS = [
  { key: 'transaction_number', label: 'Order number', required: true },
  { key: 'transaction_date', label: 'Date', required: true },
  { key: 'transaction_time', label: 'Time of day (joined to the date)' },
  { key: 'user', label: 'Customer', required: true },
  { key: 'final_amount', label: 'Order total' },
  { key: 'sku', label: 'Product', required: true },
  { key: 'quantity', label: 'Quantity', required: true },
  { key: 'unit_price', label: 'Unit price' },
  { key: 'line_total', label: 'Line total' },
];

export const fieldLabel = (key) => FIELDS.find((f) => f.key === key)?.label || key;

export const USER_KEYS = [
  { value: 'external_id', label: 'Your customer number', short: 'customer number' },
  { value: 'email', label: 'Email address', short: 'email' },
  { value: 'phone', label: 'Phone number', short: 'phone' },
  { value: 'id', label: 'The CRM’s customer id (a UUID)', short: 'the CRM’s id' },
];

export const SKU_KEYS = [
  { value: 'code', label: 'Your product code (SKU)', short: 'product code' },
  { value: 'id', label: 'The CRM’s product id (a UUID)', short: 'the CRM’s id' },
];

const CONTRACT_COLUMNS = [
  'transaction_number',
  'transaction_date',
  'user_id',
  'final_amount',
  'sku_id',
  'quantity',
  'unit_price',
  'line_total',
];

export const normalise = (header) => String(header).trim().toLowerCase();

/** Whether the file has the contract's own columns, which it imports without a profile. */
export function isContractHeader(header) {
  const names = new Set(header.map(normalise));
  return CONTRACT_COLUMNS.every((c) => names.has(c));
}

/** For each column of the header, the field it feeds ('' for none), from a body's `columns`. */
export function assignments(header, columns) {
  const byHeader = new Map();
  for (const [field, value] of Object.entries(columns || {})) {
    const named = Array.isArray(value) ? value : [value];
    named.forEach((name, i) => {
      byHeader.set(normalise(name), field === 'transaction_date' && i === 1 ? 'transaction_time' : field);
    });
  }
  return header.map((name) => byHeader.get(normalise(name)) || '');
}

/** A body's `columns` from the field each column feeds; a time of day without a date is dropped. */
export function columnsOf(header, assigned) {
  const columns = {};
  const headerOf = (field) => header[assigned.indexOf(field)]?.trim();
  for (const { key } of FIELDS) {
    if (key === 'transaction_time' || !assigned.includes(key)) continue;
    columns[key] = headerOf(key);
  }
  if (columns.transaction_date && assigned.includes('transaction_time')) {
    columns.transaction_date = [columns.transaction_date, headerOf('transaction_time')];
  }
  return columns;
}

/** The required fields no column feeds yet, as people name them. */
export function unplaced(columns) {
  const missing = FIELDS.filter((f) => f.required && !columns[f.key]).map((f) => f.label);
  if (!columns.unit_price && !columns.line_total) missing.push('Unit price or line total');
  return missing;
}

/** Up to `count` distinct non-blank values of a column, for the examples. */
export function samples(rows, index, count = 3) {
  const seen = [];
  for (const row of rows) {
    const value = (row[index] ?? '').trim();
    if (value && !seen.includes(value)) seen.push(value);
    if (seen.length === count) break;
  }
  return seen;
}

/** The date column's values as the profile reads them: the date and the time column joined. */
export function dateSamples(header, rows, columns) {
  const named = columns.transaction_date;
  if (!named) return [];
  const [date, time] = (Array.isArray(named) ? named : [named]).map((n) =>
    header.findIndex((h) => normalise(h) === normalise(n)),
  );
  return rows
    .map((row) => [row[date], time >= 0 ? row[time] : ''].map((v) => (v ?? '').trim()).filter(Boolean).join(' '))
    .filter(Boolean);
}

/** The values of the columns that hold amounts, for the number examples. */
export function amountSamples(header, rows, columns) {
  return ['final_amount', 'unit_price', 'line_total']
    .filter((f) => columns[f])
    .flatMap((f) => {
      const index = header.findIndex((h) => normalise(h) === normalise(columns[f]));
      return rows.map((row) => (row[index] ?? '').trim()).filter(Boolean);
    });
}

/**
 * The first rows as the ledger would hold them, and the problems the page itself can see in them
 * (values that do not read in the chosen formats). Problems that need the merchant's data (an
 * unknown customer, a product code that does not exist) only the service finds.
 */
export function rowsAsImported(header, rows, body) {
  const columns = body.columns || {};
  const indexOf = (name) => header.findIndex((h) => normalise(h) === normalise(name));
  const dateNames = columns.transaction_date
    ? Array.isArray(columns.transaction_date)
      ? columns.transaction_date
      : [columns.transaction_date]
    : [];
  const at = (row, field) => {
    if (field === 'transaction_date') {
      return dateNames
        .map((n) => (row[indexOf(n)] ?? '').trim())
        .filter(Boolean)
        .join(' ');
    }
    return columns[field] ? (row[indexOf(columns[field])] ?? '').trim() : '';
  };
  const scale = body.amount_decimals ?? 2;
  const problems = [];
  const firstRows = new Map();
  const lineTotals = new Map();
  const out = rows.map((row, i) => {
    const line = i + 2;
    const problem = (field, message) =>
      problems.push({ line, column: columnName(columns, field), field, message });
    const number = at(row, 'transaction_number');
    const first = firstRows.get(number);
    if (!first) firstRows.set(number, row);
    const purchaseValue = (field) => {
      const value = at(row, field);
      return !value && first && body.purchase_fields_on_first_row ? at(first, field) : value;
    };
    const amount = (field, text) => {
      if (!text) return null;
      const value = readAmount(text, body);
      if (!value) {
        problem(field, `${columnName(columns, field)}: “${text}” is not an amount in the chosen number format.`);
        return null;
      }
      if (value.scale > scale) {
        if (body.rounding === 'reject' || !body.rounding) {
          problem(field, `${columnName(columns, field)}: “${text}” has more than ${scale} decimals.`);
          return null;
        }
        return round(value, scale, body.rounding);
      }
      return round(value, scale);
    };
    if (!number) problem('transaction_number', 'The order number is blank.');
    const dateText = purchaseValue('transaction_date');
    const read = dateText ? readDate(dateText, body.date_format || 'iso') : null;
    if (dateText && !read) {
      problem('transaction_date', `“${dateText}” is not a date in the chosen date format.`);
    } else if (!dateText) {
      problem('transaction_date', 'The date is blank.');
    }
    const user = purchaseValue('user');
    if (!user) problem('user', 'The customer is blank.');
    const sku = at(row, 'sku');
    if (!sku) problem('sku', 'The product is blank.');
    const quantityText = at(row, 'quantity');
    const quantity = quantityText ? readAmount(quantityText, body) : null;
    if (!quantity || quantity.units <= 0n) {
      problem('quantity', quantityText ? `“${quantityText}” is not a quantity above 0.` : 'The quantity is blank.');
    }
    let unitPrice = amount('unit_price', at(row, 'unit_price'));
    let lineTotal = amount('line_total', at(row, 'line_total'));
    const goodQuantity = quantity && quantity.units > 0n ? quantity : null;
    if (!lineTotal && unitPrice && goodQuantity) lineTotal = round(multiply(goodQuantity, unitPrice), scale);
    if (!unitPrice && lineTotal && goodQuantity) unitPrice = divide(lineTotal, goodQuantity, scale);
    if (lineTotal) lineTotals.set(number, lineTotals.has(number) ? add(lineTotals.get(number), lineTotal) : lineTotal);
    const finalText = purchaseValue('final_amount');
    return {
      line,
      number,
      date: toInstant(read, body.time_zone || 'UTC'),
      user,
      sku,
      quantity: goodQuantity ? show(goodQuantity) : null,
      unitPrice: show(unitPrice),
      lineTotal: show(lineTotal),
      finalAmount: columns.final_amount ? amount('final_amount', finalText) : null,
    };
  });
  // Without a total column, a purchase's total is the sum of its lines (here: of the rows shown).
  for (const row of out) {
    row.finalAmount = columns.final_amount ? show(row.finalAmount) : show(lineTotals.get(row.number));
  }
  return { rows: out, problems };
}

function columnName(columns, field) {
  const named = columns[field];
  return Array.isArray(named) ? named.join(' + ') : named || fieldLabel(field);
}
