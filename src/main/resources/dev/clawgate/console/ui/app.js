// The Control UI shell: sign-in, navigation, and the live event feed shared by the pages.
import { html, render, useState, useEffect, useRef } from './vendor/preact-htm.js';
import * as api from './api.js';
import { Overview } from './overview.js';
import { Routing, Logs } from './routing.js';
import { Usage } from './usage.js';
import { Sessions } from './sessions.js';
import { Chat } from './chat.js';
import { Config } from './config.js';
import { Pairing } from './pairing.js';

const PAGES = [
  ['overview', 'Overview', Overview],
  ['routing', 'Routing', Routing],
  ['usage', 'Usage', Usage],
  ['sessions', 'Sessions', Sessions],
  ['chat', 'Chat', Chat],
  ['pairing', 'Pairing', Pairing],
  ['config', 'Config & doctor', Config],
  ['logs', 'Logs', Logs],
];
const MAX_DECISIONS = 500;

function currentPage() {
  const name = location.hash.replace(/^#\/?/, '').split('?')[0];
  return PAGES.find((p) => p[0] === name) ? name : 'overview';
}

function SignIn({ onSignedIn, refused }) {
  const [value, setValue] = useState('');
  const [error, setError] = useState(refused ? 'Sign in with the gateway token (gateway.auth.token).' : null);
  const [busy, setBusy] = useState(false);
  async function submit(e) {
    e.preventDefault();
    setBusy(true);
    api.token.set(value.trim());
    try {
      await api.get('overview');
      onSignedIn();
    } catch (err) {
      api.token.clear();
      setError(err instanceof api.AuthError ? 'Refused: ' + err.message : err.message);
    } finally {
      setBusy(false);
    }
  }
  return html`<main class="signin">
    <h1>Clawgate</h1>
    <form onSubmit=${submit} id="signin">
      <label for="token">Gateway token</label>
      <input id="token" name="token" type="password" autocomplete="current-password" required value=${value}
        onInput=${(e) => setValue(e.target.value)} autofocus />
      <button type="submit" disabled=${busy}>Sign in</button>
      ${error && html`<p class="error" role="alert" id="signin-error">${error}</p>`}
      <p class="muted">The token stays in this tab (sessionStorage) and is sent only to this gateway.</p>
    </form>
  </main>`;
}

// Reads /clawgate/api/events for as long as the page is signed in, reconnecting after a pause.
function useLiveFeed(enabled, onAuthLost) {
  const [overview, setOverview] = useState(null);
  const [decisions, setDecisions] = useState([]);
  const [connected, setConnected] = useState(false);
  const lost = useRef(onAuthLost);
  lost.current = onAuthLost;
  useEffect(() => {
    if (!enabled) return undefined;
    const abort = new AbortController();
    let stopped = false;
    (async () => {
      while (!stopped) {
        try {
          await api.stream('events', { signal: abort.signal }, (name, data) => {
            setConnected(true);
            if (name === 'overview') setOverview(data);
            else if (name === 'decision') setDecisions((list) => [data, ...list].slice(0, MAX_DECISIONS));
          });
        } catch (err) {
          if (err instanceof api.AuthError) { lost.current(); return; }
        }
        setConnected(false);
        if (!stopped) await new Promise((r) => setTimeout(r, 1000));
      }
    })();
    api.get('decisions').then((list) => setDecisions((live) => (live.length ? live : list))).catch(() => {});
    return () => { stopped = true; abort.abort(); };
  }, [enabled]);
  return { overview, decisions, connected };
}

function App() {
  const [auth, setAuth] = useState('checking'); // checking | in | out
  const [page, setPage] = useState(currentPage());
  useEffect(() => {
    const onHash = () => setPage(currentPage());
    addEventListener('hashchange', onHash);
    api.get('overview').then(() => setAuth('in')).catch((e) => setAuth(e instanceof api.AuthError ? 'out' : 'in'));
    return () => removeEventListener('hashchange', onHash);
  }, []);
  const live = useLiveFeed(auth === 'in', () => { api.token.clear(); setAuth('out'); });
  if (auth === 'checking') return html`<p class="muted pad">Connecting…</p>`;
  if (auth === 'out') return html`<${SignIn} refused=${!!api.token.get()} onSignedIn=${() => setAuth('in')} />`;
  const Page = PAGES.find((p) => p[0] === page)[2];
  return html`<div class="layout">
    <header>
      <span class="brand">Clawgate</span>
      <nav aria-label="Pages">
        ${PAGES.map(([id, label]) => html`<a href=${'#' + id} id=${'nav-' + id} aria-current=${page === id ? 'page' : null}>${label}</a>`)}
      </nav>
      <span class=${'live ' + (live.connected ? 'on' : 'off')} role="status" aria-live="polite">${live.connected ? 'live' : 'reconnecting'}</span>
      ${api.token.get() && html`<button class="link" onClick=${() => { api.token.clear(); setAuth('out'); }}>Sign out</button>`}
    </header>
    <main id="page" data-page=${page}><${Page} live=${live} /></main>
  </div>`;
}

render(html`<${App} />`, document.getElementById('app'));
