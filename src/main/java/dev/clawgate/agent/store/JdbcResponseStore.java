package dev.clawgate.agent.store;

import dev.clawgate.state.SqlDatabase;
import dev.clawgate.state.StateDatabaseException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * The {@code responses} table of the state database: Responses API answers kept for
 * {@code previous_response_id}, in the session store's database. Retention is bounded: at most
 * {@link #MAX_COUNT} answers, none older than {@link #MAX_AGE} (OpenAI keeps stored responses 30 days);
 * every write prunes in the same transaction, so the table never grows past the bound.
 */
public final class JdbcResponseStore {

    public static final int MAX_COUNT = 1000;
    public static final Duration MAX_AGE = Duration.ofDays(30);

    /** One stored answer, as JSON text. */
    public record Row(String conversationJson, String responseJson) {}

    private final SqlDatabase db;
    private final Clock clock;
    private final int maxCount;
    private final Duration maxAge;

    public JdbcResponseStore(JdbcSessionStore sessions, Clock clock) {
        this(sessions, clock, MAX_COUNT, MAX_AGE);
    }

    JdbcResponseStore(JdbcSessionStore sessions, Clock clock, int maxCount, Duration maxAge) {
        this.db = sessions.database();
        this.clock = clock;
        this.maxCount = maxCount;
        this.maxAge = maxAge;
    }

    public void save(String id, String conversationJson, String responseJson) {
        long now = clock.millis();
        run("cannot store response " + id, () -> db.transaction(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO responses "
                    + "(response_id, conversation_json, response_json, created_at) VALUES (?, ?, ?, ?) "
                    + "ON CONFLICT (response_id) DO UPDATE SET conversation_json = excluded.conversation_json, "
                    + "response_json = excluded.response_json, created_at = excluded.created_at");
                    PreparedStatement old = connection.prepareStatement("DELETE FROM responses WHERE created_at < ?");
                    // newest first by time, then by id: identical timestamps must still keep exactly maxCount rows
                    PreparedStatement excess = connection.prepareStatement("DELETE FROM responses WHERE response_id "
                            + "NOT IN (SELECT response_id FROM responses ORDER BY created_at DESC, response_id DESC "
                            + "LIMIT ?)")) {
                insert.setString(1, id);
                insert.setString(2, conversationJson);
                insert.setString(3, responseJson);
                insert.setLong(4, now);
                insert.executeUpdate();
                old.setLong(1, now - maxAge.toMillis());
                old.executeUpdate();
                excess.setInt(1, maxCount);
                excess.executeUpdate();
                return null;
            }
        }));
    }

    /** The answer, unless unknown or past {@link #MAX_AGE}. */
    public Optional<Row> find(String id) {
        return run("cannot read response " + id, () -> db.read(connection -> {
            try (PreparedStatement p = connection.prepareStatement("SELECT conversation_json, response_json "
                    + "FROM responses WHERE response_id = ? AND created_at >= ?")) {
                p.setString(1, id);
                p.setLong(2, clock.millis() - maxAge.toMillis());
                try (ResultSet rs = p.executeQuery()) {
                    return rs.next() ? Optional.of(new Row(rs.getString(1), rs.getString(2))) : Optional.<Row>empty();
                }
            }
        }));
    }

    public boolean delete(String id) {
        return run("cannot delete response " + id, () -> db.read(connection -> {
            try (PreparedStatement p = connection.prepareStatement("DELETE FROM responses WHERE response_id = ?")) {
                p.setString(1, id);
                return p.executeUpdate() > 0;
            }
        }));
    }

    private static <T> T run(String what, java.util.function.Supplier<T> work) {
        try {
            return work.get();
        } catch (StateDatabaseException e) {
            throw new SessionStoreException(what + ": " + e.getMessage(), e);
        }
    }
}
