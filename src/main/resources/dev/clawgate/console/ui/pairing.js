// Pairing: senders who asked to DM an agent from a chat channel, with Approve / Deny (as `clawgate pairing`).
import { html, useState, useEffect } from './vendor/preact-htm.js';
import * as api from './api.js';
import { ago, ErrorLine } from './views.js';

export function Pairing() {
  const [data, setData] = useState(null);
  const [error, setError] = useState(null);
  const [notice, setNotice] = useState(null);
  const load = () => api.get('pairing').then(setData, setError);
  useEffect(() => {
    load();
    const every = setInterval(load, 5000); // codes arrive from chats; a short poll keeps the list current
    return () => clearInterval(every);
  }, []);
  async function decide(p, verb) {
    setError(null);
    try {
      await api.post('pairing/' + verb, { channel: p.channel, code: p.code });
      setNotice(`${verb === 'approve' ? 'Approved' : 'Denied'} ${p.senderName || p.senderId} on ${p.channel}.`);
    } catch (e) { setError(e); }
    load();
  }
  return html`<section aria-labelledby="h-pairing">
    <h2 id="h-pairing">Pairing</h2>
    <${ErrorLine} error=${error} />
    ${notice && html`<p class="ok" role="status" id="pairing-notice">${notice}</p>`}
    ${data && data.channels.length === 0 && html`<p class="muted">No chat channel is enabled (channels.telegram, channels.whatsapp).</p>`}
    ${data && data.channels.map((ch) => {
      const pending = data.pending.filter((p) => p.channel === ch);
      return html`<h3>${ch}</h3>
        ${pending.length === 0 ? html`<p class="muted">No pending requests.</p>` : html`<div class="scroll"><table class="pairing" data-channel=${ch}>
          <thead><tr><th>Code</th><th>Sender</th><th>Asked</th><th>Expires</th><th><span class="sr-only">Actions</span></th></tr></thead>
          <tbody>${pending.map((p) => html`<tr data-code=${p.code}>
            <td><code>${p.code}</code></td>
            <td>${p.senderName || ''} <span class="muted">${p.senderId}</span></td>
            <td>${ago(p.createdAt)}</td>
            <td>${new Date(p.expiresAt).toLocaleTimeString()}</td>
            <td><button onClick=${() => decide(p, 'approve')} aria-label=${'Approve ' + p.code}>Approve</button>
              <button onClick=${() => decide(p, 'deny')} aria-label=${'Deny ' + p.code}>Deny</button></td>
          </tr>`)}</tbody>
        </table></div>`}`;
    })}
  </section>`;
}
