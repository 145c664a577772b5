// Who is signed in, and for which merchant. `generation` moves on whenever either changes, so that an
// answer to a request sent for the old one is dropped instead of shown.

export const session = {
  key: null,
  me: null,
  merchantId: null,
  generation: 0,
};

export const $ = (id) => document.getElementById(id);
