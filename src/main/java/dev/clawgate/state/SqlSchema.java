package dev.clawgate.state;

/**
 * The tables of one store, migrated as a unit: its scripts live under
 * {@code db/migration/<dialect>/<name>/V<n>__*.sql} and its history in its own table, so the stores can share
 * one PostgreSQL database and still be migrated (and, on SQLite, kept in files) independently.
 *
 * @param name lower-case letters: {@code sessions}, {@code channels}, {@code budget}
 * @param latestVersion the highest migration version this Clawgate ships; a database at it is not migrated
 */
public record SqlSchema(String name, int latestVersion) {

    public SqlSchema {
        if (!name.matches("[a-z]+") || latestVersion < 1) {
            throw new IllegalArgumentException("bad schema " + name + " v" + latestVersion);
        }
    }
}
