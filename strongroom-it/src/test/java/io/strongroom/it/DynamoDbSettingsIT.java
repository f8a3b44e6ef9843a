package io.strongroom.it;

import io.strongroom.testkit.AdminClient;
import io.strongroom.testkit.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.*;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static io.strongroom.it.DynamoDbIT.expect;
import static io.strongroom.it.DynamoDbIT.n;
import static io.strongroom.it.DynamoDbIT.s;
import static io.strongroom.it.DynamoDbIT.validation;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Point-in-time recovery and time to live through the SDK v2 (D110): set, read back with the clock, refused as AWS
 * refuses them, and expired items deleted by DynamoDB on the clock.
 */
class DynamoDbSettingsIT {
    private static final AtomicInteger TABLES = new AtomicInteger();
    static TestServer server;
    static DynamoDbClient ddb;
    static AdminClient admin;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        ddb = server.endpoint().client(DynamoDbClient.builder());
        admin = server.endpoint().admin();
    }

    @AfterAll
    static void stop() {
        ddb.close();
        server.close();
    }

    /** A fresh table keyed by a string id. */
    static String table() {
        String name = "sessions-" + TABLES.incrementAndGet();
        ddb.createTable(r -> r.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(KeySchemaElement.builder().attributeName("id").keyType(KeyType.HASH).build())
                .attributeDefinitions(AttributeDefinition.builder().attributeName("id").attributeType("S").build()));
        return name;
    }

    static PointInTimeRecoveryDescription pitr(String table) {
        return ddb.describeContinuousBackups(r -> r.tableName(table)).continuousBackupsDescription()
                .pointInTimeRecoveryDescription();
    }

    static UpdateTimeToLiveResponse ttl(String table, boolean enabled, String attribute) {
        return ddb.updateTimeToLive(r -> r.tableName(table)
                .timeToLiveSpecification(t -> t.enabled(enabled).attributeName(attribute)));
    }

    @Test
    void pointInTimeRecoveryOpensAWindowThatMovesWithTheClock() {
        String t = table();
        Instant enabledAt = admin.now();
        ContinuousBackupsDescription enabled = ddb.updateContinuousBackups(r -> r.tableName(t)
                .pointInTimeRecoverySpecification(p -> p.pointInTimeRecoveryEnabled(true).recoveryPeriodInDays(3)))
                .continuousBackupsDescription();
        assertThat(enabled.continuousBackupsStatus()).isEqualTo(ContinuousBackupsStatus.ENABLED);
        assertThat(enabled.pointInTimeRecoveryDescription()).isEqualTo(PointInTimeRecoveryDescription.builder()
                .pointInTimeRecoveryStatus(PointInTimeRecoveryStatus.ENABLED).recoveryPeriodInDays(3)
                .earliestRestorableDateTime(enabledAt).latestRestorableDateTime(enabledAt.minusSeconds(300)).build());

        Instant dayLater = admin.advance(Duration.ofDays(1));
        assertThat(pitr(t).earliestRestorableDateTime()).isEqualTo(enabledAt);
        assertThat(pitr(t).latestRestorableDateTime()).isEqualTo(dayLater.minusSeconds(300));
        Instant weekLater = admin.advance(Duration.ofDays(6));
        assertThat(pitr(t).earliestRestorableDateTime()).isEqualTo(weekLater.minus(Duration.ofDays(3)));

        ContinuousBackupsDescription disabled = ddb.updateContinuousBackups(r -> r.tableName(t)
                .pointInTimeRecoverySpecification(p -> p.pointInTimeRecoveryEnabled(false)))
                .continuousBackupsDescription();
        assertThat(disabled.pointInTimeRecoveryDescription()).isEqualTo(PointInTimeRecoveryDescription.builder()
                .pointInTimeRecoveryStatus(PointInTimeRecoveryStatus.DISABLED).build());
        assertThat(pitr(t).pointInTimeRecoveryStatus()).isEqualTo(PointInTimeRecoveryStatus.DISABLED);

        Instant again = admin.now();
        ddb.updateContinuousBackups(r -> r.tableName(t)
                .pointInTimeRecoverySpecification(p -> p.pointInTimeRecoveryEnabled(true)));
        assertThat(pitr(t).recoveryPeriodInDays()).isEqualTo(35);
        assertThat(pitr(t).earliestRestorableDateTime()).isEqualTo(again);
    }

    @Test
    void pointInTimeRecoveryRefusals() {
        String t = table();
        validation("1 validation error detected: Value '36' at 'pointInTimeRecoverySpecification.recoveryPeriodInDays' "
                + "failed to satisfy constraint: Member must have value less than or equal to 35",
                () -> ddb.updateContinuousBackups(r -> r.tableName(t).pointInTimeRecoverySpecification(
                        p -> p.pointInTimeRecoveryEnabled(true).recoveryPeriodInDays(36))));
        expect(TableNotFoundException.class, "Table not found: no-such-table",
                () -> ddb.updateContinuousBackups(r -> r.tableName("no-such-table")
                        .pointInTimeRecoverySpecification(p -> p.pointInTimeRecoveryEnabled(true))));
        assertThat(pitr(t).pointInTimeRecoveryStatus()).isEqualTo(PointInTimeRecoveryStatus.DISABLED);
    }

    @Test
    void timeToLiveIsSetEchoedAndDescribed() {
        String t = table();
        UpdateTimeToLiveResponse enabled = ttl(t, true, "expires_at");
        assertThat(enabled.timeToLiveSpecification())
                .isEqualTo(TimeToLiveSpecification.builder().enabled(true).attributeName("expires_at").build());
        assertThat(ddb.describeTimeToLive(r -> r.tableName(t)).timeToLiveDescription())
                .isEqualTo(TimeToLiveDescription.builder().timeToLiveStatus(TimeToLiveStatus.ENABLED)
                        .attributeName("expires_at").build());
    }

    @Test
    void timeToLiveRefusalsInAwsOrderAndWords() {
        String t = table();
        validation("TimeToLive is already disabled", () -> ttl(t, false, "expires_at"));
        ttl(t, true, "expires_at");
        validation("TimeToLive is already enabled", () -> ttl(t, true, "expires_at"));
        validation("TimeToLive is active on a different AttributeName: current AttributeName is expires_at",
                () -> ttl(t, true, "other"));
        validation("TimeToLive is active on a different AttributeName: current AttributeName is expires_at",
                () -> ttl(t, false, "other"));
        validation("Time to live has been modified multiple times within a fixed interval",
                () -> ttl(t, false, "expires_at"));
        admin.advance(Duration.ofHours(1));
        ttl(t, false, "expires_at");
        assertThat(ddb.describeTimeToLive(r -> r.tableName(t)).timeToLiveDescription())
                .isEqualTo(TimeToLiveDescription.builder().timeToLiveStatus(TimeToLiveStatus.DISABLED).build());
        validation("Time to live has been modified multiple times within a fixed interval",
                () -> ttl(t, true, "ttl"));

        expect(ResourceNotFoundException.class, "Requested resource not found: Table: no-such-table not found",
                () -> ttl("no-such-table", true, "expires_at"));
        ddb.deleteTable(r -> r.tableName(t));
        expect(ResourceNotFoundException.class, "Requested resource not found: Table: " + t + " not found",
                () -> ddb.describeTimeToLive(r -> r.tableName(t)));
    }

    @Test
    void expiredItemsAreDeletedOnTheClockUntilTimeToLiveIsDisabled() {
        String t = table();
        long now = admin.now().getEpochSecond();
        long sixYearsAgo = admin.now().atOffset(ZoneOffset.UTC).minusYears(6).toEpochSecond();
        put(t, "expired", n(String.valueOf(now - 60)));
        put(t, "in-two-days", n(String.valueOf(now + 2 * 86_400)));
        put(t, "not-a-number", s(String.valueOf(now - 60)));
        put(t, "six-years-old", n(String.valueOf(sixYearsAgo)));
        ddb.putItem(r -> r.tableName(t).item(Map.of("id", s("no-expiry"))));
        ttl(t, true, "expires_at");

        admin.advance(Duration.ofHours(23).plusMinutes(59));
        assertThat(ids(t)).as("expired but not yet swept: still read, as on AWS").contains("expired");
        admin.advance(Duration.ofMinutes(2));
        assertThat(ids(t)).containsExactlyInAnyOrder("in-two-days", "not-a-number", "six-years-old", "no-expiry");
        assertThat(ddb.getItem(r -> r.tableName(t).key(Map.of("id", s("expired")))).hasItem()).isFalse();

        admin.advance(Duration.ofDays(2));
        assertThat(ids(t)).containsExactlyInAnyOrder("not-a-number", "six-years-old", "no-expiry");

        put(t, "expires-after-disabling", n(String.valueOf(admin.now().getEpochSecond() + 60)));
        ttl(t, false, "expires_at");
        admin.advance(Duration.ofDays(2));
        assertThat(ids(t)).contains("expires-after-disabling");
    }

    @Test
    void aRecreatedTableStartsWithoutTheSettings() {
        String t = table();
        ttl(t, true, "expires_at");
        ddb.updateContinuousBackups(r -> r.tableName(t)
                .pointInTimeRecoverySpecification(p -> p.pointInTimeRecoveryEnabled(true)));
        ddb.deleteTable(r -> r.tableName(t));
        ddb.createTable(r -> r.tableName(t).billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(KeySchemaElement.builder().attributeName("id").keyType(KeyType.HASH).build())
                .attributeDefinitions(AttributeDefinition.builder().attributeName("id").attributeType("S").build()));
        assertThat(ddb.describeTimeToLive(r -> r.tableName(t)).timeToLiveDescription().timeToLiveStatus())
                .isEqualTo(TimeToLiveStatus.DISABLED);
        assertThat(pitr(t).pointInTimeRecoveryStatus()).isEqualTo(PointInTimeRecoveryStatus.DISABLED);
        put(t, "expired", n(String.valueOf(admin.now().getEpochSecond() - 60)));
        admin.advance(Duration.ofDays(2));
        assertThat(ids(t)).containsExactly("expired");
    }

    private static void put(String table, String id, AttributeValue expiresAt) {
        ddb.putItem(r -> r.tableName(table).item(Map.of("id", s(id), "expires_at", expiresAt)));
    }

    private static List<String> ids(String table) {
        return ddb.scan(r -> r.tableName(table).consistentRead(true)).items().stream().map(i -> i.get("id").s())
                .toList();
    }
}
