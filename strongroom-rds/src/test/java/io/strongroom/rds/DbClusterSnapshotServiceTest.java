package io.strongroom.rds;

import io.strongroom.kernel.ServiceException;
import io.strongroom.storage.Store;
import io.strongroom.storage.jdbc.StoreFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** DescribeDBClusterSnapshots' selection, errors and pages over a fixed list of AWS Backup's snapshots (D114). */
class DbClusterSnapshotServiceTest {
    static final String ARN = "arn:aws:rds:eu-west-1:111122223333:cluster-snapshot:";

    static DbClusterSnapshot snapshot(String job, String cluster, String engine) {
        return new DbClusterSnapshot("awsbackup:job-" + job, ARN + "awsbackup:job-" + job, cluster,
                Instant.parse("2026-01-01T00:00:00Z"), null, engine, "16.4", 5432, List.of("eu-west-1a"), true,
                "arn:aws:kms:eu-west-1:111122223333:key/k", "awsbackup", "available", Map.of());
    }

    final List<DbClusterSnapshot> kept = new ArrayList<>(List.of(snapshot("b", "payments", "aurora-postgresql"),
            snapshot("a", "orders", "aurora-postgresql"), snapshot("c", "payments", "aurora-mysql")));
    @TempDir
    Path dir;
    Store store;
    DbClusterSnapshotService service;

    @BeforeEach
    void open() {
        store = StoreFactory.open(dir.resolve("store.db").toString());
        // no manual cluster snapshots in the store: the selection of AWS Backup's alone
        service = new DbClusterSnapshotService(new RdsService(Clock.systemUTC(), tx -> "X", null)
                .manualClusterSnapshots(), (tx, account, region) -> kept);
    }

    @AfterEach
    void close() {
        store.close();
    }

    DbClusterSnapshotService.SnapshotPage describe(String account, String region, String cluster, String snapshot,
                                                   String type, String resourceId, List<Inputs.Filter> filters,
                                                   Integer maxRecords, String marker) {
        return store.read(tx -> service.describe(tx, account, region, cluster, snapshot,
                new SnapshotTypes.Asked(type, false, false), resourceId, filters, maxRecords, marker));
    }

    List<String> ids(String cluster, String snapshot, String type, List<Inputs.Filter> filters) {
        return describe("111122223333", "eu-west-1", cluster, snapshot, type, null, filters, null,
                null).snapshots().stream().map(DbClusterSnapshot::identifier).toList();
    }

    @Test
    void theAwsBackupTypeListsThemInIdentifierOrderOtherTypesAndNoTypeListNone() {
        assertThat(ids(null, null, "awsbackup", null))
                .containsExactly("awsbackup:job-a", "awsbackup:job-b", "awsbackup:job-c");
        assertThat(ids(null, null, null, null)).isEmpty();
        assertThat(ids(null, null, "manual", null)).isEmpty();
        assertThat(ids(null, null, "automated", null)).isEmpty();
    }

    @Test
    void anIdentifierOrArnNamesOneWithoutAType() {
        assertThat(ids(null, "AWSBACKUP:JOB-B", null, null)).containsExactly("awsbackup:job-b");
        assertThat(ids(null, ARN + "awsbackup:job-c", null, null)).containsExactly("awsbackup:job-c");
    }

    @Test
    void clusterAndFiltersNarrowTheList() {
        assertThat(ids("Payments", null, "awsbackup", null)).containsExactly("awsbackup:job-b", "awsbackup:job-c");
        assertThat(ids("arn:aws:rds:eu-west-1:111122223333:cluster:orders", null, "awsbackup", null))
                .containsExactly("awsbackup:job-a");
        assertThat(ids(null, null, "awsbackup", List.of(new Inputs.Filter("engine", List.of("aurora-mysql")))))
                .containsExactly("awsbackup:job-c");
        assertThat(ids(null, null, "awsbackup", List.of(new Inputs.Filter("db-cluster-id", List.of("payments")),
                new Inputs.Filter("db-cluster-snapshot-id", List.of("awsbackup:job-b")))))
                .containsExactly("awsbackup:job-b");
        assertThat(describe("111122223333", "eu-west-1", null, null, "awsbackup", "cluster-ABC",
                null, null, null).snapshots()).as("points keep no cluster resource id").isEmpty();
    }

    @Test
    void unknownIdentifiersTypesAndFiltersAreRefusedInRdsWords() {
        ServiceException missing = catchThrowableOfType(ServiceException.class,
                () -> ids(null, "awsbackup:job-z", null, null));
        assertThat(missing.code()).isEqualTo("DBClusterSnapshotNotFoundFault");
        assertThat(missing.getMessage()).isEqualTo("DBClusterSnapshot awsbackup:job-z not found.");
        ServiceException wrongType = catchThrowableOfType(ServiceException.class,
                () -> ids(null, "awsbackup:job-a", "manual", null));
        assertThat(wrongType.code()).isEqualTo("DBClusterSnapshotNotFoundFault");
        assertThat(catchThrowableOfType(ServiceException.class, () -> ids(null, null, "nightly", null)).code())
                .isEqualTo("InvalidParameterValue");
        assertThat(catchThrowableOfType(ServiceException.class, () -> ids(null, null, "awsbackup",
                List.of(new Inputs.Filter("dbi-resource-id", List.of("x"))))).getMessage())
                .isEqualTo("Unrecognized filter name: dbi-resource-id");
    }

    @Test
    void pagesFollowTheMarkerWithoutRepeats() {
        kept.clear();
        IntStream.range(0, 45).forEach(i -> kept.add(snapshot("%02d".formatted(i), "payments",
                "aurora-postgresql")));
        List<String> seen = new ArrayList<>();
        String marker = null;
        int pages = 0;
        do {
            DbClusterSnapshotService.SnapshotPage page = describe("111122223333", "eu-west-1", null,
                    null, "awsbackup", null, null, 20, marker);
            page.snapshots().forEach(s -> seen.add(s.identifier()));
            marker = page.marker();
            pages++;
        } while (marker != null);
        assertThat(pages).isEqualTo(3);
        assertThat(seen).hasSize(45).doesNotHaveDuplicates().isSorted();
        ServiceException tooFew = catchThrowableOfType(ServiceException.class, () -> describe(
                "111122223333", "eu-west-1", null, null, "awsbackup", null, null, 19, null));
        assertThat(tooFew.getMessage()).isEqualTo("Invalid value 19 for MaxRecords. Must be between 20 and 100");
    }
}
