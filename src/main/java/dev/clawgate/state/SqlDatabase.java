package dev.clawgate.state;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * One relational database holding one {@link SqlSchema}: the SQLite file of that schema, or the shared
 * PostgreSQL database. Stores write their SQL once against this port; the few places where the engines differ
 * are named by {@link Dialect}. Every failure reaches the caller as a {@link StateDatabaseException} that names
 * the database (never its password), and a transaction that failed is rolled back: nothing is half-written.
 */
public interface SqlDatabase {

    /** What the stores' SQL has to know about the engine underneath. */
    enum Dialect {
        SQLITE("", "rowid"),
        POSTGRESQL(" FOR UPDATE", "arrival");

        private final String forUpdate;
        private final String insertionOrder;

        Dialect(String forUpdate, String insertionOrder) {
            this.forUpdate = forUpdate;
            this.insertionOrder = insertionOrder;
        }

        /**
         * Appended to a {@code SELECT} in a transaction that will write the rows it read: PostgreSQL locks them
         * so that two instances cannot both read the same next value; SQLite's transactions take the database's
         * write lock up front, so it needs (and accepts) nothing.
         */
        public String forUpdate() {
            return forUpdate;
        }

        /** The column that orders a table's rows by insertion: SQLite's implicit rowid, an identity column else. */
        public String insertionOrder() {
            return insertionOrder;
        }
    }

    /** Work on a connection; SQL errors propagate and become a {@link StateDatabaseException}. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    Dialect dialect();

    /** The database for messages: {@code SQLite /home/me/.clawgate/state/sessions.db}, never a password. */
    String describe();

    /** Runs {@code work} in auto-commit mode (each statement commits on its own): reads and single writes. */
    <T> T read(Work<T> work);

    /** Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. */
    <T> T transaction(Work<T> work);
}
