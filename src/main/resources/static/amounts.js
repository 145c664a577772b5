// Amounts as a profile reads them (separators, a currency around them) and the arithmetic the import
// does with them, in exact decimals: a BigInt of units and a scale, never binary floating point.
// As with dates, the service decides; the page reads amounts to show what the first rows become.

/** A decimal `units / 10^scale`. */
function decimal(units, scale) {
  return { units, scale };
}

function parseDecimal(text) {
  const m = /^([+-]?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (!m) return null;
  const fraction = m[3] || '';
  const units = BigInt(m[2] + fraction) * (m[1] === '-' ? -1n : 1n);
  return decimal(units, fraction.length);
}

function rescale(value, scale) {
  return value.scale >= scale
    ? value
    : decimal(value.units * 10n ** BigInt(scale - value.scale), scale);
}

/** Rounds to `scale` decimals, half-even or half-up. */
export function round(value, scale, mode = 'half_even') {
  if (value.scale <= scale) return rescale(value, scale);
  const divisor = 10n ** BigInt(value.scale - scale);
  const negative = value.units < 0n;
  const magnitude = negative ? -value.units : value.units;
  let quotient = magnitude / divisor;
  const twice = (magnitude % divisor) * 2n;
  if (twice > divisor || (twice === divisor && (mode === 'half_up' || quotient % 2n === 1n))) {
    quotient += 1n;
  }
  return decimal(negative ? -quotient : quotient, scale);
}

export function multiply(a, b) {
  return decimal(a.units * b.units, a.scale + b.scale);
}

export function add(a, b) {
  const scale = Math.max(a.scale, b.scale);
  return decimal(rescale(a, scale).units + rescale(b, scale).units, scale);
}

/** a ÷ b to `scale` decimals, half-even, as the import derives a unit price from a line total. */
export function divide(a, b, scale) {
  if (b.units === 0n) return null;
  let numerator = a.units * 10n ** BigInt(b.scale + scale);
  let denominator = b.units * 10n ** BigInt(a.scale);
  const negative = numerator < 0n !== denominator < 0n;
  if (numerator < 0n) numerator = -numerator;
  if (denominator < 0n) denominator = -denominator;
  let quotient = numerator / denominator;
  const twice = (numerator % denominator) * 2n;
  if (twice > denominator || (twice === denominator && quotient % 2n === 1n)) quotient += 1n;
  return decimal(negative ? -quotient : quotient, scale);
}

export function show(value) {
  if (!value) return '—';
  const negative = value.units < 0n;
  const digits = (negative ? -value.units : value.units).toString().padStart(value.scale + 1, '0');
  const whole = value.scale ? digits.slice(0, -value.scale) : digits;
  const fraction = value.scale ? `.${digits.slice(-value.scale)}` : '';
  return `${negative ? '-' : ''}${whole}${fraction}`;
}

const CURRENCY_EDGE = /^[\p{L}\p{Sc}\s]+|[\p{L}\p{Sc}\s.]+$/gu;

/**
 * The amount in `text` under the separators and currency setting, or null when it is not one. Reads
 * what the service's AmountFormat reads; where the two differ the service's problems say so.
 */
export function readAmount(text, { decimal_separator = '.', thousands_separator = null, currency = false }) {
  let value = String(text ?? '').trim();
  if (!value || value.length > 64) return null;
  let negative = false;
  if (currency && value.startsWith('(') && value.endsWith(')')) {
    value = value.slice(1, -1).trim();
    negative = true;
  }
  if (currency) {
    const sign = /^[+-]/.test(value) ? value[0] : '';
    const body = sign ? value.slice(1) : value;
    const stripped = body.replace(CURRENCY_EDGE, '');
    const removed = body.length - stripped.length;
    if (removed && !/[\p{Sc}]|[A-Za-z]{2,4}/u.test(body)) return null;
    value = sign + stripped;
  }
  let plain = negative ? '-' : '';
  let i = 0;
  if (value[0] === '-' || value[0] === '+') {
    if (negative) return null;
    plain += value[0];
    i = 1;
  }
  let digits = 0;
  let groupDigits = 0;
  let grouped = false;
  let inFraction = false;
  const thousands = thousands_separator;
  const isThousands = (c) =>
    thousands !== null &&
    (c === thousands || (thousands === ' ' && (c === '\u00A0' || c === '\u202F')));
  for (; i < value.length; i += 1) {
    const c = value[i];
    if (c >= '0' && c <= '9') {
      plain += c;
      digits += 1;
      groupDigits += 1;
    } else if (c === decimal_separator && !inFraction) {
      if (digits === 0 || (grouped && groupDigits !== 3)) return null;
      plain += '.';
      inFraction = true;
    } else if (!inFraction && isThousands(c)) {
      if (digits === 0 || (grouped ? groupDigits !== 3 : groupDigits > 3)) return null;
      grouped = true;
      groupDigits = 0;
    } else {
      return null;
    }
  }
  if (digits === 0 || (grouped && !inFraction && groupDigits !== 3)) return null;
  return parseDecimal(plain.replace(/\.$/, ''));
}

/** The number formats offered, each with how it writes one thousand two hundred and a half. */
export const NUMBER_STYLES = [
  { decimal_separator: '.', thousands_separator: null, example: '1234.50' },
  { decimal_separator: '.', thousands_separator: ',', example: '1,234.50' },
  { decimal_separator: ',', thousands_separator: null, example: '1234,50' },
  { decimal_separator: ',', thousands_separator: '.', example: '1.234,50' },
  { decimal_separator: ',', thousands_separator: ' ', example: '1 234,50' },
  { decimal_separator: '.', thousands_separator: ' ', example: '1 234.50' },
  { decimal_separator: '.', thousands_separator: "'", example: "1'234.50" },
];
