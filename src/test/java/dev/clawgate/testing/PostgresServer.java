package dev.clawgate.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server for tests: Debian's binaries ({@code /usr/lib/postgresql/<version>/bin}, the
 * {@code postgresql} package that {@code .ci/run} installs), a fresh cluster in a temporary folder, listening on a
 * free loopback port only (its unix socket in the same folder), {@code fsync=off} since its data dies with the
 * run. PostgreSQL refuses to run as root, so under root the server runs as the {@code postgres} user (the package
 * creates it; {@code nobody} otherwise). {@link #shared()} is one server for the whole test JVM, each test class
 * taking its own database from {@link #newDatabaseUrl()} (test classes run one at a time, so a test may
 * {@link #stop()} and {@link #start()} it, in a finally). Missing binaries fail the test with what to install,
 * never skip it.
 */
public final class PostgresServer implements AutoCloseable {

    private static final String SUPERUSER = "clawgate";
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static PostgresServer shared;

    private final Path bin;
    private final Path dir;
    private final int port;
    private final String runAs;

    private PostgresServer(Path bin, Path dir, int port, String runAs) {
        this.bin = bin;
        this.dir = dir;
        this.port = port;
        this.runAs = runAs;
    }

    /** The server of this JVM, started on first use and stopped when the JVM exits. */
    public static synchronized PostgresServer shared() {
        if (shared == null) {
            shared = startPrivate();
            PostgresServer server = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        }
        return shared;
    }

    /** A new server; close it when done. */
    public static PostgresServer startPrivate() {
        Path bin = binaries();
        try {
            Path dir = Files.createTempDirectory("clawgate-pg");
            String runAs = "root".equals(System.getProperty("user.name")) ? serviceUser() : null;
            if (runAs != null) {
                run(List.of("chown", "-R", runAs + ":", dir.toString()), null);
            }
            PostgresServer server = new PostgresServer(bin, dir, freePort(), runAs);
            server.command(List.of(bin.resolve("initdb").toString(), "-D", server.data().toString(), "-U", SUPERUSER,
                    "--auth=trust", "--no-sync", "--no-locale", "-E", "UTF8"));
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start PostgreSQL for the tests", e);
        }
    }

    private static Path binaries() {
        Path root = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(root)) {
            try (Stream<Path> versions = Files.list(root)) {
                var found = versions.map(v -> v.resolve("bin"))
                        .filter(b -> Files.isExecutable(b.resolve("postgres")) && Files.isExecutable(b.resolve("initdb")))
                        .max(Comparator.comparing(b -> Integer.parseInt(b.getParent().getFileName().toString()
                                .replaceAll("\\D.*", "0"))));
                if (found.isPresent()) {
                    return found.get();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw new IllegalStateException("PostgreSQL server binaries not found under /usr/lib/postgresql/<version>/bin: "
                + "install Debian's postgresql package (apt-get install -y postgresql; .ci/run does this), or run "
                + "the fast set without these tests: ./mvnw test -DexcludedGroups=postgres");
    }

    private static String serviceUser() {
        try {
            run(List.of("id", "-u", "postgres"), null);
            return "postgres";
        } catch (IllegalStateException noSuchUser) {
            return "nobody";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private Path data() {
        return dir.resolve("data");
    }

    /** Starts (again, after {@link #stop()}) on the same port and data, and waits until it accepts connections. */
    public void start() {
        command(List.of(bin.resolve("pg_ctl").toString(), "-D", data().toString(), "-l", dir.resolve("log").toString(),
                "-w", "-t", "60", "-o", "-p " + port + " -c listen_addresses=127.0.0.1 -c unix_socket_directories="
                        + dir + " -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200",
                "start"));
    }

    /** Stops the server now (fast shutdown: open connections are cut, as when a database host goes away). */
    public void stop() {
        command(List.of(bin.resolve("pg_ctl").toString(), "-D", data().toString(), "-m", "fast", "-w", "-t", "60", "stop"));
    }

    public int port() {
        return port;
    }

    /** A fresh, empty database on this server; its URL carries the user (trust authentication, no password). */
    public String newDatabaseUrl() {
        return newDatabaseUrl("template1");
    }

    /** A fresh database copied from {@code template} (which nobody may be connected to). */
    public String newDatabaseUrl(String template) {
        String name = "t" + DATABASES.incrementAndGet();
        try (Connection c = DriverManager.getConnection(url("postgres")); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name + " TEMPLATE " + template);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name + ": " + e.getMessage(), e);
        }
        return url(name);
    }

    /** The name of a database in a URL from {@link #newDatabaseUrl()}. */
    public static String databaseName(String url) {
        String path = url.substring(url.lastIndexOf('/') + 1);
        return path.substring(0, path.indexOf('?'));
    }

    public String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=" + SUPERUSER;
    }

    private void command(List<String> command) {
        List<String> full = new ArrayList<>();
        if (runAs != null) {
            full.addAll(List.of("runuser", "-u", runAs, "--"));
        }
        full.addAll(command);
        run(full, dir);
    }

    private static void run(List<String> command, Path workDir) {
        try {
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
            if (workDir != null) {
                pb.directory(workDir.toFile());
            }
            Process p = pb.start();
            byte[] output = p.getInputStream().readAllBytes();
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed:\n"
                        + new String(output, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            command(List.of(bin.resolve("pg_ctl").toString(), "-D", data().toString(), "-m", "immediate", "-w",
                    "stop"));
        } catch (IllegalStateException alreadyStopped) {
            // stopped by the test itself
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException ignored) {
            // a temporary folder; the OS cleans it eventually
        }
    }
}
