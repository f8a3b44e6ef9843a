package io.strongroom.dynamodb;

import io.strongroom.storage.Store;
import io.strongroom.storage.Timer;
import io.strongroom.storage.jdbc.StoreFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The sweep's timers as the clock would run them: one page per transaction, re-armed while time to live is on. */
class TimeToLiveSweepTest {
    private static final String ACCOUNT = "111111111111";
    private static final String REGION = "us-east-1";
    private static final Instant START = Instant.parse("2027-02-01T00:00:00Z");

    @TempDir
    Path dir;
    Store store;
    MovableClock clock = new MovableClock(START);
    DynamoDbService dynamoDb;

    @BeforeEach
    void open() {
        store = StoreFactory.open(dir.resolve("store.db").toString());
        AtomicInteger ids = new AtomicInteger();
        dynamoDb = new DynamoDbService(clock,
                tx -> String.format("00000000-0000-4000-8000-%012d", ids.incrementAndGet()));
        store.write(tx -> dynamoDb.createTable(tx, ACCOUNT, REGION, new Inputs.CreateTable("sessions",
                List.of(new Inputs.KeySchemaElement("id", "HASH")), List.of(new Inputs.AttributeDefinition("id", "N")),
                "PAY_PER_REQUEST", null, null, false, Map.of())));
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void aLargeTableIsSweptOnePagePerRunThenAgainAPassLater() {
        long expired = START.getEpochSecond() - 60;
        long expiredByTheSecondPass = expired + TimeToLiveSweep.INTERVAL.toSeconds() * 2;
        int count = TimeToLiveSweep.PAGE * 2 + 10;
        store.write(tx -> {
            for (int i = 0; i < count; i++) {
                dynamoDb.putItem(tx, ACCOUNT, REGION, "sessions", Map.of("id", AttributeValue.n(String.valueOf(i)),
                        "expires_at", AttributeValue.n(String.valueOf(i % 2 == 0 ? expired : expiredByTheSecondPass))),
                        Inputs.Conditional.none());
            }
            enable(tx);
            return null;
        });
        assertThat(pending().map(Timer::due)).contains(START.plus(TimeToLiveSweep.INTERVAL));

        clock.set(START.plus(TimeToLiveSweep.INTERVAL));
        runDue();
        assertThat(items()).isEqualTo(count - TimeToLiveSweep.PAGE / 2);
        assertThat(pending().map(Timer::due)).contains(clock.instant().plusSeconds(1));
        clock.set(clock.instant().plusSeconds(1));
        runDue();
        clock.set(clock.instant().plusSeconds(1));
        runDue();
        assertThat(items()).isEqualTo(count / 2);
        assertThat(pending().map(Timer::due)).contains(clock.instant().plus(TimeToLiveSweep.INTERVAL));

        clock.set(clock.instant().plus(TimeToLiveSweep.INTERVAL));
        runDue(); // the other half expired between the two passes
        clock.set(clock.instant().plusSeconds(1));
        runDue();
        clock.set(clock.instant().plusSeconds(1));
        runDue();
        assertThat(items()).isZero();
    }

    @Test
    void disablingOrDeletingTheTableStopsTheSweep() {
        store.write(tx -> {
            enable(tx);
            return null;
        });
        clock.set(START.plus(TimeToLiveSweep.INTERVAL));
        store.write(tx -> {
            dynamoDb.settings().updateTimeToLive(tx, ACCOUNT, REGION, "sessions",
                    new Inputs.TimeToLiveSpecification(false, "expires_at"));
            return null;
        });
        assertThat(pending()).isEmpty();
        clock.set(START.plus(TimeToLiveSweep.INTERVAL.multipliedBy(2)));
        store.write(tx -> {
            enable(tx);
            return null;
        });
        assertThat(pending()).isPresent();
        store.write(tx -> dynamoDb.deleteTable(tx, ACCOUNT, REGION, "sessions"));
        assertThat(pending()).isEmpty();
    }

    private void enable(io.strongroom.storage.Tx tx) {
        dynamoDb.settings().updateTimeToLive(tx, ACCOUNT, REGION, "sessions",
                new Inputs.TimeToLiveSpecification(true, "expires_at"));
    }

    private Optional<Timer> pending() {
        return store.read(tx -> tx.timers().due(Instant.parse("3000-01-01T00:00:00Z"), 10)).stream()
                .filter(t -> t.type().equals(TimeToLiveSweep.TIMER)).findFirst();
    }

    private void runDue() {
        store.write(tx -> {
            for (Timer t : tx.timers().due(clock.instant(), 10)) {
                tx.timers().complete(t.sequence());
                dynamoDb.timeToLiveSweep().onTimer(tx, t.payload());
            }
            return null;
        });
    }

    private int items() {
        return store.read(tx -> dynamoDb.allItems(tx, dynamoDb.table(tx, ACCOUNT, REGION, "sessions")).size());
    }
}
