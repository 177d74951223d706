// Usage: the spending budgets, and tokens and cost over time per model, agent or provider, from the agents' usage ledger.
import { html, useState, useEffect, useRef } from './vendor/preact-htm.js';
import * as api from './api.js';
import { ErrorLine, usd } from './views.js';

const PALETTE = ['#4c8bf5', '#e8710a', '#1e8e3e', '#d93025', '#9334e6', '#12b5cb', '#f9ab00', '#5f6368'];

function Chart({ data, group, metric }) {
  const box = useRef(null);
  useEffect(() => {
    if (!data || !window.uPlot || !box.current) return undefined;
    const series = Object.entries(data.series[group]);
    const xs = data.buckets;
    const ys = series.map(([, s]) => (metric === 'tokens' ? s.tokens : s.costUsd));
    const width = Math.max(280, box.current.clientWidth);
    const dark = matchMedia('(prefers-color-scheme: dark)').matches;
    const axis = { stroke: dark ? '#ccc' : '#333', grid: { stroke: dark ? '#333' : '#e5e5e5' } };
    const plot = new window.uPlot({
      width, height: 260, title: (metric === 'tokens' ? 'Tokens' : 'Cost (USD)') + ' per ' + group,
      series: [{}, ...series.map(([name], i) => ({ label: name, stroke: PALETTE[i % PALETTE.length], width: 2, points: { show: true } }))],
      axes: [axis, axis],
    }, [xs, ...ys], box.current);
    box.current.dataset.points = String(ys.reduce((n, y) => n + y.filter((v) => v > 0).length, 0));
    return () => plot.destroy();
  }, [data, group, metric]);
  return html`<div ref=${box} id="usage-chart" class="chart" role="img" aria-label=${'Chart of ' + metric + ' per ' + group + '; the same data is in the table below'}></div>`;
}

// Spending budgets (gateway, agents, client keys): spent of the limit, with a warning from 80 %.
const WARN_SHARE = 0.8;

function Budgets({ budgets }) {
  if (!budgets || budgets.length === 0) return null;
  const near = budgets.filter((b) => b.limitUsd > 0 ? b.spentUsd >= b.limitUsd * WARN_SHARE : b.spentUsd > 0);
  return html`<div id="budgets">
    ${near.length > 0 && html`<p class="budget-warning" role="alert">Budget warning: ${near.map((b) =>
      `${b.scope} ${b.period} has spent ${usd(b.spentUsd)} of ${usd(b.limitUsd)}`).join('; ')}
      (calls that would not fit are skipped or refused).</p>`}
    <div class="scroll"><table id="budget-rows">
      <thead><tr><th>Budget</th><th>Period</th><th>Spent</th><th>Reserved</th><th>Limit</th><th>Resets</th></tr></thead>
      <tbody>${budgets.map((b) => html`<tr class=${near.includes(b) ? 'budget-near' : ''}>
        <td><code>${b.scope}</code></td><td>${b.period}</td><td>${usd(b.spentUsd)}</td><td>${usd(b.reservedUsd)}</td>
        <td>${usd(b.limitUsd)}</td><td>${new Date(b.resetsAt).toLocaleString()}</td></tr>`)}</tbody>
    </table></div>
  </div>`;
}

export function Usage() {
  const [hours, setHours] = useState('24');
  const [group, setGroup] = useState('model');
  const [metric, setMetric] = useState('tokens');
  const [data, setData] = useState(null);
  const [error, setError] = useState(null);
  const [budgets, setBudgets] = useState(null);
  useEffect(() => { api.get('usage?hours=' + hours).then(setData, setError); }, [hours]);
  useEffect(() => { api.get('budgets').then((b) => setBudgets(b.budgets), setError); }, []);
  return html`<section aria-labelledby="h-usage">
    <h2 id="h-usage">Usage</h2>
    <div class="filters">
      <label for="u-hours">Period <select id="u-hours" value=${hours} onChange=${(e) => setHours(e.target.value)}>
        <option value="1">1 hour</option><option value="24">24 hours</option><option value="168">7 days</option><option value="720">30 days</option></select></label>
      <label for="u-group">Per <select id="u-group" value=${group} onChange=${(e) => setGroup(e.target.value)}>
        <option value="model">model</option><option value="agent">agent</option><option value="provider">provider</option></select></label>
      <label for="u-metric">Show <select id="u-metric" value=${metric} onChange=${(e) => setMetric(e.target.value)}>
        <option value="tokens">tokens</option><option value="cost">cost</option></select></label>
    </div>
    <${ErrorLine} error=${error} />
    <${Budgets} budgets=${budgets} />
    ${data && html`<p>${data.totals.requests} model requests, ${data.totals.tokens} tokens, ${usd(data.totals.costUsd)}
      ${data.totals.estimatedRequests ? html` · <span class="estimated">${data.totals.estimatedRequests} with estimated usage (≈)</span>` : ''}</p>
      <${Chart} data=${data} group=${group} metric=${metric} />
      <div class="scroll"><table id="usage-rows">
        <thead><tr><th>Time</th><th>Agent</th><th>Model</th><th>In</th><th>Out</th><th>Cost</th></tr></thead>
        <tbody>${data.rows.map((r) => html`<tr>
          <td>${new Date(r.at).toLocaleString()}</td><td>${r.agent}</td><td><code>${r.model}</code>${r.fellBack ? html` <span class="muted">fallback: ${r.fallbackReason}</span>` : ''}</td>
          <td>${r.estimated ? '≈' : ''}${r.inputTokens}</td><td>${r.estimated ? '≈' : ''}${r.outputTokens}</td>
          <td>${r.local ? html`<span class="free">free (local)</span>` : usd(r.costUsd)}</td></tr>`)}</tbody>
      </table></div>
      <p class="muted">≈ marks usage Clawgate estimated because the upstream reported none. Calls made straight through the API are listed under the agent "direct /v1" (kept in memory: the newest 10,000 since the gateway started).</p>`}
  </section>`;
}
