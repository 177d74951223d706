// WebChat: talk to an agent; the reply streams in, Stop aborts it, each reply says which model served it.
import { html, useState, useEffect, useRef } from './vendor/preact-htm.js';
import * as api from './api.js';
import { ErrorLine } from './views.js';
import { Transcript, ToolCard } from './sessions.js';

export function Chat() {
  const [agents, setAgents] = useState(null);
  const [agent, setAgent] = useState('');
  const [session, setSession] = useState('');
  const [history, setHistory] = useState([]);
  const [known, setKnown] = useState([]);
  const [turns, setTurns] = useState([]);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);
  const abort = useRef(null);
  const input = useRef(null);

  useEffect(() => {
    api.get('agents').then((a) => { setAgents(a); setAgent(a.default); }, setError);
  }, []);
  const key = session.trim() || (agent ? `agent:${agent}:main` : '');
  useEffect(() => {
    if (agent) api.get('sessions?agent=' + encodeURIComponent(agent)).then((l) => setKnown(l.map((s) => s.key)), () => setKnown([]));
  }, [agent]);
  useEffect(() => {
    if (!key) return;
    setTurns([]);
    api.get('session?key=' + encodeURIComponent(key)).then((t) => setHistory(t.items), () => setHistory([]));
  }, [key]);

  function update(i, patch) {
    setTurns((ts) => ts.map((t, j) => (j === i ? Object.assign({}, t, typeof patch === 'function' ? patch(t) : patch) : t)));
  }

  async function send() {
    const message = text.trim();
    if (!message || busy) return;
    setText(''); setBusy(true); setError(null);
    const index = turns.length;
    setTurns((ts) => [...ts, { user: message, reply: '', done: null, stopped: false, tools: [] }]);
    abort.current = new AbortController();
    try {
      await api.stream('chat', { method: 'POST', body: { agent, session: key, text: message }, signal: abort.current.signal }, (name, data) => {
        if (name === 'delta') update(index, (t) => ({ reply: t.reply + data.text }));
        else if (name === 'tool') update(index, (t) => ({ tools: t.tools.some((c) => c.id === data.id)
          ? t.tools.map((c) => (c.id === data.id ? Object.assign({}, c, { state: data.state }) : c)) : [...t.tools, data] }));
        else if (name === 'done') update(index, (t) => ({ done: data, reply: data.reply || t.reply, stopped: t.stopped || data.aborted }));
        else if (name === 'error') update(index, { failed: data.message });
      });
    } catch (e) {
      if (e.name !== 'AbortError') setError(e);
    } finally {
      setBusy(false);
      abort.current = null;
      input.current && input.current.focus();
    }
  }

  async function stop() {
    try {
      await api.post('chat/stop', { session: key });
    } catch (e) { setError(e); }
    setTurns((ts) => ts.map((t, j) => (j === ts.length - 1 ? Object.assign({}, t, { stopped: true }) : t)));
  }

  function onKey(e) {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) { e.preventDefault(); send(); }
  }

  return html`<section aria-labelledby="h-chat" class="chat">
    <h2 id="h-chat">Chat</h2>
    <div class="filters">
      <label for="c-agent">Agent <select id="c-agent" value=${agent} onChange=${(e) => setAgent(e.target.value)}>
        ${(agents ? agents.agents : []).map((a) => html`<option value=${a.id}>${a.id}${a.default ? ' (default)' : ''}</option>`)}</select></label>
      <label for="c-session">Session <input id="c-session" list="c-sessions" value=${session} placeholder=${agent ? `agent:${agent}:main` : ''}
        onChange=${(e) => setSession(e.target.value)} /></label>
      <datalist id="c-sessions">${known.map((k) => html`<option value=${k} />`)}</datalist>
    </div>
    <${ErrorLine} error=${error} />
    <div class="conversation" id="conversation" aria-live="polite">
      <${Transcript} items=${history} />
      <ol class="transcript">${turns.map((t) => html`<li class="msg user"><span class="who">user</span><div class="text">${t.user}</div></li>
        <li class="msg assistant reply" data-done=${t.done ? 'yes' : 'no'} data-stopped=${t.stopped ? 'yes' : 'no'}>
          <span class="who">assistant</span>
          ${t.tools.map((c) => html`<${ToolCard} name=${c.name + (c.state === 'running' ? ' — running…' : '')} args=${c.arguments} isError=${c.state === 'error'} />`)}
          <div class="text">${t.reply}${!t.done && !t.failed && !t.stopped ? html`<span class="cursor" aria-hidden="true">▍</span>` : ''}</div>
          ${t.failed && html`<p class="error">${t.failed}</p>`}
          ${t.stopped && html`<p class="notice">Stopped. The partial reply is kept in the session, marked as aborted.</p>`}
          ${t.done && t.done.model && html`<p class="meta">served by <code class="served-by">${t.done.model}</code>${t.done.estimated ? ' · ≈' : ' · '}${t.done.inputTokens + t.done.outputTokens} tokens</p>`}
          ${t.done && t.done.fallbackNotice && html`<p class="fallback" role="note">${t.done.fallbackNotice}</p>`}
        </li>`)}</ol>
    </div>
    <form class="composer" onSubmit=${(e) => { e.preventDefault(); send(); }}>
      <label for="c-text" class="sr-only">Message</label>
      <textarea id="c-text" ref=${input} rows="2" value=${text} onInput=${(e) => setText(e.target.value)} onKeyDown=${onKey}
        placeholder=${'Message (Enter sends, Shift+Enter for a new line; ' + (agents ? agents.commands.join(' ') : '/new /model') + ')'}></textarea>
      <button type="submit" id="c-send" disabled=${busy || !text.trim()}>Send</button>
      <button type="button" id="c-stop" disabled=${!busy} onClick=${stop}>Stop</button>
    </form>
  </section>`;
}
