package dev.clawgate.gateway;

import dev.clawgate.agent.store.StateDirectory;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One gateway per state directory. Two gateways sharing one would each run turns on the same sessions
 * with their own in-process session locks, so two messages to one session could interleave their
 * transcript writes, and both would keep cooldown and keep-warm state of their own. The first gateway holds
 * an OS file lock on {@code gateway.lock} in the state directory (released by the OS when the process dies,
 * even by {@code kill -9}) and writes its pid and port into it; a second one refuses to start, naming them.
 *
 * <p>The lock covers a byte far past the end of the file rather than its content, so that the second
 * gateway can read who holds it on every platform (Windows forbids reading a locked range). The CLI's
 * {@code clawgate agent} beside a running gateway does not take it: SQLite serialises the two processes'
 * writes, and the CLI's turns use sessions of their own unless told otherwise.
 */
final class StateDirectoryLock implements AutoCloseable {

    static final String FILE_NAME = "gateway.lock";
    private static final long LOCK_POSITION = Long.MAX_VALUE - 1;

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private StateDirectoryLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock of {@code stateDirectory} and records this process's pid.
     *
     * @throws GatewayStartException when another gateway holds it (naming its pid and port) or the
     *     directory cannot be used
     */
    static StateDirectoryLock acquire(Path stateDirectory) {
        Path file = stateDirectory.resolve(FILE_NAME);
        FileChannel channel = null;
        try {
            Files.createDirectories(stateDirectory);
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock(LOCK_POSITION, 1, false);
            } catch (OverlappingFileLockException e) {
                lock = null; // held by another gateway in this same JVM
            }
            if (lock == null) {
                channel.close();
                throw new GatewayStartException("another Clawgate gateway (" + holder(file) + ") is running on the "
                        + "state directory " + stateDirectory + ". Stop it first, or give this gateway a state "
                        + "directory of its own with " + StateDirectory.ENV + ".");
            }
            StateDirectoryLock held = new StateDirectoryLock(file, channel, lock);
            held.record(null);
            return held;
        } catch (IOException e) {
            closeQuietly(channel);
            throw new GatewayStartException("cannot lock the state directory " + stateDirectory + ": " + e.getMessage(), e);
        }
    }

    /** Records the port the gateway listens on, for the message a second gateway shows. */
    void recordPort(int port) {
        try {
            record(port);
        } catch (IOException e) {
            throw new GatewayStartException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private void record(Integer port) throws IOException {
        String text = "pid=" + ProcessHandle.current().pid() + "\n" + (port == null ? "" : "port=" + port + "\n");
        channel.truncate(0);
        channel.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), 0);
        channel.force(false);
    }

    /** {@code pid 1234, port 18789} from the holder's file, as far as it has written it. */
    static String holder(Path file) {
        String pid = null;
        String port = null;
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.startsWith("pid=")) {
                    pid = line.substring(4).strip();
                } else if (line.startsWith("port=")) {
                    port = line.substring(5).strip();
                }
            }
        } catch (IOException e) {
            return "its " + FILE_NAME + " is unreadable: " + e.getMessage();
        }
        return "pid " + (pid == null ? "unknown" : pid) + ", port " + (port == null ? "not bound yet" : port);
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException e) {
            // the channel's close below releases it too
        }
        closeQuietly(channel);
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException e) {
            // nothing more to release
        }
    }
}
