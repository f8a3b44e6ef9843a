package io.strongroom.storage.jdbc;

/** Opens the store a server is configured with. */
public final class StoreFactory {

    private StoreFactory() {
    }

    /**
     * Opens (creating and migrating as needed) the store at {@code location}:
     * <ul>
     *   <li>a filesystem path, or {@code jdbc:sqlite:<path>}: a SQLite file (the default);
     *   <li>{@code postgresql://user:password@host:port/database?param=value} (the URI form libpq
     *       and psql accept, also {@code postgres://}), or {@code jdbc:postgresql://...}.
     * </ul>
     * @throws IllegalArgumentException when the location is malformed
     * @throws io.strongroom.storage.StoreException when the database cannot be reached or migrated
     */
    public static JdbcStore open(String location) {
        return JdbcStore.open(StoreLocation.parse(location));
    }
}
