// The Control UI's only door to the gateway: the JSON API under /clawgate/api/ on this origin.
// The token lives in sessionStorage (gone when the tab closes) and travels only in the Authorization header.
const BASE = '/clawgate/api/';
const KEY = 'clawgate.token';

export const token = {
  get: () => sessionStorage.getItem(KEY),
  set: (t) => sessionStorage.setItem(KEY, t),
  clear: () => sessionStorage.removeItem(KEY),
};

export class AuthError extends Error {}

function headers(extra) {
  const h = Object.assign({}, extra);
  const t = token.get();
  if (t) h.Authorization = 'Bearer ' + t;
  return h;
}

async function failure(res) {
  let message = res.status + ' ' + res.statusText;
  try { const b = await res.json(); message = (b.error && b.error.message) || message; } catch (e) { /* not JSON */ }
  return res.status === 401 ? new AuthError(message) : new Error(message);
}

export async function get(path) {
  const res = await fetch(BASE + path, { headers: headers() });
  if (!res.ok) throw await failure(res);
  return res.json();
}

export async function post(path, body) {
  const res = await fetch(BASE + path, { method: 'POST', headers: headers({ 'Content-Type': 'application/json' }), body: JSON.stringify(body || {}) });
  if (!res.ok) throw await failure(res);
  return res.json();
}

export async function download(path, filename) {
  const res = await fetch(BASE + path, { headers: headers() });
  if (!res.ok) throw await failure(res);
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url; a.download = filename;
  document.body.appendChild(a); a.click(); a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

// Server-Sent Events over fetch (EventSource cannot send the Authorization header).
// Calls onEvent(name, data) per event; resolves when the stream ends, rejects on HTTP errors.
export async function stream(path, { method = 'GET', body, signal } = {}, onEvent) {
  const init = { method, signal, headers: headers(body ? { 'Content-Type': 'application/json' } : {}) };
  if (body) init.body = JSON.stringify(body);
  const res = await fetch(BASE + path, init);
  if (!res.ok) throw await failure(res);
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const frame = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let name = 'message', data = '';
      for (const line of frame.split('\n')) {
        if (line.startsWith('event: ')) name = line.slice(7);
        else if (line.startsWith('data: ')) data += line.slice(6);
      }
      if (data) onEvent(name, JSON.parse(data));
    }
  }
}
