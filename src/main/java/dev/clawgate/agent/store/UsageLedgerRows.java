package dev.clawgate.agent.store;

import dev.clawgate.wire.Usage;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The {@code usage_ledger} rows of {@link JdbcSessionStore}; the same SQL on SQLite and PostgreSQL. */
final class UsageLedgerRows {

    private UsageLedgerRows() {}

    static void insert(Connection connection, String key, UsageRecord u, long now) throws SQLException {
        try (PreparedStatement p = connection.prepareStatement("INSERT INTO usage_ledger (session_key, model_ref, "
                + "input_tokens, output_tokens, cache_read_tokens, cache_write_tokens, reasoning_tokens, "
                + "tokens_estimated, cost_usd, duration_ms, fell_back, fallback_reason, created_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            p.setString(1, key);
            p.setString(2, u.modelRef());
            p.setLong(3, u.usage().inputTokens());
            p.setLong(4, u.usage().outputTokens());
            p.setLong(5, u.usage().cacheReadTokens());
            p.setLong(6, u.usage().cacheWriteTokens());
            p.setLong(7, u.usage().reasoningTokens());
            p.setBoolean(8, u.usage().estimated());
            p.setDouble(9, u.costUsd());
            p.setLong(10, u.durationMs());
            p.setBoolean(11, u.fellBack());
            p.setString(12, u.fallbackReason());
            p.setLong(13, u.createdAt() != null ? u.createdAt().toEpochMilli() : now);
            p.executeUpdate();
        }
    }

    static List<UsageRecord> select(Connection connection, String key) throws SQLException {
        try (PreparedStatement p = connection.prepareStatement(
                "SELECT model_ref, input_tokens, output_tokens, cache_read_tokens, cache_write_tokens, "
                        + "reasoning_tokens, tokens_estimated, cost_usd, duration_ms, fell_back, fallback_reason, "
                        + "created_at FROM usage_ledger WHERE session_key = ? ORDER BY id")) {
            p.setString(1, key);
            List<UsageRecord> rows = new ArrayList<>();
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    Usage usage = new Usage(rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                            rs.getLong(6), rs.getBoolean(7));
                    rows.add(new UsageRecord(rs.getString(1), usage, rs.getDouble(8), rs.getLong(9),
                            rs.getBoolean(10), rs.getString(11), Instant.ofEpochMilli(rs.getLong(12))));
                }
            }
            return rows;
        }
    }
}
