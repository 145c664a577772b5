// Small formatting and DOM helpers. Text always goes in through textContent, never innerHTML:
// batch names, file names and error messages come from uploaded files.

const numberFormat = new Intl.NumberFormat();
const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const timeFormat = new Intl.DateTimeFormat(undefined, { timeStyle: 'medium' });
const shortTimeFormat = new Intl.DateTimeFormat(undefined, { timeStyle: 'short' });
const shortDateFormat = new Intl.DateTimeFormat(undefined, {
  month: 'short',
  day: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
});

export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    if (name === 'class') element.className = value;
    else if (name === 'text') element.textContent = value;
    else if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
    else if (name in element && typeof value !== 'string') element[name] = value;
    else element.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

export function count(value) {
  return value === null || value === undefined ? '—' : numberFormat.format(value);
}

export function dateTime(iso) {
  return iso ? dateFormat.format(new Date(iso)) : '—';
}

/** Today's times as a time only, older ones with their day: short enough for a table cell. */
export function shortDateTime(iso) {
  if (!iso) return '—';
  const date = new Date(iso);
  return date.toDateString() === new Date().toDateString()
    ? shortTimeFormat.format(date)
    : shortDateFormat.format(date);
}

export function clockTime(iso) {
  return iso ? timeFormat.format(new Date(iso)) : '—';
}

export function timeElement(iso, format = dateTime) {
  return iso ? h('time', { datetime: iso, title: iso, text: format(iso) }) : '—';
}

export function seconds(total) {
  if (total === null || total === undefined || Number.isNaN(total)) return '—';
  if (total < 1) return `${Math.round(total * 1000)} ms`;
  if (total < 10) return `${total.toFixed(1)} s`;
  if (total < 60) return `${Math.round(total)} s`;
  const minutes = Math.floor(total / 60);
  const rest = Math.round(total % 60);
  if (minutes < 60) return rest ? `${minutes} min ${rest} s` : `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** How long a batch ran (or has run so far); null before it started. */
export function duration(batch, now = Date.now()) {
  if (!batch.started_at) return null;
  const end = batch.completed_at ? Date.parse(batch.completed_at) : now;
  return Math.max(0, (end - Date.parse(batch.started_at)) / 1000);
}

export function bytes(size) {
  if (size === null || size === undefined) return '';
  if (size < 1024) return `${size} bytes`;
  const units = ['KB', 'MB', 'GB'];
  let value = size / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}
