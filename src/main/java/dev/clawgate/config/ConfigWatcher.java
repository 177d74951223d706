package dev.clawgate.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.zip.CRC32;

/**
 * Hot reload: watches the config file and every file it includes, reloads on a change, and hands the new
 * configuration to {@code apply}. An edit that does not load, or that {@code apply} refuses (it returns the
 * problems), is reported to {@code onRejected} and the last good configuration stays in force.
 *
 * <p>Polls a checksum of each file's content rather than using a {@code WatchService}: includes may sit in
 * other directories, editors replace files by rename, modification times can be too coarse to see two quick
 * edits, and reading a few kilobytes once a second costs nothing.
 */
public final class ConfigWatcher implements AutoCloseable {

    private final ConfigLoader loader;
    private final ConfigLocation location;
    private final Function<LoadedConfig, List<ConfigProblem>> apply;
    private final Consumer<List<ConfigProblem>> onRejected;
    private final Duration interval;
    private volatile List<Path> files;
    private volatile List<String> signature;
    private volatile boolean closed;
    private Thread poller;

    /**
     * @param current the configuration now in force (its files are watched)
     * @param apply installs a new configuration and returns the problems that made it refuse (empty = applied)
     * @param onRejected told about every edit that was not applied, with its problems
     */
    public ConfigWatcher(ConfigLoader loader, LoadedConfig current, Function<LoadedConfig, List<ConfigProblem>> apply,
            Consumer<List<ConfigProblem>> onRejected, Duration interval) {
        this.loader = loader;
        this.location = current.location();
        this.apply = apply;
        this.onRejected = onRejected;
        this.interval = interval;
        this.files = current.sources().files();
        this.signature = signature(files);
    }

    /** Starts polling on a virtual thread; does nothing for the built-in default (no file to watch). */
    public synchronized ConfigWatcher start() {
        if (location.path() == null || poller != null) {
            return this;
        }
        poller = Thread.ofVirtual().name("clawgate-config-watcher").start(() -> {
            while (!closed) {
                try {
                    Thread.sleep(interval);
                } catch (InterruptedException e) {
                    return;
                }
                checkNow();
            }
        });
        return this;
    }

    /**
     * Reloads if any watched file changed since the last check.
     *
     * @return true when a changed configuration was applied
     */
    public synchronized boolean checkNow() {
        List<String> now = signature(files);
        if (now.equals(signature)) {
            return false;
        }
        signature = now; // an invalid edit is reported once, not on every poll
        LoadedConfig next;
        try {
            next = loader.load(location);
        } catch (ConfigException e) {
            onRejected.accept(e.problems());
            return false;
        }
        List<ConfigProblem> refused = apply.apply(next);
        if (!refused.isEmpty()) {
            onRejected.accept(refused);
            return false;
        }
        files = next.sources().files();
        signature = signature(files);
        return true;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (poller != null) {
            poller.interrupt();
        }
    }

    private static List<String> signature(List<Path> files) {
        List<String> parts = new ArrayList<>();
        for (Path f : files) {
            try {
                CRC32 crc = new CRC32();
                crc.update(Files.readAllBytes(f));
                parts.add(f + "|" + crc.getValue());
            } catch (IOException e) {
                parts.add(f + "|missing");
            }
        }
        return parts;
    }
}
