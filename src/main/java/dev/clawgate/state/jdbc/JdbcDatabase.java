package dev.clawgate.state.jdbc;

import dev.clawgate.state.SqlDatabase;
import dev.clawgate.state.StateDatabaseException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.ReentrantLock;

/**
 * {@link SqlDatabase} over plain JDBC connections from a {@link Connector}, in a small pool: at most
 * {@code maxConnections} in use at once (one for SQLite, which has a single writer anyway), idle ones kept for
 * the next call. A connection that failed at the connection level (SQLState class 08, or closed under us) is
 * thrown away together with every idle one, since they all talk to the same server that just went away; the
 * next call connects afresh, so the database coming back needs no restart.
 */
public final class JdbcDatabase implements SqlDatabase, AutoCloseable {

    /** Opens a new connection, ready to use (timeouts, pragmas set). */
    @FunctionalInterface
    public interface Connector {
        Connection connect() throws SQLException;
    }

    private final Dialect dialect;
    private final String description;
    private final Connector connector;
    private final Semaphore permits;
    private final Deque<Connection> idle = new ArrayDeque<>();
    private final ReentrantLock idleLock = new ReentrantLock();
    private boolean closed;

    public JdbcDatabase(Dialect dialect, String description, Connector connector, int maxConnections) {
        this.dialect = dialect;
        this.description = description;
        this.connector = connector;
        this.permits = new Semaphore(maxConnections, true);
    }

    @Override
    public Dialect dialect() {
        return dialect;
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public <T> T read(Work<T> work) {
        return withConnection(work, false);
    }

    @Override
    public <T> T transaction(Work<T> work) {
        return withConnection(work, true);
    }

    private <T> T withConnection(Work<T> work, boolean transaction) {
        permits.acquireUninterruptibly();
        Connection connection = null;
        boolean broken = false;
        try {
            connection = take();
            if (!transaction) {
                return work.run(connection);
            }
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException | Error e) {
                try {
                    connection.rollback();
                } catch (SQLException rollbackFailed) {
                    broken = true; // the server will drop the transaction with the connection
                }
                throw e;
            } finally {
                if (!broken) {
                    try {
                        connection.setAutoCommit(true);
                    } catch (SQLException e) {
                        broken = true;
                    }
                }
            }
        } catch (SQLException e) {
            broken = broken || connection == null || connectionLost(e, connection);
            throw failure(e, connection == null);
        } finally {
            if (connection != null) {
                giveBack(connection, broken);
            }
            permits.release();
        }
    }

    private Connection take() throws SQLException {
        idleLock.lock();
        try {
            if (closed) {
                throw new StateDatabaseException("the state database (" + description + ") is closed");
            }
            Connection c = idle.pollFirst();
            if (c != null) {
                return c;
            }
        } finally {
            idleLock.unlock();
        }
        return connector.connect();
    }

    private void giveBack(Connection connection, boolean broken) {
        idleLock.lock();
        try {
            if (!broken && !closed) {
                idle.addFirst(connection);
                return;
            }
            if (broken) { // the others talk to the same server: drop them too
                idle.forEach(JdbcDatabase::closeQuietly);
                idle.clear();
            }
        } finally {
            idleLock.unlock();
        }
        closeQuietly(connection);
    }

    private static boolean connectionLost(SQLException e, Connection connection) {
        String state = e.getSQLState();
        if (state != null && state.startsWith("08")) {
            return true;
        }
        try {
            return connection.isClosed();
        } catch (SQLException ignored) {
            return true;
        }
    }

    private StateDatabaseException failure(SQLException e, boolean connecting) {
        String message = connecting
                ? "cannot reach the state database (" + description + "): " + e.getMessage()
                        + " Check that it is running and that state.database is right."
                : "the state database (" + description + ") failed: " + e.getMessage();
        return new StateDatabaseException(message, e);
    }

    static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // already broken or closing at shutdown: nothing left to save
        }
    }

    @Override
    public void close() {
        idleLock.lock();
        try {
            closed = true;
            idle.forEach(JdbcDatabase::closeQuietly);
            idle.clear();
        } finally {
            idleLock.unlock();
        }
    }
}
