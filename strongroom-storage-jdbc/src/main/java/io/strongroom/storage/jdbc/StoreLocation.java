package io.strongroom.storage.jdbc;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/** Where a store lives, as the JDBC driver wants it: the dialect, a URL and connection properties. */
record StoreLocation(Dialect dialect, String jdbcUrl, Properties properties, String description) {

    /** libpq parameter names that pgjdbc spells differently. */
    private static final Map<String, String> LIBPQ_TO_PGJDBC = Map.of(
            "connect_timeout", "connectTimeout",
            "application_name", "ApplicationName");

    /**
     * Accepts a filesystem path or {@code jdbc:sqlite:...} for SQLite, and a libpq URI
     * ({@code postgresql://user:password@host:port/db?param=value}) or {@code jdbc:postgresql:...}
     * for PostgreSQL.
     */
    static StoreLocation parse(String location) {
        if (location == null || location.isBlank()) {
            throw new IllegalArgumentException("a store location is required");
        }
        String lower = location.toLowerCase(Locale.ROOT);
        if (lower.startsWith("jdbc:sqlite:")) {
            return sqlite(location, location);
        }
        if (lower.startsWith("jdbc:postgresql:")) {
            return new StoreLocation(new PostgresDialect(), location, new Properties(), redact(location));
        }
        if (lower.startsWith("postgresql://") || lower.startsWith("postgres://")) {
            return libpqUri(location);
        }
        Path file = Path.of(location).toAbsolutePath();
        return sqlite("jdbc:sqlite:" + file, file.toString());
    }

    private static StoreLocation sqlite(String url, String description) {
        String lower = url.toLowerCase(Locale.ROOT);
        if (lower.contains(":memory:") || lower.contains("mode=memory")) {
            // Each pooled connection would get its own private database.
            throw new IllegalArgumentException("a SQLite store needs a file, not an in-memory database: " + url);
        }
        return new StoreLocation(new SqliteDialect(), url, new Properties(), description);
    }

    private static StoreLocation libpqUri(String uri) {
        String rest = uri.substring(uri.indexOf("://") + 3);
        String query = "";
        int q = rest.indexOf('?');
        if (q >= 0) {
            query = rest.substring(q + 1);
            rest = rest.substring(0, q);
        }
        String path = "";
        int slash = rest.indexOf('/');
        if (slash >= 0) {
            path = rest.substring(slash + 1);
            rest = rest.substring(0, slash);
        }
        Properties props = new Properties();
        String hosts = rest;
        int at = rest.lastIndexOf('@');
        if (at >= 0) {
            String userInfo = rest.substring(0, at);
            hosts = rest.substring(at + 1);
            int colon = userInfo.indexOf(':');
            String user = colon >= 0 ? userInfo.substring(0, colon) : userInfo;
            if (!user.isEmpty()) {
                props.setProperty("user", decode(user));
            }
            if (colon >= 0) {
                props.setProperty("password", decode(userInfo.substring(colon + 1)));
            }
        }
        if (hosts.isEmpty()) {
            hosts = "localhost";
        }
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq >= 0 ? pair.substring(0, eq) : pair);
            String value = eq >= 0 ? decode(pair.substring(eq + 1)) : "";
            props.setProperty(LIBPQ_TO_PGJDBC.getOrDefault(name, name), value);
        }
        String database = decode(path);
        if (database.isEmpty()) {
            database = props.getProperty("dbname", props.getProperty("user", ""));
        }
        props.remove("dbname");
        // The database name travels percent-encoded in the JDBC URL too, so odd names survive.
        String url = "jdbc:postgresql://" + hosts + "/" + encode(database);
        return new StoreLocation(new PostgresDialect(), url, props, redact(uri));
    }

    /** Percent-decoding as libpq does it: no '+' for space, multi-byte UTF-8 sequences. */
    static String decode(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        while (i < s.length()) {
            int percent = s.indexOf('%', i);
            int end = percent < 0 ? s.length() : percent;
            out.writeBytes(s.substring(i, end).getBytes(StandardCharsets.UTF_8));
            if (percent < 0) {
                break;
            }
            if (percent + 2 >= s.length() || Character.digit(s.charAt(percent + 1), 16) < 0
                    || Character.digit(s.charAt(percent + 2), 16) < 0) {
                throw new IllegalArgumentException("bad percent-encoding in store location");
            }
            out.write(Integer.parseInt(s.substring(percent + 1, percent + 3), 16));
            i = percent + 3;
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String encode(String s) {
        StringBuilder out = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-_.~".indexOf(c) >= 0) {
                out.append((char) c);
            } else {
                out.append('%').append(String.format("%02X", c));
            }
        }
        return out.toString();
    }

    /** Locations end up in logs and exception messages; passwords must not. */
    private static String redact(String location) {
        return location.replaceAll("(://[^:/?#@]*:)[^@/?#]*@", "$1***@")
                .replaceAll("(?i)(password=)[^&]*", "$1***");
    }

    @Override
    public String toString() {
        return description;
    }
}
