package dev.clawgate.state.sqlite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.function.Consumer;
import org.sqlite.SQLiteConfig;

/**
 * Opens a SQLite file the way every Clawgate store needs it: its folder created, {@code journal_mode=WAL}
 * (readers never block the writer; a crash mid-transaction leaves the last commit intact),
 * {@code synchronous=FULL} (a commit that returned survives power loss) and a {@value #BUSY_TIMEOUT_MS} ms
 * busy timeout (another process, the CLI beside a running gateway, may hold the write lock briefly).
 */
public final class DurableSqlite {

    public static final int BUSY_TIMEOUT_MS = 5000;

    private DurableSqlite() {}

    /**
     * @param tune further settings of one store (transaction mode, foreign keys), applied last
     */
    public static Connection open(Path file, Consumer<SQLiteConfig> tune) throws SQLException, IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.setBusyTimeout(BUSY_TIMEOUT_MS);
        tune.accept(config);
        return DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath(), config.toProperties());
    }

    /**
     * {@link #open} with default settings, then the store's schema statements ({@code CREATE ... IF NOT EXISTS});
     * the connection is closed again when one fails.
     */
    public static Connection openWithSchema(Path file, String... ddl) throws SQLException, IOException {
        Connection c = open(file, config -> {});
        try (java.sql.Statement s = c.createStatement()) {
            for (String statement : ddl) {
                s.execute(statement);
            }
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        return c;
    }
}
