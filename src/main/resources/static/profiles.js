// The merchant's saved profiles: listed with the presets, renamed, opened in the mapping editor,
// deleted. A profile names the columns of one kind of export; a file whose header fits one is
// recognised when it is chosen.

import { getJson, sendJson } from './api.js';
import { h, timeElement, shortDateTime } from './format.js';
import { editProfile, profileChanged } from './mapping.js';
import { fieldLabel, PROFILE_SETTINGS } from './mapping-model.js';
import { failed, notify } from './notice.js';
import { $, session } from './session.js';

let profiles = [];

export async function loadProfiles() {
  const generation = session.generation;
  let answer;
  try {
    answer = await getJson(session.key, `/api/import/profiles?merchant_id=${session.merchantId}`);
  } catch (error) {
    if (generation === session.generation) failed(error, 'Could not load the import profiles');
    return;
  }
  if (generation !== session.generation) return;
  profiles = answer.profiles;
  render(answer.presets);
}

export function clearProfiles() {
  profiles = [];
  $('profile-list').replaceChildren();
}

function bodyOf(profile) {
  return Object.fromEntries(PROFILE_SETTINGS.map((key) => [key, profile[key] ?? null]));
}

function summary(profile) {
  return Object.entries(profile.columns)
    .map(([field, header]) => `${[header].flat().join(' + ')} → ${fieldLabel(field)}`)
    .join(', ');
}

function render(presets) {
  $('profiles-empty').hidden = profiles.length > 0;
  $('profile-list').replaceChildren(...profiles.map(item));
  if (presets) {
    $('presets-line').textContent = `Presets, chosen when a file’s columns fit them: ${presets.map((p) => p.name).join(', ')}. They cannot be changed; adjusting one saves a copy.`;
  }
}

function item(profile) {
  const id = profile.profile_id;
  return h(
    'li',
    { class: 'profile', 'data-profile-id': id },
    h(
      'div',
      { class: 'profile-text' },
      h('strong', { class: 'profile-name', text: profile.name }),
      h('span', { class: 'muted small block', text: summary(profile) }),
      h('span', { class: 'muted small block' }, 'Changed ', timeElement(profile.updated_at, shortDateTime)),
    ),
    h(
      'div',
      { class: 'profile-actions' },
      h('button', {
        class: 'button button-quiet button-small',
        type: 'button',
        'data-action': 'rename',
        text: 'Rename',
        'aria-label': `Rename ${profile.name}`,
        onclick: (event) => startRename(profile, event.currentTarget.closest('li')),
      }),
      h('button', {
        class: 'button button-quiet button-small',
        type: 'button',
        'data-action': 'edit',
        text: 'Edit mapping',
        'aria-label': `Edit the mapping of ${profile.name}`,
        onclick: () => editProfile(profile),
      }),
      h('button', {
        class: 'button button-danger-quiet button-small',
        type: 'button',
        'data-action': 'delete',
        text: 'Delete',
        'aria-label': `Delete ${profile.name}`,
        onclick: (event) => confirmDelete(profile, event.currentTarget.closest('li')),
      }),
    ),
  );
}

function startRename(profile, li) {
  const inputId = `rename-${profile.profile_id}`;
  const form = h(
    'form',
    {
      class: 'profile-rename',
      onsubmit: async (event) => {
        event.preventDefault();
        const name = form.querySelector('input').value.trim();
        if (!name || name === profile.name) {
          loadProfiles();
          return;
        }
        try {
          const saved = await sendJson(session.key, 'PUT', `/api/import/profiles/${profile.profile_id}`, {
            ...bodyOf(profile),
            name,
          });
          profileChanged(profile.profile_id, saved);
          notify('success', `Renamed to “${saved.name}”`);
          await loadProfiles();
          document.querySelector(`li[data-profile-id="${profile.profile_id}"] [data-action=rename]`)?.focus();
        } catch (error) {
          failed(error, 'Could not rename the profile');
        }
      },
    },
    h('label', { for: inputId, text: `New name for “${profile.name}”` }),
    h('input', { id: inputId, type: 'text', maxlength: '100', value: profile.name, required: true }),
    h(
      'div',
      { class: 'profile-actions' },
      h('button', { class: 'button button-primary button-small', type: 'submit', text: 'Save name' }),
      h('button', { class: 'button button-quiet button-small', type: 'button', text: 'Cancel', onclick: () => loadProfiles() }),
    ),
  );
  li.replaceChildren(form);
  form.querySelector('input').select();
}

function confirmDelete(profile, li) {
  const actions = li.querySelector('.profile-actions');
  actions.replaceChildren(
    h('span', { class: 'small', text: `Delete “${profile.name}”? Imports made with it keep their copy.` }),
    h('button', {
      class: 'button button-danger-quiet button-small',
      type: 'button',
      'data-action': 'confirm-delete',
      text: 'Yes, delete',
      onclick: async () => {
        try {
          await sendJson(session.key, 'DELETE', `/api/import/profiles/${profile.profile_id}`);
          profileChanged(profile.profile_id, null);
          notify('info', `“${profile.name}” is deleted`, 'A file with its columns will be mapped afresh.');
        } catch (error) {
          failed(error, 'Could not delete the profile');
        }
        loadProfiles();
      },
    }),
    h('button', { class: 'button button-quiet button-small', type: 'button', text: 'Keep it', onclick: () => loadProfiles() }),
  );
  actions.querySelector('[data-action=confirm-delete]').focus();
}

export function wireProfiles() {
  document.addEventListener('profiles-changed', () => loadProfiles());
}
