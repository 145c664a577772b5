// Dates as a profile reads them: the contract's ISO forms or a java.time pattern, in a time zone.
// The service is the authority; the page reads dates itself only to show examples ("15/01/2024 →
// 15 January 2024") and what the first rows will become while a mapping is being edited, without
// a round trip per keystroke. Patterns the page cannot read give null, shown as "no example".

/** The patterns offered as examples: the service's guesses (FormatGuess), day-first before month-first. */
export const DATE_PATTERNS = [
  'iso',
  'yyyy-MM-dd HH:mm:ss Z',
  'yyyy-MM-dd HH:mm:ss XXX',
  'yyyy-MM-dd HH:mm:ss',
  'yyyy-MM-dd HH:mm',
  'yyyy/MM/dd HH:mm:ss',
  'yyyy/MM/dd HH:mm',
  'yyyy/MM/dd',
  'dd/MM/yyyy HH:mm:ss',
  'MM/dd/yyyy HH:mm:ss',
  'dd/MM/yyyy HH:mm',
  'MM/dd/yyyy HH:mm',
  'dd/MM/yyyy hh:mm a',
  'MM/dd/yyyy hh:mm a',
  'd/M/yyyy h:mm a',
  'M/d/yyyy h:mm a',
  'd/M/yyyy H:mm',
  'M/d/yyyy H:mm',
  'dd/MM/yyyy',
  'MM/dd/yyyy',
  'd/M/yyyy',
  'M/d/yyyy',
  'dd/MM/yy',
  'MM/dd/yy',
  'dd.MM.yyyy HH:mm:ss',
  'dd.MM.yyyy HH:mm',
  'dd.MM.yyyy',
  'd.M.yyyy H:mm',
  'd.M.yyyy',
  'dd.MM.yy',
  'dd-MM-yyyy HH:mm:ss',
  'dd-MM-yyyy HH:mm',
  'dd-MM-yyyy',
  'dd MMM yyyy HH:mm',
  'dd MMM yyyy',
  'd MMM yyyy',
  'MMM d, yyyy h:mm a',
  'MMM d, yyyy',
  'd MMMM yyyy',
  'MMMM d, yyyy',
];

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * A date as written, read: `{ local: {year, month, day, hour, minute, second}, offsetMinutes }`
 * (offset null when the value has none), or null when the value is not a date in that format.
 */
export function readDate(value, format) {
  const text = String(value ?? '').trim();
  if (!text) return null;
  if (format === 'iso') return readIso(text);
  const compiled = compile(format);
  return compiled ? compiled(text) : null;
}

/** The instant a read date stands for, as the ledger holds it (ISO in UTC), or null. */
export function toInstant(read, zone) {
  if (!read) return null;
  const { year, month, day, hour, minute, second } = read.local;
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  let millis;
  if (read.offsetMinutes !== null) {
    millis = wall - read.offsetMinutes * 60_000;
  } else {
    // The zone's offset at that wall time: guess from the offset at the wall time read as UTC,
    // then correct once (enough except inside a daylight-saving gap, where the service decides).
    const first = wall - zoneOffsetMinutes(wall, zone) * 60_000;
    millis = wall - zoneOffsetMinutes(first, zone) * 60_000;
  }
  if (Number.isNaN(millis)) return null;
  return new Date(millis).toISOString().replace('.000Z', 'Z');
}

/** "3 April 2024" or "3 April 2024, 14:05": how a person says a read date. */
export function sayDate(read) {
  if (!read) return null;
  const { year, month, day, hour, minute, second } = read.local;
  const date = `${day} ${MONTHS[month - 1]} ${year}`;
  if (!read.hasTime) return date;
  const time = `${pad(hour)}:${pad(minute)}${second ? `:${pad(second)}` : ''}`;
  const offset =
    read.offsetMinutes === null
      ? ''
      : ` (UTC${read.offsetMinutes < 0 ? '−' : '+'}${pad(Math.floor(Math.abs(read.offsetMinutes) / 60))}:${pad(Math.abs(read.offsetMinutes) % 60)})`;
  return `${date}, ${time}${offset}`;
}

function pad(n) {
  return String(n).padStart(2, '0');
}

function zoneOffsetMinutes(millis, zone) {
  try {
    const parts = new Intl.DateTimeFormat('en-US', {
      timeZone: zone || 'UTC',
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    }).formatToParts(new Date(millis));
    const get = (type) => Number(parts.find((p) => p.type === type).value);
    const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
    return Math.round((asUtc - Math.floor(millis / 1000) * 1000) / 60_000);
  } catch {
    return NaN;
  }
}

function readIso(text) {
  const m = ISO.exec(text);
  if (!m) return null;
  const local = {
    year: Number(m[1]),
    month: Number(m[2]),
    day: Number(m[3]),
    hour: Number(m[4] ?? 0),
    minute: Number(m[5] ?? 0),
    second: Number(m[6] ?? 0),
  };
  const read = { local, offsetMinutes: offsetOf(m[8]), hasTime: m[4] !== undefined };
  return valid(read) ? read : null;
}

function offsetOf(text) {
  if (!text) return null;
  if (text === 'Z') return 0;
  const digits = text.replace(':', '');
  const minutes = Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5));
  return digits[0] === '-' ? -minutes : minutes;
}

function valid({ local }) {
  const { year, month, day, hour, minute, second } = local;
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const compiledPatterns = new Map();

/** A reader for a java.time pattern, or null for one with letters the page does not know. */
function compile(pattern) {
  if (compiledPatterns.has(pattern)) return compiledPatterns.get(pattern);
  const tokens = tokenize(pattern);
  let source = '^';
  const fields = [];
  for (const token of tokens) {
    if (token.literal !== undefined) {
      source += token.literal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+');
      continue;
    }
    const part = PARTS[token.letter]?.(token.count);
    if (!part) {
      compiledPatterns.set(pattern, null);
      return null;
    }
    source += `(${part.regex})`;
    fields.push(part);
  }
  const regex = new RegExp(source + '$', 'i');
  const reader = (text) => {
    const m = regex.exec(text);
    if (!m) return null;
    const read = {
      local: { year: null, month: null, day: null, hour: 0, minute: 0, second: 0 },
      offsetMinutes: null,
      hasTime: false,
      pm: null,
    };
    fields.forEach((field, i) => field.set(read, m[i + 1]));
    if (read.local.year === null || read.local.month === null || read.local.day === null) return null;
    if (read.pm !== null) {
      if (read.local.hour < 1 || read.local.hour > 12) return null;
      read.local.hour = (read.local.hour % 12) + (read.pm ? 12 : 0);
    }
    return valid(read) ? read : null;
  };
  compiledPatterns.set(pattern, reader);
  return reader;
}

function tokenize(pattern) {
  const tokens = [];
  for (let i = 0; i < pattern.length; ) {
    const c = pattern[i];
    if (c === "'") {
      const end = pattern.indexOf("'", i + 1);
      const text = end < 0 ? pattern.slice(i + 1) : pattern.slice(i + 1, end);
      tokens.push({ literal: text === '' ? "'" : text });
      i = end < 0 ? pattern.length : end + 1;
    } else if (/[A-Za-z]/.test(c)) {
      let j = i;
      while (pattern[j] === c) j += 1;
      tokens.push({ letter: c, count: j - i });
      i = j;
    } else {
      tokens.push({ literal: c });
      i += 1;
    }
  }
  return tokens;
}

function number(count, set, max = 2) {
  const regex = count === 1 ? `\\d{1,${max}}` : `\\d{${count}}`;
  return { regex, set: (read, text) => set(read, Number(text)) };
}

const year = (count) =>
  count === 2
    ? { regex: '\\d{2}', set: (read, text) => (read.local.year = 2000 + Number(text)) }
    : { regex: count >= 4 ? '\\d{4}' : '\\d{1,4}', set: (read, text) => (read.local.year = Number(text)) };

const PARTS = {
  y: year,
  u: year,
  M: (count) => {
    if (count <= 2) return number(count, (read, n) => (read.local.month = n));
    const names = MONTHS.map((m) => (count === 3 ? m.slice(0, 3) : m));
    return {
      regex: names.join('|'),
      set: (read, text) =>
        (read.local.month = names.findIndex((n) => n.toLowerCase() === text.toLowerCase()) + 1),
    };
  },
  d: (count) => number(count, (read, n) => (read.local.day = n)),
  H: (count) => number(count, (read, n) => ((read.local.hour = n), (read.hasTime = true))),
  h: (count) => number(count, (read, n) => ((read.local.hour = n), (read.hasTime = true))),
  m: (count) => number(count, (read, n) => (read.local.minute = n)),
  s: (count) => number(count, (read, n) => (read.local.second = n)),
  S: (count) => ({ regex: `\\d{${count}}`, set: () => {} }),
  a: () => ({ regex: 'AM|PM', set: (read, text) => (read.pm = text.toUpperCase() === 'PM') }),
  Z: (count) =>
    count <= 3
      ? { regex: '[+-]\\d{4}', set: (read, text) => (read.offsetMinutes = offsetOf(text)) }
      : null,
  X: (count) => offsetPart(count, true),
  x: (count) => offsetPart(count, false),
};

function offsetPart(count, zulu) {
  const forms = { 1: '[+-]\\d{2}(?:\\d{2})?', 2: '[+-]\\d{4}', 3: '[+-]\\d{2}:\\d{2}' };
  if (!forms[count]) return null;
  return {
    regex: zulu ? `Z|${forms[count]}` : forms[count],
    set: (read, text) =>
      (read.offsetMinutes = offsetOf(text.length === 3 ? `${text}00` : text.toUpperCase())),
  };
}
