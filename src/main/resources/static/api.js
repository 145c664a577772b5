// The service's HTTP API, as the page uses it. Every failure becomes an ApiError whose message a
// person can act on: the service's own message where it sent one, ours where the network failed.

export class ApiError extends Error {
  constructor(status, code, message, body = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.body = body;
  }
}

const NETWORK_MESSAGE =
  'Could not reach the import service. Check your network connection and try again.';

async function errorFrom(response) {
  let body = {};
  try {
    body = await response.json();
  } catch {
    // A proxy's HTML page or an empty body: fall back to the status line.
  }
  const message =
    body.message || `The service answered ${response.status} ${response.statusText}`.trim() + '.';
  return new ApiError(response.status, body.error || `http_${response.status}`, message, body);
}

export async function request(key, method, path, { accept = 'application/json', body, type } = {}) {
  let response;
  const headers = { Authorization: `Bearer ${key}`, Accept: accept };
  if (type) headers['Content-Type'] = type;
  try {
    response = await fetch(path, { method, headers, body, cache: 'no-store' });
  } catch {
    throw new ApiError(0, 'network', NETWORK_MESSAGE);
  }
  if (!response.ok) {
    throw await errorFrom(response);
  }
  return response;
}

export async function getJson(key, path) {
  return (await request(key, 'GET', path)).json();
}

export async function postJson(key, path) {
  return (await request(key, 'POST', path)).json();
}

/** POST, PUT or DELETE with a JSON body; the answer's JSON, or null for 204. */
export async function sendJson(key, method, path, body) {
  const response = await request(key, method, path, {
    body: body === undefined ? undefined : JSON.stringify(body),
    type: body === undefined ? undefined : 'application/json',
  });
  return response.status === 204 ? null : response.json();
}

/** A multipart POST whose answer is JSON: for the preview, which is small and needs no progress. */
export async function postForm(key, path, form) {
  return (await request(key, 'POST', path, { body: form })).json();
}

/**
 * Sends the upload form. XMLHttpRequest rather than fetch, because only it reports how much of a
 * large file has been sent.
 */
export function upload(key, form, onProgress) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/import/purchases');
    xhr.setRequestHeader('Authorization', `Bearer ${key}`);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.responseType = 'text';
    xhr.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable) {
        onProgress(Math.round((event.loaded / event.total) * 100));
      }
    });
    xhr.addEventListener('load', () => {
      let body = {};
      try {
        body = JSON.parse(xhr.responseText || '{}');
      } catch {
        body = {};
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve(body);
        return;
      }
      const message =
        body.message || `The service answered ${xhr.status} ${xhr.statusText}`.trim() + '.';
      reject(new ApiError(xhr.status, body.error || `http_${xhr.status}`, message, body));
    });
    xhr.addEventListener('error', () =>
      reject(
        new ApiError(
          0,
          'network',
          'The connection broke off during the upload. Check your network and try again; ' +
            'if the file is very large, the service may have refused it for its size.',
        ),
      ),
    );
    xhr.send(form);
  });
}
