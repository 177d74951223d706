#!/usr/bin/env python3
"""Abuse figures for one gateway build (issue 10, items 7 and 9); rerunnable, loopback only.

usage: bench/abuse/abuse.py [path/to/clawgate.jar] [--quick] [--tokens-only]

Starts the jar's gateway with an empty HOME and a minimal config whose one model is a loopback stand-in
(which reports no usage, so the gateway estimates tokens itself), then measures:
  * connections: how long a silent connection, a header trickle (one byte per second) and an idle
    keep-alive connection stay open (each capped at CAP seconds), and the descriptors the gateway holds
    with N silent connections open, at once and WAIT seconds later;
  * token estimation: time of a non-streaming request carrying 1 MiB and 4 MiB of random letters without
    spaces, and the gateway's peak RSS (VmHWM) after each.
Defaults of the limits are used (nothing in the config), so that old and new builds run the same config.
"""
import http.server, json, os, random, shutil, socket, string, subprocess, sys, tempfile, threading, time, urllib.request

CAP = 130          # seconds a connection is watched at most
N = 200            # silent connections for the descriptor count
WAIT = 20          # seconds between the two descriptor counts

def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]

class StandIn(http.server.BaseHTTPRequestHandler):
    """OpenAI-compatible: streams 'ok' without a usage chunk."""
    protocol_version = "HTTP/1.1"
    def log_message(self, *a): pass
    def do_GET(self):
        body = b'{"object":"list","data":[{"id":"m"}]}'
        self.send_response(200); self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body))); self.end_headers(); self.wfile.write(body)
    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.send_response(200); self.send_header("Content-Type", "text/event-stream")
        self.send_header("Connection", "close"); self.end_headers()
        for d in ('{"id":"1","object":"chat.completion.chunk","model":"m","choices":[{"index":0,"delta":{"role":"assistant","content":"ok"}}]}',
                  '{"id":"1","object":"chat.completion.chunk","model":"m","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}'):
            self.wfile.write(("data: " + d + "\n\n").encode())
        self.wfile.write(b"data: [DONE]\n\n"); self.wfile.flush()

def java_21():
    """$JAVA_HOME's java, else the newest JDK under /usr/lib/jvm (the PATH's java may be older than 21)."""
    if os.environ.get("JAVA_HOME"):
        return os.path.join(os.environ["JAVA_HOME"], "bin", "java")
    jdks = sorted((d for d in os.listdir("/usr/lib/jvm") if os.path.exists(f"/usr/lib/jvm/{d}/bin/java")),
                  key=lambda d: [int(x) for x in __import__("re").findall(r"\d+", d)[:1]] or [0])
    return f"/usr/lib/jvm/{jdks[-1]}/bin/java" if jdks else "java"

def fds(pid):
    return len(os.listdir(f"/proc/{pid}/fd"))

def hwm_mb(pid):
    for line in open(f"/proc/{pid}/status"):
        if line.startswith("VmHWM"):
            return int(line.split()[1]) // 1024

def open_for(make, cap=CAP):
    """Seconds until the server closes the connection `make` opened and keeps feeding, or None."""
    start = time.time()
    s, feed = make()
    s.settimeout(1.0)
    try:
        while time.time() - start < cap:
            try:
                if s.recv(65536) == b"":
                    return time.time() - start
            except socket.timeout:
                if feed:
                    try:
                        feed()
                    except OSError:
                        return time.time() - start
            except OSError:
                return time.time() - start
        return None
    finally:
        s.close()

def main():
    jar = os.path.abspath(next((a for a in sys.argv[1:] if a.endswith(".jar")), "target/clawgate.jar"))
    global CAP
    if "--quick" in sys.argv:
        CAP = 40
    home = tempfile.mkdtemp(prefix="clawgate-abuse-")
    upstream = http.server.ThreadingHTTPServer(("127.0.0.1", 0), StandIn)
    threading.Thread(target=upstream.serve_forever, daemon=True).start()
    port = free_port()
    cfg = os.path.join(home, "clawgate.json5")
    with open(cfg, "w") as f:
        f.write('{ agents: { defaults: { model: { primary: "stand/m" } } },\n'
                '  models: { providers: { stand: { baseUrl: "http://127.0.0.1:%d/v1", api: "openai-completions",'
                ' models: [{ id: "m" }] } } } }\n' % upstream.server_address[1])
    env = dict(os.environ, HOME=home)
    env.pop("CLAWGATE_STATE_DIR", None)
    gw = subprocess.Popen([java_21(), "-XX:+UseSerialGC", "-Xms48m", "-Duser.home=" + home, "-jar", jar, "gateway",
                           "--config", cfg, "--port", str(port)], env=env, cwd=home,
                          stdout=open(os.path.join(home, "gateway.log"), "w"), stderr=subprocess.STDOUT)
    try:
        for _ in range(600):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=1).read(); break
            except OSError:
                if gw.poll() is not None:
                    sys.exit("gateway exited:\n" + open(os.path.join(home, "gateway.log")).read())
                time.sleep(0.1)
        print(f"jar: {jar}")

        if "--tokens-only" not in sys.argv:
            connections(port, gw)
        estimate(port, gw, "a warm-up (tokenizer loaded, code compiled)", "Hello there, how are you?")
        for mib in (1, 4):
            text = "".join(random.choice(string.ascii_letters) for _ in range(mib * 1024 * 1024))
            estimate(port, gw, f"{mib} MiB without spaces", text)
    finally:
        gw.terminate()
        try:
            gw.wait(10)
        except subprocess.TimeoutExpired:
            gw.kill()
        upstream.shutdown()
        shutil.rmtree(home, ignore_errors=True)

def estimate(port, gw, label, text):
    body = json.dumps({"model": "stand/m", "max_tokens": 8, "messages": [{"role": "user", "content": text}]}).encode()
    req = urllib.request.Request(f"http://127.0.0.1:{port}/v1/chat/completions", data=body,
                                 headers={"Content-Type": "application/json"})
    t0 = time.time()
    with urllib.request.urlopen(req, timeout=600) as r:
        usage = json.loads(r.read())["usage"]
    print(f"{label}: {time.time() - t0:.2f} s, prompt_tokens {usage['prompt_tokens']},"
          f" gateway peak RSS {hwm_mb(gw.pid)} MB")

def connections(port, gw):
        def silent():
            return socket.create_connection(("127.0.0.1", port)), None
        def trickle():
            s = socket.create_connection(("127.0.0.1", port))
            s.sendall(b"GET /health HTTP/1.1\r\nHost: x\r\n")
            return s, lambda: s.sendall(b"X")
        def idle():
            s = socket.create_connection(("127.0.0.1", port))
            s.sendall(b"GET /health HTTP/1.1\r\nHost: x\r\n\r\n")
            s.settimeout(5)
            s.recv(65536)  # the answer; from now on the connection is idle
            return s, None
        results = {}
        threads = [threading.Thread(target=lambda k=k, m=m: results.__setitem__(k, open_for(m)))
                   for k, m in (("silent connection", silent), ("header trickle, 1 byte/s", trickle),
                                ("idle keep-alive after an answer", idle))]
        for t in threads: t.start()

        base = fds(gw.pid)
        conns = [socket.create_connection(("127.0.0.1", port)) for _ in range(N)]
        time.sleep(1)
        at_once = fds(gw.pid) - base
        time.sleep(WAIT)
        later = fds(gw.pid) - base
        for c in conns: c.close()
        for t in threads: t.join()
        for k in ("silent connection", "header trickle, 1 byte/s", "idle keep-alive after an answer"):
            v = results[k]
            print(f"{k}: " + (f"closed after {v:.1f} s" if v is not None else f"still open after {CAP} s"))
        print(f"descriptors held by {N} silent connections: {at_once} after 1 s, {later} after {WAIT + 1} s")


if __name__ == "__main__":
    main()
