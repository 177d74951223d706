// Routing: the live decision feed with filters. Logs: the same decisions as decision-log lines.
import { html, useState } from './vendor/preact-htm.js';
import { attemptsText } from './views.js';

function outcomeOf(d) {
  if (!d.served) return 'failed';
  return d.fellBack ? 'fell-back' : 'served';
}

function Select({ id, label, value, options, onChange }) {
  return html`<label for=${id}>${label}
    <select id=${id} value=${value} onChange=${(e) => onChange(e.target.value)}>
      <option value="">all</option>
      ${options.map((o) => html`<option value=${o}>${o}</option>`)}
    </select></label>`;
}

// calls that no agent made: /v1 requests from SDKs and tools
const DIRECT = 'direct /v1';

export function Routing({ live }) {
  const [model, setModel] = useState('');
  const [outcome, setOutcome] = useState('');
  const [requested, setRequested] = useState('');
  const [agent, setAgent] = useState('');
  const all = live.decisions;
  const agentOf = (d) => d.agent || DIRECT;
  const agents = [...new Set(all.map(agentOf))].sort();
  const models = [...new Set(all.flatMap((d) => d.attempts.map((a) => a.model)))].sort();
  const asked = [...new Set(all.map((d) => d.requested))].sort();
  const shown = all.filter((d) => (!model || d.attempts.some((a) => a.model === model))
    && (!outcome || outcomeOf(d) === outcome) && (!requested || d.requested === requested)
    && (!agent || agentOf(d) === agent));
  return html`<section aria-labelledby="h-routing">
    <h2 id="h-routing">Routing decisions</h2>
    <div class="filters">
      <${Select} id="f-model" label="Model" value=${model} options=${models} onChange=${setModel} />
      <${Select} id="f-requested" label="Requested (agent or model)" value=${requested} options=${asked} onChange=${setRequested} />
      <${Select} id="f-agent" label="Agent" value=${agent} options=${agents} onChange=${setAgent} />
      <${Select} id="f-outcome" label="Outcome" value=${outcome} options=${['served', 'fell-back', 'failed']} onChange=${setOutcome} />
    </div>
    <div class="scroll"><table id="decisions">
      <thead><tr><th>Time</th><th>Agent</th><th>Requested</th><th>Served by</th><th>Attempts</th><th>Reason</th><th>ms</th></tr></thead>
      <tbody>${shown.map((d) => html`<tr class=${outcomeOf(d)}>
        <td>${new Date(d.at).toLocaleTimeString()}</td><td>${agentOf(d)}</td><td>${d.requested}</td>
        <td>${d.served ? html`<code>${d.served}</code>` : html`<span class="error">${d.error}</span>`}</td>
        <td class="attempts">${attemptsText(d)}</td><td>${d.reason || ''}</td><td>${d.tookMs}</td></tr>`)}</tbody>
    </table></div>
    ${shown.length === 0 && html`<p class="muted">No decisions yet. They appear here as requests arrive.</p>`}
  </section>`;
}

function logLine(d) {
  const fields = [`requested=${d.requested}`, `agent=${d.agent || '-'}`, `served=${d.served || 'none'}`, `attempts="${attemptsText(d)}"`];
  if (d.reason) fields.push(`reason=${d.reason}`);
  if (d.error) fields.push(`error="${d.error}"`);
  return `${d.at} model_fallback_decision ${fields.join(' ')} tookMs=${d.tookMs}`;
}

export function Logs({ live }) {
  const [filter, setFilter] = useState('');
  const lines = live.decisions.slice().reverse().map(logLine).filter((l) => !filter || l.toLowerCase().includes(filter.toLowerCase()));
  return html`<section aria-labelledby="h-logs">
    <h2 id="h-logs">Decision log</h2>
    <label for="log-filter">Filter</label>
    <input id="log-filter" type="search" value=${filter} onInput=${(e) => setFilter(e.target.value)} placeholder="model, reason, text…" />
    <pre class="log" id="log" tabindex="0" aria-label="Decision log lines">${lines.join('\n') || 'No decisions in the last hour.'}</pre>
  </section>`;
}
