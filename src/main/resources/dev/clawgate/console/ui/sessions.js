// Sessions: the list, a transcript (tool calls as cards, compactions as dividers; reasoning is never sent),
// export as JSONL, and reset / compact through the same chat commands the CLI uses.
import { html, useState, useEffect } from './vendor/preact-htm.js';
import * as api from './api.js';
import { ago, ErrorLine } from './views.js';

export function ToolCard({ name, args, result, isError }) {
  return html`<details class=${'tool' + (isError ? ' failed' : '')}>
    <summary>🔧 <code>${name}</code>${isError ? ' — error' : ''}</summary>
    ${args && html`<pre>${args}</pre>`}${result != null && html`<pre class="result">${result}</pre>`}
  </details>`;
}

export function Transcript({ items }) {
  const results = {};
  items.filter((i) => i.type === 'tool_result').forEach((r) => { results[r.id] = r; });
  return html`<ol class="transcript">${items.map((i) => {
    if (i.type === 'compaction') return html`<li class="divider" role="separator">Compacted — earlier messages summarised</li>`;
    if (i.type === 'notice') return html`<li class="notice">${i.kind}: ${i.text}</li>`;
    if (i.type === 'tool_call') {
      const r = results[i.id];
      return html`<li class="msg tool-call"><${ToolCard} name=${i.name} args=${i.arguments} result=${r && r.content} isError=${r && r.isError} /></li>`;
    }
    if (i.type === 'tool_result') return null;
    return html`<li class=${'msg ' + i.role + (i.aborted ? ' aborted' : '')}><span class="who">${i.role}${i.aborted ? ' · stopped' : ''}</span><div class="text">${i.text}</div></li>`;
  })}</ol>`;
}

export async function sessionCommand(key, command) {
  // /reset and /compact run through the agent runtime like a typed command; the reply is a short confirmation
  let reply = '';
  await api.stream('chat', { method: 'POST', body: { session: key, text: command } }, (name, data) => {
    if (name === 'done') reply = data.reply || '';
    if (name === 'error') throw new Error(data.message);
  });
  return reply;
}

export function Sessions() {
  const [list, setList] = useState(null);
  const [open, setOpen] = useState(null);
  const [transcript, setTranscript] = useState(null);
  const [error, setError] = useState(null);
  const [note, setNote] = useState(null);
  const load = () => api.get('sessions').then(setList, setError);
  useEffect(load, []);
  useEffect(() => {
    if (open) api.get('session?key=' + encodeURIComponent(open)).then(setTranscript, setError);
  }, [open]);
  async function act(command) {
    try { setNote(await sessionCommand(open, command)); load(); setOpen(null); } catch (e) { setError(e); }
  }
  return html`<section aria-labelledby="h-sessions">
    <h2 id="h-sessions">Sessions</h2>
    <${ErrorLine} error=${error} />
    ${note && html`<p role="status">${note}</p>`}
    <div class="scroll"><table id="sessions">
      <thead><tr><th>Session</th><th>Agent</th><th>Last activity</th><th>Tokens</th><th>Model</th></tr></thead>
      <tbody>${(list || []).map((s) => html`<tr>
        <td><button class="link" onClick=${() => setOpen(s.key)} aria-label=${'Open transcript of ' + s.key}>${s.key}</button></td>
        <td>${s.agent}</td><td>${ago(s.updatedAt)}</td><td>${s.tokens}</td><td><code>${s.model || ''}</code></td></tr>`)}</tbody>
    </table></div>
    ${list && list.length === 0 && html`<p class="muted">No sessions yet. Start one in Chat.</p>`}
    ${open && transcript && html`<section class="panel" aria-label=${'Transcript of ' + open} id="transcript">
      <h3>${open}</h3>
      <div class="actions">
        <button onClick=${() => api.download('session/export?key=' + encodeURIComponent(open), open.replace(/[^A-Za-z0-9._-]/g, '_') + '.jsonl').catch(setError)}>Export JSONL</button>
        <button onClick=${() => act('/compact')}>Compact</button>
        <button class="danger" onClick=${() => confirm('Start this session over? The old one is archived.') && act('/reset')}>Reset</button>
        <button onClick=${() => setOpen(null)}>Close</button>
      </div>
      <${Transcript} items=${transcript.items} />
    </section>`}
  </section>`;
}
