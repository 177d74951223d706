// Config & doctor: the effective config (secrets redacted) with each value's source, its problems, and the doctor.
import { html, useState, useEffect } from './vendor/preact-htm.js';
import * as api from './api.js';
import { ErrorLine } from './views.js';

export function Config() {
  const [config, setConfig] = useState(null);
  const [doctor, setDoctor] = useState(null);
  const [running, setRunning] = useState(false);
  const [filter, setFilter] = useState('');
  const [error, setError] = useState(null);
  useEffect(() => { api.get('config').then(setConfig, setError); }, []);
  async function runDoctor() {
    setRunning(true);
    try { setDoctor(await api.post('doctor')); } catch (e) { setError(e); } finally { setRunning(false); }
  }
  const values = config ? config.values.filter((v) => !filter || v.path.includes(filter) || v.value.includes(filter)) : [];
  return html`<section aria-labelledby="h-config">
    <h2 id="h-config">Config & doctor</h2>
    <${ErrorLine} error=${error} />
    ${config && html`<p>Loaded from <code>${config.file}</code></p>
      <h3>Problems</h3>
      ${config.problems.length === 0 ? html`<p class="ok">No problems.</p>`
        : html`<ul class="problems">${config.problems.map((p) => html`<li class=${p.severity}><strong>${p.severity}</strong> ${p.text}</li>`)}</ul>`}`}
    <h3>Doctor</h3>
    <button onClick=${runDoctor} disabled=${running} id="run-doctor">${running ? 'Running…' : doctor ? 'Run again' : 'Run doctor'}</button>
    ${doctor && html`<ul class="findings">${doctor.findings.map((f) => html`<li class=${f.severity}>
      <strong>${f.severity}</strong> <code>${f.subject}</code> ${f.problem}${f.fix ? html`<br /><span class="muted">Fix: ${f.fix}</span>` : ''}</li>`)}</ul>`}
    <h3>Effective config</h3>
    <label for="cfg-filter">Filter</label>
    <input id="cfg-filter" type="search" value=${filter} onInput=${(e) => setFilter(e.target.value)} />
    <div class="scroll"><table id="config-values">
      <thead><tr><th>Path</th><th>Value</th><th>Source</th></tr></thead>
      <tbody>${values.map((v) => html`<tr><td><code>${v.path}</code></td><td><code>${v.value}</code></td><td class="muted">${v.source}</td></tr>`)}</tbody>
    </table></div>
  </section>`;
}
