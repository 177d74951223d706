package dev.clawgate.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A real Redis for tests: Debian's {@code redis-server} on a free loopback port with a temporary directory, no
 * persistence. {@link #kill()} stops it hard mid-test (as a crash would) and {@link #start()} brings it back on
 * the same port. Fails, with what to install, when {@code redis-server} is missing; it never skips.
 */
public final class RedisServer implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

    private final Path binary;
    private final Path dir;
    private final int port;
    private final List<String> output = new ArrayList<>();
    private Process process;

    private RedisServer(Path binary, Path dir, int port) {
        this.binary = binary;
        this.dir = dir;
        this.port = port;
    }

    /** Starts one on a free port under {@code dir}. */
    public static RedisServer start(Path dir) throws IOException, InterruptedException {
        RedisServer server = new RedisServer(binary(), dir, freePort());
        server.start();
        return server;
    }

    private static Path binary() {
        for (String candidate : List.of("/usr/bin/redis-server", "/usr/local/bin/redis-server")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return Path.of(candidate);
            }
        }
        String path = System.getenv().getOrDefault("PATH", "");
        for (String d : path.split(java.io.File.pathSeparator)) {
            Path p = Path.of(d, "redis-server");
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        throw new IllegalStateException("redis-server is not installed; the Redis tests need the real server: "
                + "apt-get install redis-server (.ci/run installs it when missing)");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    public int port() {
        return port;
    }

    /** {@code redis://127.0.0.1:<port>} */
    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    /** Starts (or restarts, on the same port) and returns once it accepts connections. */
    public synchronized void start() throws IOException, InterruptedException {
        if (process != null && process.isAlive()) {
            return;
        }
        Files.createDirectories(dir);
        process = new ProcessBuilder(binary.toString(), "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--dir", dir.toString(), "--protected-mode", "yes")
                .redirectErrorStream(true).start();
        CountDownLatch ready = new CountDownLatch(1);
        Process p = process;
        Thread.ofVirtual().name("redis-server-output").start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null;) {
                    synchronized (output) {
                        output.add(line);
                    }
                    if (line.contains("Ready to accept connections")) {
                        ready.countDown();
                    }
                }
            } catch (IOException e) {
                // the process ended; start() reports what it printed
            }
        });
        if (!ready.await(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            synchronized (output) {
                throw new IllegalStateException("redis-server did not start on port " + port + ":\n"
                        + String.join("\n", output));
            }
        }
    }

    /**
     * Sends one command in Redis's inline form (words separated by spaces) on a new connection and returns the raw
     * reply: for tests that look at or steer the server itself ({@code CLIENT LIST}, {@code CONFIG SET ...}).
     */
    public String command(String inline) throws IOException {
        try (java.net.Socket s = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout((int) START_TIMEOUT.toMillis());
            s.getOutputStream().write((inline + "\r\nQUIT\r\n").getBytes(StandardCharsets.UTF_8));
            String reply = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return reply.substring(0, reply.lastIndexOf("+OK")); // QUIT's answer
        }
    }

    /** The lines of {@code CLIENT LIST} for the connections whose name starts with {@code prefix}. */
    public List<String> clients(String prefix) {
        try {
            return command("CLIENT LIST").lines().filter(l -> l.contains(" name=" + prefix)).toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Kills it at once (SIGKILL), as a crash would; {@link #start()} brings it back on the same port. */
    public synchronized void kill() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }
}
