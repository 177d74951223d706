// Overview: one live card per model of every chain, and the gateway's vital signs.
import { html } from './vendor/preact-htm.js';
import { duration, ModelName } from './views.js';

const STATE_TEXT = { healthy: 'healthy', cooling: 'cooling', loading: 'loading', down: 'down', 'no-key': 'no key' };

function ModelCard({ m }) {
  const reasons = Object.entries(m.fellBackByReason || {}).map(([r, n]) => `${r} ×${n}`).join(', ');
  return html`<article class=${'card state-' + m.state} data-model=${m.ref} data-state=${m.state} aria-label=${m.ref + ': ' + m.state}>
    <h3><${ModelName} modelRef=${m.ref} alias=${m.alias} name=${m.name} /></h3>
    <p class="state"><span class="badge">${STATE_TEXT[m.state] || m.state}</span>
      ${m.cooldownSecondsLeft != null && html` <span class="cooldown">${m.cooldownSecondsLeft} s left · ${m.reason}${m.scope === 'provider' ? ' (whole provider)' : ''}</span>`}
      ${m.local ? html` <span class="muted">local</span>` : ''}</p>
    <dl>
      <dt>Last call</dt><dd>${m.lastLatencyMs != null ? m.lastLatencyMs + ' ms' : '–'}${m.lastOutcome && m.lastOutcome !== 'ok' ? ' (' + m.lastOutcome + ')' : ''}</dd>
      <dt>First token</dt><dd>${m.lastTtftMs != null ? m.lastTtftMs + ' ms' : '–'}</dd>
      <dt>Served (1 h)</dt><dd class="served">${m.servedLastHour}</dd>
      <dt>Fell back (1 h)</dt><dd class="fellback">${m.fellBackLastHour}${reasons ? ' — ' + reasons : ''}</dd>
    </dl>
  </article>`;
}

export function Overview({ live }) {
  const o = live.overview;
  if (!o) return html`<p class="muted">Waiting for the live feed…</p>`;
  const g = o.gateway;
  return html`<section aria-labelledby="h-overview">
    <h2 id="h-overview">Overview</h2>
    <ul class="stats">
      <li><span class="muted">Uptime</span> ${duration(g.uptimeSeconds)}</li>
      <li><span class="muted">Open streams</span> <span id="open-streams">${g.openStreams}</span></li>
      <li><span class="muted">Requests/s</span> ${g.requestsPerSecond}</li>
      <li><span class="muted">Decisions (1 h)</span> ${g.decisionsLastHour}</li>
    </ul>
    <div class="cards">${o.models.map((m) => html`<${ModelCard} key=${m.ref} m=${m} />`)}</div>
  </section>`;
}
