package io.strongroom.dynamodb;

import io.strongroom.dynamodb.codec.DynamoDbCodecs;
import io.strongroom.storage.Collection;
import io.strongroom.storage.Tx;

import java.time.Clock;
import java.time.Instant;

/**
 * UpdateContinuousBackups, UpdateTimeToLive and their Describe calls; the item history point-in-time recovery keeps
 * starts and ends with the setting (D121). The settings are kept in
 * {@code dynamodb.settings} under the table's key, apart from the table record: they change without the table
 * changing, a deleted table takes them with it, and a restored table starts without them, as on AWS (D110).
 */
public final class TableSettingsService {
    public static final String CONTINUOUS_BACKUPS = "ENABLED";

    private final Collection<TableSettings> settings = new Collection<>("dynamodb.settings", DynamoDbCodecs.SETTINGS);
    private final DynamoDbService tables;
    private final TimeToLiveSweep sweep;
    private final ItemHistory history;
    private final Clock clock;

    TableSettingsService(DynamoDbService tables, TimeToLiveSweep sweep, ItemHistory history, Clock clock) {
        this.tables = tables;
        this.sweep = sweep;
        this.history = history;
        this.clock = clock;
    }

    /** DescribeContinuousBackups' answer: the setting and, while enabled, its restorable window now. */
    public record ContinuousBackups(String continuousBackupsStatus, PointInTimeRecovery pointInTimeRecovery,
                                    Instant now) {
        public String pointInTimeRecoveryStatus() {
            return pointInTimeRecovery.enabled() ? "ENABLED" : "DISABLED";
        }
    }

    public ContinuousBackups continuousBackups(Tx tx, String account, String region, String name) {
        TableValidation.tableName(name);
        Table table = tables.findTable(tx, account, region, name)
                .orElseThrow(() -> DynamoDbErrors.backupTableNotFound(name));
        return new ContinuousBackups(CONTINUOUS_BACKUPS, of(tx, table).pointInTimeRecovery(), Instant.now(clock));
    }

    public ContinuousBackups updateContinuousBackups(Tx tx, String account, String region, String name,
                                                     Inputs.PointInTimeRecoverySpecification spec) {
        TableValidation.tableName(name);
        String member = "pointInTimeRecoverySpecification";
        required(spec, member);
        required(spec.enabled(), member + ".pointInTimeRecoveryEnabled");
        Table table = tables.findTable(tx, account, region, name)
                .orElseThrow(() -> DynamoDbErrors.backupTableNotFound(name));
        Instant now = Instant.now(clock);
        TableSettings current = of(tx, table);
        PointInTimeRecovery changed = current.pointInTimeRecovery().change(spec.enabled(), spec.recoveryPeriodInDays(),
                now);
        settings.put(tx, key(table), current.with(changed));
        tables.recordPointInTimeRecovery(tx, table, changed.enabled());
        if (changed.enabled() && !current.pointInTimeRecovery().enabled()) {
            scheduleTrim(tx, new ItemHistory.Trim(table), now.plus(ItemHistory.INTERVAL));
        } else if (!changed.enabled() && current.pointInTimeRecovery().enabled()) {
            stopHistory(tx, table); // AWS forgets the window; enabling again starts a new one (D110, D121)
        }
        return new ContinuousBackups(CONTINUOUS_BACKUPS, changed, now);
    }

    /** The table's point-in-time recovery setting. */
    PointInTimeRecovery pointInTimeRecovery(Tx tx, Table table) {
        return of(tx, table).pointInTimeRecovery();
    }

    /**
     * The trim timer's work (D121): deletes one page of the table's history older than its window and, when the page
     * was full, continues a second later; otherwise the next trim is due a day later. What was trimmed is recorded,
     * so a window made longer afterwards starts no earlier than the history kept.
     */
    public void onHistoryTimer(Tx tx, byte[] payload) {
        ItemHistory.Trim trim = DynamoDbCodecs.HISTORY_TRIM.decode(payload);
        Table table = tables.findTable(tx, trim.account(), trim.region(), trim.name())
                .filter(t -> t.tableId().equals(trim.tableId())).orElse(null);
        if (table == null) {
            return; // deleted (and perhaps made again): its history went with it
        }
        TableSettings current = of(tx, table);
        PointInTimeRecovery pitr = current.pointInTimeRecovery();
        if (!pitr.enabled()) {
            return;
        }
        Instant now = Instant.now(clock);
        Instant cutoff = pitr.earliestRestorable(now);
        boolean more = history.trim(tx, table, cutoff, ItemHistory.PAGE);
        PointInTimeRecovery trimmed = pitr.trimmedTo(cutoff);
        if (!trimmed.equals(pitr)) {
            settings.put(tx, key(table), current.with(trimmed));
        }
        scheduleTrim(tx, trim, now.plus(more ? ItemHistory.CONTINUE_AFTER : ItemHistory.INTERVAL));
    }

    private static void scheduleTrim(Tx tx, ItemHistory.Trim trim, Instant due) {
        tx.timers().schedule(trimKey(trim.tableId()), ItemHistory.TIMER, due,
                DynamoDbCodecs.HISTORY_TRIM.encode(trim));
    }

    private void stopHistory(Tx tx, Table table) {
        tx.timers().cancel(trimKey(table.tableId()));
        history.drop(tx, table);
    }

    private static String trimKey(String tableId) {
        return ItemHistory.TIMER + "/" + tableId;
    }

    public TimeToLive timeToLive(Tx tx, String account, String region, String name) {
        TableValidation.tableName(name);
        Table table = tables.findTable(tx, account, region, name)
                .orElseThrow(() -> DynamoDbErrors.tableNotFound(name));
        return of(tx, table).timeToLive();
    }

    /** Changes the setting; enabling starts the table's expiry sweeps, disabling stops them. */
    public void updateTimeToLive(Tx tx, String account, String region, String name,
                                 Inputs.TimeToLiveSpecification spec) {
        TableValidation.tableName(name);
        String member = "timeToLiveSpecification";
        required(spec, member);
        required(spec.enabled(), member + ".enabled");
        required(spec.attributeName(), member + ".attributeName");
        if (spec.attributeName().isEmpty() || spec.attributeName().length() > 255) {
            throw DynamoDbErrors.constraint(spec.attributeName(), member + ".attributeName",
                    "Member must have length " + (spec.attributeName().isEmpty() ? "greater than or equal to 1"
                            : "less than or equal to 255"));
        }
        Table table = tables.findTable(tx, account, region, name)
                .orElseThrow(() -> DynamoDbErrors.tableNotFound(name));
        Instant now = Instant.now(clock);
        TableSettings current = of(tx, table);
        TimeToLive changed = current.timeToLive().change(spec.enabled(), spec.attributeName(), now);
        settings.put(tx, key(table), current.with(changed));
        if (changed.enabled()) {
            sweep.start(tx, table, changed.attributeName(), now);
        } else {
            sweep.stop(tx, table);
        }
    }

    /** A deleted table's settings go with it, its sweeps stop and its item history is forgotten. */
    void forget(Tx tx, Table table) {
        settings.delete(tx, key(table));
        sweep.stop(tx, table);
        stopHistory(tx, table);
    }

    private TableSettings of(Tx tx, Table table) {
        return settings.get(tx, key(table)).orElse(TableSettings.NEVER_SET);
    }

    private static String key(Table table) {
        return table.accountId() + "/" + table.region() + "/" + table.name();
    }

    private static void required(Object value, String member) {
        if (value == null) {
            throw DynamoDbErrors.constraint("null", member, "Member must not be null");
        }
    }
}
