package dev.clawgate.state;

/**
 * Where the stores' databases are: SQLite files in the state directory or one PostgreSQL database. The runtime
 * at the top picks the engine; a store only asks for the database of its schema.
 */
public interface SqlDatabases extends AutoCloseable {

    /**
     * The database of {@code schema}, migrated to its latest version (cheaply skipped when it is already
     * there). Safe to call again: the same schema gives the same database.
     *
     * @throws StateDatabaseException when the database cannot be reached or migrated
     */
    SqlDatabase open(SqlSchema schema);

    /** For messages: where the state lives, never a password. */
    String describe();

    @Override
    void close();
}
