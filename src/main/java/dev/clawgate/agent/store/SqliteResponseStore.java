package dev.clawgate.agent.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The {@code responses} table of the state database: Responses API answers kept for
 * {@code previous_response_id}, on the session store's connection and lock. Retention is bounded: at most
 * {@link #MAX_COUNT} answers, none older than {@link #MAX_AGE} (OpenAI keeps stored responses 30 days);
 * every write prunes, so the table never grows past the bound.
 */
public final class SqliteResponseStore {

    public static final int MAX_COUNT = 1000;
    public static final Duration MAX_AGE = Duration.ofDays(30);

    /** One stored answer, as JSON text. */
    public record Row(String conversationJson, String responseJson) {}

    private final Connection connection;
    private final ReentrantLock lock;
    private final Clock clock;
    private final int maxCount;
    private final Duration maxAge;

    public SqliteResponseStore(SqliteSessionStore sessions, Clock clock) {
        this(sessions, clock, MAX_COUNT, MAX_AGE);
    }

    SqliteResponseStore(SqliteSessionStore sessions, Clock clock, int maxCount, Duration maxAge) {
        this.connection = sessions.connection();
        this.lock = sessions.lock();
        this.clock = clock;
        this.maxCount = maxCount;
        this.maxAge = maxAge;
    }

    public void save(String id, String conversationJson, String responseJson) {
        long now = clock.millis();
        lock.lock();
        try (PreparedStatement insert = connection.prepareStatement("INSERT OR REPLACE INTO responses "
                + "(response_id, conversation_json, response_json, created_at) VALUES (?, ?, ?, ?)");
                PreparedStatement old = connection.prepareStatement("DELETE FROM responses WHERE created_at < ?");
                PreparedStatement excess = connection.prepareStatement("DELETE FROM responses WHERE response_id NOT IN "
                        + "(SELECT response_id FROM responses ORDER BY created_at DESC, rowid DESC LIMIT ?)")) {
            insert.setString(1, id);
            insert.setString(2, conversationJson);
            insert.setString(3, responseJson);
            insert.setLong(4, now);
            insert.executeUpdate();
            old.setLong(1, now - maxAge.toMillis());
            old.executeUpdate();
            excess.setInt(1, maxCount);
            excess.executeUpdate();
        } catch (SQLException e) {
            throw new SessionStoreException("cannot store response " + id, e);
        } finally {
            lock.unlock();
        }
    }

    /** The answer, unless unknown or past {@link #MAX_AGE}. */
    public Optional<Row> find(String id) {
        lock.lock();
        try (PreparedStatement p = connection.prepareStatement("SELECT conversation_json, response_json FROM responses "
                + "WHERE response_id = ? AND created_at >= ?")) {
            p.setString(1, id);
            p.setLong(2, clock.millis() - maxAge.toMillis());
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? Optional.of(new Row(rs.getString(1), rs.getString(2))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new SessionStoreException("cannot read response " + id, e);
        } finally {
            lock.unlock();
        }
    }

    public boolean delete(String id) {
        lock.lock();
        try (PreparedStatement p = connection.prepareStatement("DELETE FROM responses WHERE response_id = ?")) {
            p.setString(1, id);
            return p.executeUpdate() > 0;
        } catch (SQLException e) {
            throw new SessionStoreException("cannot delete response " + id, e);
        } finally {
            lock.unlock();
        }
    }
}
