package io.strongroom.storage.jdbc;

import io.strongroom.storage.Timer;
import io.strongroom.storage.TimerQueue;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The timers table, within the transaction of the {@link JdbcTx} it belongs to. */
final class JdbcTimerQueue implements TimerQueue {

    private final JdbcTx tx;
    /** Told once the transaction that scheduled a timer has committed (Store.timersScheduled). */
    private final Runnable scheduled;
    private boolean told;
    /** The due times this transaction scheduled, for {@link #scheduledDueBy}. */
    private final List<Instant> scheduledDues = new ArrayList<>();
    private Instant countedUpTo;
    private int countedDue;
    private int countedSchedules;

    JdbcTimerQueue(JdbcTx tx, Runnable scheduled) {
        this.tx = tx;
        this.scheduled = scheduled;
    }

    @Override
    public long schedule(String key, String type, Instant due, byte[] payload) {
        tx.checkWritable();
        Keys.check(key, "timer key");
        Keys.check(type, "timer type");
        Objects.requireNonNull(due, "due");
        Objects.requireNonNull(payload, "payload");
        if (!told) {
            told = true;
            tx.afterCommitInProcess(scheduled);
        }
        scheduledDues.add(due);
        // One statement: a key already pending keeps its sequence and takes the new due time, type and payload.
        return tx.query("INSERT INTO timers (type, due_second, due_nano, payload, key) VALUES (?, ?, ?, ?, ?) "
                + "ON CONFLICT (key) DO UPDATE SET type = excluded.type, due_second = excluded.due_second, "
                + "due_nano = excluded.due_nano, payload = excluded.payload RETURNING sequence", s -> {
                    bind(s, type, due, payload, key);
                    try (ResultSet rs = s.executeQuery()) {
                        rs.next();
                        return rs.getLong(1);
                    }
                });
    }

    private static void bind(PreparedStatement s, String type, Instant due, byte[] payload, String key)
            throws SQLException {
        s.setString(1, type);
        s.setLong(2, due.getEpochSecond());
        s.setInt(3, due.getNano());
        s.setBytes(4, payload);
        s.setString(5, key);
    }

    @Override
    public boolean cancel(String key) {
        tx.checkWritable();
        Keys.check(key, "timer key");
        return tx.query("DELETE FROM timers WHERE key = ?", s -> {
            s.setString(1, key);
            return s.executeUpdate() > 0;
        });
    }

    @Override
    public List<Timer> due(Instant upTo, int limit) {
        tx.checkOpen();
        Objects.requireNonNull(upTo, "upTo");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive");
        }
        // The first condition alone bounds the index range; the second trims the last second.
        return tx.query("SELECT sequence, key, type, due_second, due_nano, payload FROM timers "
                + "WHERE due_second <= ? AND (due_second < ? OR due_nano <= ?) "
                + "ORDER BY due_second, due_nano, sequence LIMIT ?", s -> {
                    s.setLong(1, upTo.getEpochSecond());
                    s.setLong(2, upTo.getEpochSecond());
                    s.setInt(3, upTo.getNano());
                    s.setInt(4, limit);
                    List<Timer> timers = new ArrayList<>();
                    try (ResultSet rs = s.executeQuery()) {
                        while (rs.next()) {
                            timers.add(new Timer(rs.getLong(1), rs.getString(2), rs.getString(3),
                                    Instant.ofEpochSecond(rs.getLong(4), rs.getInt(5)), rs.getBytes(6)));
                        }
                    }
                    return timers;
                });
    }

    @Override
    public boolean complete(long sequence) {
        tx.checkWritable();
        return tx.query("DELETE FROM timers WHERE sequence = ?", s -> {
            s.setLong(1, sequence);
            return s.executeUpdate();
        }) > 0;
    }

    @Override
    public boolean completeAsRead(Timer read) {
        tx.checkWritable();
        return tx.query("DELETE FROM timers WHERE sequence = ? AND key = ? AND type = ? AND due_second = ? "
                + "AND due_nano = ? AND payload = ?", s -> {
                    s.setLong(1, read.sequence());
                    s.setString(2, read.key());
                    s.setString(3, read.type());
                    s.setLong(4, read.due().getEpochSecond());
                    s.setInt(5, read.due().getNano());
                    s.setBytes(6, read.payload());
                    return s.executeUpdate();
                }) > 0;
    }

    @Override
    public int scheduledDueBy(Instant upTo) {
        // The clock asks again and again for one instant: count only what was scheduled since it last asked.
        if (!upTo.equals(countedUpTo)) {
            countedUpTo = upTo;
            countedDue = 0;
            countedSchedules = 0;
        }
        for (; countedSchedules < scheduledDues.size(); countedSchedules++) {
            if (!scheduledDues.get(countedSchedules).isAfter(upTo)) {
                countedDue++;
            }
        }
        return countedDue;
    }

    @Override
    public Optional<Instant> nextDue() {
        tx.checkOpen();
        return tx.query("SELECT due_second, due_nano FROM timers ORDER BY due_second, due_nano LIMIT 1", s -> {
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(Instant.ofEpochSecond(rs.getLong(1), rs.getInt(2))) : Optional.empty();
            }
        });
    }
}
