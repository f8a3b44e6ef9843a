package io.strongroom.rds;

import java.util.Set;

/**
 * Where the SQL databases behind DB instances and clusters live and how clients reach them: the engine's port
 * to its database host ({@code h2.H2Databases}). Every call is idempotent by key, because a store transaction
 * that calls it may run more than once.
 *
 * <p>A database is named by a {@code key} (the instance's or cluster's resource id) and a database name (the
 * DBName clients connect to). An endpoint is a TCP port on 127.0.0.1 that speaks the PostgreSQL protocol and
 * leads to one database; several endpoints may lead to the same database (an Aurora cluster and its members).
 */
public interface Databases {
    /** Creates an empty database whose master user has this password; nothing when it exists already. */
    void create(String key, String dbName, String masterUsername, String masterPassword);

    /** Creates a database from a {@link #script} (a restore); nothing when it exists already. */
    void createFromScript(String key, String dbName, byte[] script);

    /** A consistent SQL script of the whole database (schema, rows, users) at this moment. */
    byte[] script(String key, String dbName);

    void changePassword(String key, String dbName, String username, String newPassword);

    /** Stops every endpoint leading to the database, closes it and deletes its files. */
    void drop(String key);

    /**
     * Opens (or keeps) the endpoint {@code endpointId} leading to {@code key}/{@code dbName}, on
     * {@code preferredPort} when it is free (0: any free port); returns the port it listens on.
     */
    int listen(String endpointId, int preferredPort, String key, String dbName);

    /** Closes an endpoint; nothing when it is not open. */
    void unlisten(String endpointId);

    /** Deletes the files of every database whose key is not in {@code keys} (left by a rolled-back create). */
    void retainOnly(Set<String> keys);
}
