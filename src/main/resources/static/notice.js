// The one notice at the top of the page: what just happened, and what to do about it.

import { ApiError } from './api.js';
import { $ } from './session.js';
import { h } from './format.js';

export function notify(kind, title, message = '', actions = []) {
  const notice = h(
    'div',
    { class: `notice notice-${kind}`, 'data-kind': kind },
    h(
      'div',
      { class: 'notice-body' },
      h('strong', { class: 'notice-title', id: 'notice-title', text: title }),
      message ? h('p', { class: 'notice-text', id: 'notice-text', text: message }) : null,
      actions.length ? h('div', { class: 'notice-actions' }, actions) : null,
    ),
    h('button', {
      class: 'notice-close',
      type: 'button',
      'aria-label': 'Dismiss this message',
      text: '×',
      onclick: clearNotice,
    }),
  );
  $('notice').replaceChildren(notice);
}

export function clearNotice() {
  $('notice').replaceChildren();
}

/**
 * An API failure outside the upload form. A key that stopped working is announced as an event
 * rather than handled here, so that every module can report failures without depending on the
 * sign-in (which depends on them).
 */
export function failed(error, title) {
  if (error instanceof ApiError && error.status === 401) {
    document.dispatchEvent(new CustomEvent('key-refused'));
    return;
  }
  notify('error', title, error.message);
}
