package io.strongroom.storage.jdbc;

import java.sql.ResultSet;
import java.time.Instant;
import java.util.Optional;

/** The statements of {@link io.strongroom.storage.Tx#tryLease} on the {@code leases} table. */
final class JdbcLeases {
    private JdbcLeases() {
    }

    /** Takes or renews the lease in {@code tx}; the arguments are checked by the caller. */
    static boolean tryLease(JdbcTx tx, String name, String owner, Instant now, Instant until) {
        Optional<Holder> holder = tx.query("SELECT owner, until_second, until_nano FROM leases WHERE name = ?", s -> {
            s.setString(1, name);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next()
                        ? Optional.of(new Holder(rs.getString(1), Instant.ofEpochSecond(rs.getLong(2), rs.getInt(3))))
                        : Optional.empty();
            }
        });
        if (holder.isPresent() && !holder.get().owner().equals(owner) && holder.get().until().isAfter(now)) {
            return false;
        }
        String sql = holder.isPresent()
                ? "UPDATE leases SET owner = ?, until_second = ?, until_nano = ? WHERE name = ?"
                : "INSERT INTO leases (owner, until_second, until_nano, name) VALUES (?, ?, ?, ?)";
        return tx.query(sql, s -> {
            s.setString(1, owner);
            s.setLong(2, until.getEpochSecond());
            s.setInt(3, until.getNano());
            s.setString(4, name);
            s.executeUpdate();
            return true;
        });
    }

    private record Holder(String owner, Instant until) {
    }
}
