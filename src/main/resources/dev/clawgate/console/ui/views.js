// Small shared pieces of the pages.
import { html } from './vendor/preact-htm.js';

export function ago(iso) {
  if (!iso) return '';
  const s = Math.round((Date.now() - Date.parse(iso)) / 1000);
  if (s < 60) return s + ' s ago';
  if (s < 3600) return Math.round(s / 60) + ' min ago';
  if (s < 86400) return Math.round(s / 3600) + ' h ago';
  return new Date(iso).toLocaleString();
}

export function duration(seconds) {
  if (seconds < 60) return seconds + ' s';
  if (seconds < 3600) return Math.floor(seconds / 60) + ' min ' + (seconds % 60) + ' s';
  return Math.floor(seconds / 3600) + ' h ' + Math.floor((seconds % 3600) / 60) + ' min';
}

export const usd = (v) => (v === 0 ? '$0' : v < 0.01 ? '$' + v.toFixed(5) : '$' + v.toFixed(2));

export function ErrorLine({ error }) {
  return error ? html`<p class="error" role="alert">${String(error.message || error)}</p>` : null;
}

export function ModelName({ modelRef: r, alias, name }) {
  return html`<span class="model"><code>${r}</code>${alias ? html` <span class="muted">(${alias})</span>` : ''}${name && name !== r ? html` <span class="muted">${name}</span>` : ''}</span>`;
}

export function attemptsText(d) {
  return d.attempts.map((a) => `${a.model}=${a.outcome}${a.outcome === 'skipped' ? '' : ' ' + a.ms + 'ms'}`).join(', ');
}
