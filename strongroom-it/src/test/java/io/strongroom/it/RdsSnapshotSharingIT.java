package io.strongroom.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.strongroom.testkit.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.Event;
import software.amazon.awssdk.services.cloudtrail.model.LookupAttributeKey;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBClusterSnapshot;
import software.amazon.awssdk.services.rds.model.DBClusterSnapshotAttributesResult;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.DBSnapshot;
import software.amazon.awssdk.services.rds.model.DBSnapshotAttributesResult;
import software.amazon.awssdk.services.rds.model.Tag;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import static io.strongroom.it.RdsManualClusterSnapshotsIT.writer;
import static io.strongroom.it.RdsManualSnapshotsIT.orders;
import static io.strongroom.it.RdsManualSnapshotsIT.sql;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sharing manual DB snapshots and DB cluster snapshots (D144) through the SDK v2 RdsClient: the owner's
 * ModifyDBSnapshotAttribute names accounts (or {@code all}) in the {@code restore} attribute, and those accounts then
 * see the snapshot (IncludeShared, IncludePublic, SnapshotType shared/public, its ARN), restore and copy it with its
 * rows, until the owner removes them; encrypted snapshots and bad requests are refused as RDS refuses them.
 */
class RdsSnapshotSharingIT {
    static TestServer server;
    static BackupJobsIT.Fixture f;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        f = BackupJobsIT.fixture(server, "rds-sharing-owner");
    }

    /** A new standalone account: id, access key id and secret of its root user. */
    static String[] account(String name) {
        return server.endpoint().admin().createAccount(name);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static RdsClient rds(String[] account) {
        return server.endpoint().client(RdsClient.builder(), AwsBasicCredentials.create(account[1], account[2]));
    }

    static RdsClient owner() {
        return server.endpoint().client(RdsClient.builder(), f.credentials());
    }

    /** An instance of the owner with an orders table of two rows, and a manual snapshot of it; the snapshot. */
    static DBSnapshot snapshotWithRows(RdsClient rds, String instance, String snapshot) throws SQLException {
        DBInstance db = RdsManualSnapshotsIT.instance(rds, instance, true);
        sql(db, "CREATE TABLE orders (id INT PRIMARY KEY, item TEXT NOT NULL, qty INT)",
                "INSERT INTO orders VALUES (1, 'tea', 2), (2, 'coffee', 1)");
        return rds.createDBSnapshot(r -> r.dbSnapshotIdentifier(snapshot).dbInstanceIdentifier(instance))
                .dbSnapshot();
    }

    static DBSnapshotAttributesResult share(RdsClient rds, String snapshot, List<String> add, List<String> remove) {
        return rds.modifyDBSnapshotAttribute(r -> r.dbSnapshotIdentifier(snapshot).attributeName("restore")
                .valuesToAdd(add).valuesToRemove(remove)).dbSnapshotAttributesResult();
    }

    static List<String> restoreAttribute(DBSnapshotAttributesResult result) {
        assertThat(result.dbSnapshotAttributes()).hasSize(1);
        assertThat(result.dbSnapshotAttributes().get(0).attributeName()).isEqualTo("restore");
        return result.dbSnapshotAttributes().get(0).attributeValues();
    }

    static List<DBSnapshot> ownedBy(String[] account, List<DBSnapshot> snapshots) {
        return snapshots.stream().filter(s -> s.dbSnapshotArn().contains(":" + account[0] + ":")).toList();
    }

    static List<String> arns(List<DBSnapshot> snapshots) {
        return snapshots.stream().map(DBSnapshot::dbSnapshotArn).toList();
    }

    @Test
    void anAccountASnapshotIsSharedWithSeesRestoresAndCopiesItsRowsUntilItIsUnshared() throws SQLException {
        String[] owns = account("owner-1");
        String[] grantee = account("grantee-1");
        String[] stranger = account("stranger-1");
        try (RdsClient owner = rds(owns); RdsClient other = rds(grantee); RdsClient third = rds(stranger)) {
            DBSnapshot snapshot = snapshotWithRows(owner, "ledger-db", "ledger-1");
            String arn = snapshot.dbSnapshotArn();
            assertThat(RdsIT.expect(403, "AccessDenied", () -> other.describeDBSnapshots(r -> r
                    .dbSnapshotIdentifier(arn))).getMessage()).as("shared with nobody yet")
                    .contains("rds:DescribeDBSnapshots");

            DBSnapshotAttributesResult shared = share(owner, "Ledger-1", List.of(grantee[0], owns[0]), null);
            assertThat(shared.dbSnapshotIdentifier()).isEqualTo("ledger-1");
            assertThat(restoreAttribute(shared)).as("the owner naming itself is ignored").containsExactly(grantee[0]);
            assertThat(restoreAttribute(owner.describeDBSnapshotAttributes(r -> r.dbSnapshotIdentifier(arn))
                    .dbSnapshotAttributesResult())).containsExactly(grantee[0]);

            assertThat(arns(other.describeDBSnapshots().dbSnapshots())).as("not without IncludeShared").isEmpty();
            List<DBSnapshot> seen = other.describeDBSnapshots(r -> r.includeShared(true)).dbSnapshots();
            assertThat(arns(seen)).containsExactly(arn);
            assertThat(seen.get(0).snapshotType()).isEqualTo("shared");
            assertThat(seen.get(0).dbSnapshotIdentifier()).isEqualTo("ledger-1");
            assertThat(seen.get(0).tagList()).as("the owner's tags stay the owner's").isEmpty();
            assertThat(arns(other.describeDBSnapshots(r -> r.snapshotType("shared")).dbSnapshots()))
                    .containsExactly(arn);
            assertThat(arns(other.describeDBSnapshots(r -> r.dbSnapshotIdentifier(arn)).dbSnapshots()))
                    .containsExactly(arn);
            assertThat(arns(owner.describeDBSnapshots(r -> r.snapshotType("shared")).dbSnapshots()))
                    .as("the owner's own are manual").isEmpty();
            RdsIT.expect(403, "AccessDenied", () -> third.describeDBSnapshots(r -> r.dbSnapshotIdentifier(arn)));
            assertThat(arns(third.describeDBSnapshots(r -> r.includeShared(true).includePublic(true))
                    .dbSnapshots())).doesNotContain(arn);

            DBInstance restored = other.restoreDBInstanceFromDBSnapshot(r -> r.dbInstanceIdentifier("ledger-here")
                    .dbSnapshotIdentifier(arn)).dbInstance();
            assertThat(restored.dbInstanceArn()).isEqualTo("arn:aws:rds:eu-west-1:" + grantee[0] + ":db:ledger-here");
            assertThat(orders(restored)).containsExactly("tea:2", "coffee:1");
            DBSnapshot copy = other.copyDBSnapshot(r -> r.sourceDBSnapshotIdentifier(arn)
                    .targetDBSnapshotIdentifier("ledger-mine")).dbSnapshot();
            assertThat(copy.dbSnapshotArn()).isEqualTo("arn:aws:rds:eu-west-1:" + grantee[0] + ":snapshot:ledger-mine");
            assertThat(copy.snapshotType()).isEqualTo("manual");
            assertThat(copy.sourceDBSnapshotIdentifier()).isEqualTo(arn);
            // Only the owner changes, shares or deletes the snapshot.
            RdsIT.expect(403, "AccessDenied", () -> other.deleteDBSnapshot(r -> r.dbSnapshotIdentifier(arn)));
            RdsIT.expect(403, "AccessDenied", () -> share(other, arn, List.of(stranger[0]), null));
            RdsIT.expect(403, "AccessDenied", () -> other.describeDBSnapshotAttributes(r -> r
                    .dbSnapshotIdentifier(arn)));
            // The grantee's own principals still need their own policies.
            try (RdsClient user = userWithoutPolicies(grantee)) {
                RdsIT.expect(403, "AccessDenied", () -> user.describeDBSnapshots(r -> r.dbSnapshotIdentifier(arn)));
            }

            assertThat(restoreAttribute(share(owner, "ledger-1", null, List.of(grantee[0])))).isEmpty();
            assertThat(other.describeDBSnapshots(r -> r.includeShared(true)).dbSnapshots())
                    .extracting(DBSnapshot::dbSnapshotIdentifier).as("only its own copy").containsExactly("ledger-mine");
            RdsIT.expect(403, "AccessDenied", () -> other.restoreDBInstanceFromDBSnapshot(r -> r
                    .dbInstanceIdentifier("ledger-again").dbSnapshotIdentifier(arn)));
            DBInstance fromCopy = other.restoreDBInstanceFromDBSnapshot(r -> r.dbInstanceIdentifier("ledger-copy")
                    .dbSnapshotIdentifier("ledger-mine")).dbInstance();
            assertThat(orders(fromCopy)).as("the copy is the grantee's").containsExactly("tea:2", "coffee:1");
        }
        // The owner's changes of the attribute are management events of its account.
        List<Event> events = events(owns, "ModifyDBSnapshotAttribute");
        assertThat(events).hasSize(2);
        for (Event e : events) {
            assertThat(e.eventSource()).isEqualTo("rds.amazonaws.com");
            assertThat(e.readOnly()).isEqualTo("false");
            JsonNode record = json(e.cloudTrailEvent());
            assertThat(record.at("/eventCategory").asText()).isEqualTo("Management");
            assertThat(record.at("/userIdentity/accountId").asText()).isEqualTo(owns[0]);
        }
        assertThat(events(grantee, "ModifyDBSnapshotAttribute")).as("the grantee's refused call").hasSize(1);
    }

    static List<Event> events(String[] account, String name) {
        try (CloudTrailClient trail = server.endpoint().client(CloudTrailClient.builder(),
                AwsBasicCredentials.create(account[1], account[2]))) {
            return trail.lookupEvents(r -> r.lookupAttributes(a -> a.attributeKey(LookupAttributeKey.EVENT_NAME)
                    .attributeValue(name))).events();
        }
    }

    static JsonNode json(String text) {
        try {
            return new ObjectMapper().readTree(text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A user of the account with no policy at all. */
    static RdsClient userWithoutPolicies(String[] account) {
        try (IamClient iam = server.endpoint().client(IamClient.builder(),
                AwsBasicCredentials.create(account[1], account[2]))) {
            iam.createUser(r -> r.userName("no-rights"));
            AccessKey key = iam.createAccessKey(r -> r.userName("no-rights")).accessKey();
            return server.endpoint().client(RdsClient.builder(),
                    AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey()));
        }
    }

    @Test
    void aPublicSnapshotIsEveryOtherAccountsUntilDeletedAndEncryptedOnesAreSharedOnlyAsRdsAllows()
            throws SQLException {
        String[] owns = account("owner-2");
        String[] grantee = account("grantee-2");
        String[] stranger = account("stranger-2");
        try (RdsClient owner = rds(owns); RdsClient other = rds(grantee); RdsClient third = rds(stranger)) {
            String arn = snapshotWithRows(owner, "public-db", "public-1").dbSnapshotArn();
            assertThat(restoreAttribute(share(owner, "public-1", List.of("all", grantee[0]), null)))
                    .as("accounts, then all").containsExactly(grantee[0], "all");
            assertThat(third.describeDBSnapshots(r -> r.includeShared(true)).dbSnapshots()).isEmpty();
            // Public snapshots are every account's: those other tests' owners make public are listed too.
            List<DBSnapshot> seen = ownedBy(owns, third.describeDBSnapshots(r -> r.includePublic(true))
                    .dbSnapshots());
            assertThat(arns(seen)).containsExactly(arn);
            assertThat(seen.get(0).snapshotType()).isEqualTo("public");
            assertThat(arns(ownedBy(owns, third.describeDBSnapshots(r -> r.snapshotType("public")).dbSnapshots())))
                    .containsExactly(arn);
            assertThat(ownedBy(owns, other.describeDBSnapshots(r -> r.includeShared(true).includePublic(true))
                    .dbSnapshots())).extracting(DBSnapshot::snapshotType).as("named, it is shared")
                    .containsExactly("shared");
            assertThat(orders(third.restoreDBInstanceFromDBSnapshot(r -> r.dbInstanceIdentifier("public-here")
                    .dbSnapshotIdentifier(arn)).dbInstance())).containsExactly("tea:2", "coffee:1");

            owner.deleteDBSnapshot(r -> r.dbSnapshotIdentifier("public-1"));
            assertThat(ownedBy(owns, third.describeDBSnapshots(r -> r.includePublic(true)).dbSnapshots())).isEmpty();
            owner.createDBSnapshot(r -> r.dbSnapshotIdentifier("public-1").dbInstanceIdentifier("public-db"));
            assertThat(restoreAttribute(owner.describeDBSnapshotAttributes(r -> r.dbSnapshotIdentifier("public-1"))
                    .dbSnapshotAttributesResult())).as("a new snapshot of the same name is nobody's").isEmpty();

            // Encrypted under a customer key: shared with accounts, never public, copied (with a key) not restored.
            DBInstance sealed = owner.createDBInstance(r -> r.dbInstanceIdentifier("sealed-db")
                    .dbInstanceClass("db.t3.micro").engine("postgres").allocatedStorage(20)
                    .masterUsername("app_admin").masterUserPassword(RdsIT.PASSWORD).dbName("ledger")
                    .storageEncrypted(true).kmsKeyId("alias/shared-key")).dbInstance();
            sql(sealed, "CREATE TABLE orders (id INT PRIMARY KEY, item TEXT NOT NULL, qty INT)",
                    "INSERT INTO orders VALUES (1, 'salt', 3)");
            String sealedArn = owner.createDBSnapshot(r -> r.dbSnapshotIdentifier("sealed-1")
                    .dbInstanceIdentifier("sealed-db")).dbSnapshot().dbSnapshotArn();
            assertThat(RdsIT.expect(400, "InvalidParameterValue", () -> share(owner, "sealed-1", List.of("all"),
                    null)).awsErrorDetails().errorMessage())
                    .isEqualTo("Encrypted snapshots cannot be shared publicly: share them with account ids.");
            share(owner, "sealed-1", List.of(grantee[0]), null);
            assertThat(RdsIT.expect(400, "InvalidDBSnapshotState", () -> other.restoreDBInstanceFromDBSnapshot(r -> r
                    .dbInstanceIdentifier("sealed-here").dbSnapshotIdentifier(sealedArn))).awsErrorDetails()
                    .errorMessage()).isEqualTo("DB snapshot " + sealedArn + " is shared and encrypted: it cannot be "
                    + "restored directly. Copy it with CopyDBSnapshot and restore the copy.");
            assertThat(RdsIT.expect(400, "InvalidParameterValue", () -> other.copyDBSnapshot(r -> r
                    .sourceDBSnapshotIdentifier(sealedArn).targetDBSnapshotIdentifier("sealed-mine")))
                    .awsErrorDetails().errorMessage()).isEqualTo("KmsKeyId must be specified to copy an encrypted "
                    + "snapshot shared from another account.");
            DBSnapshot copy = other.copyDBSnapshot(r -> r.sourceDBSnapshotIdentifier(sealedArn)
                    .targetDBSnapshotIdentifier("sealed-mine").kmsKeyId("alias/mine")).dbSnapshot();
            assertThat(copy.kmsKeyId()).isEqualTo("arn:aws:kms:eu-west-1:" + grantee[0] + ":alias/mine");
            assertThat(orders(other.restoreDBInstanceFromDBSnapshot(r -> r.dbInstanceIdentifier("sealed-here")
                    .dbSnapshotIdentifier("sealed-mine")).dbInstance())).containsExactly("salt:3");

            // Encrypted under the account's aws/rds key: not shared at all.
            owner.createDBInstance(r -> r.dbInstanceIdentifier("default-key-db").dbInstanceClass("db.t3.micro")
                    .engine("postgres").allocatedStorage(20).masterUsername("app_admin")
                    .masterUserPassword(RdsIT.PASSWORD).storageEncrypted(true));
            owner.createDBSnapshot(r -> r.dbSnapshotIdentifier("default-key-1").dbInstanceIdentifier("default-key-db"));
            assertThat(RdsIT.expect(400, "InvalidParameterValue", () -> share(owner, "default-key-1",
                    List.of(grantee[0]), null)).awsErrorDetails().errorMessage()).isEqualTo("A snapshot encrypted "
                    + "with the default KMS key of the account (aws/rds) cannot be shared: copy it with a customer "
                    + "managed key and share the copy.");
        }
    }

    @Test
    void aClusterSnapshotIsSharedAsADbSnapshotIs() throws SQLException {
        String[] owns = account("owner-3");
        String[] grantee = account("grantee-3");
        try (RdsClient owner = rds(owns); RdsClient other = rds(grantee)) {
            owner.createDBCluster(r -> r.dbClusterIdentifier("books").engine("aurora-postgresql")
                    .masterUsername("app_admin").masterUserPassword(RdsIT.PASSWORD).databaseName("ledger"));
            sql(writer(owner, "books", "books-1"), "CREATE TABLE orders (id INT PRIMARY KEY, item TEXT, qty INT)",
                    "INSERT INTO orders VALUES (1, 'atlas', 1)");
            String arn = owner.createDBClusterSnapshot(r -> r.dbClusterSnapshotIdentifier("books-snap")
                    .dbClusterIdentifier("books").tags(Tag.builder().key("team").value("books").build()))
                    .dbClusterSnapshot().dbClusterSnapshotArn();
            DBClusterSnapshotAttributesResult shared = owner.modifyDBClusterSnapshotAttribute(r -> r
                    .dbClusterSnapshotIdentifier("books-snap").attributeName("restore").valuesToAdd(grantee[0]))
                    .dbClusterSnapshotAttributesResult();
            assertThat(shared.dbClusterSnapshotIdentifier()).isEqualTo("books-snap");
            assertThat(shared.dbClusterSnapshotAttributes().get(0).attributeValues()).containsExactly(grantee[0]);
            assertThat(owner.describeDBClusterSnapshotAttributes(r -> r.dbClusterSnapshotIdentifier(arn))
                    .dbClusterSnapshotAttributesResult().dbClusterSnapshotAttributes().get(0).attributeValues())
                    .containsExactly(grantee[0]);

            List<DBClusterSnapshot> seen = other.describeDBClusterSnapshots(r -> r.includeShared(true))
                    .dbClusterSnapshots();
            assertThat(seen).extracting(DBClusterSnapshot::dbClusterSnapshotArn).containsExactly(arn);
            assertThat(seen.get(0).snapshotType()).isEqualTo("shared");
            assertThat(seen.get(0).tagList()).isEmpty();
            assertThat(other.describeDBClusterSnapshots().dbClusterSnapshots()).isEmpty();
            RdsManualClusterSnapshotsIT.restore(other, "books-here", arn);
            assertThat(orders(writer(other, "books-here", "books-here-1"))).containsExactly("atlas:1");
            other.copyDBClusterSnapshot(r -> r.sourceDBClusterSnapshotIdentifier(arn)
                    .targetDBClusterSnapshotIdentifier("books-mine"));

            owner.modifyDBClusterSnapshotAttribute(r -> r.dbClusterSnapshotIdentifier("books-snap")
                    .attributeName("restore").valuesToRemove(grantee[0]));
            assertThat(other.describeDBClusterSnapshots(r -> r.snapshotType("shared")).dbClusterSnapshots())
                    .isEmpty();
            RdsIT.expect(403, "AccessDenied", () -> RdsManualClusterSnapshotsIT.restore(other, "books-again", arn));
            assertThat(other.describeDBClusterSnapshots().dbClusterSnapshots())
                    .extracting(DBClusterSnapshot::dbClusterSnapshotIdentifier).containsExactly("books-mine");
        }
    }

    @Test
    void badModificationsAreRefusedAsRdsRefusesThem() throws SQLException {
        String[] grantee = account("grantee-4");
        try (RdsClient owner = owner(); var backup = f.backup()) {
            DBInstance db = RdsManualSnapshotsIT.instance(owner, "checks-db", false);
            owner.createDBSnapshot(r -> r.dbSnapshotIdentifier("checks-1").dbInstanceIdentifier("checks-db"));
            assertThat(RdsIT.expect(400, "InvalidParameterValue", () -> owner.modifyDBSnapshotAttribute(r -> r
                    .dbSnapshotIdentifier("checks-1").attributeName("copy").valuesToAdd(grantee[0])))
                    .awsErrorDetails().errorMessage()).isEqualTo("Invalid snapshot attribute name: copy. The only "
                    + "attribute that can be modified is restore.");
            assertThat(RdsIT.expect(400, "InvalidParameterValue", () -> share(owner, "checks-1", List.of("12345"),
                    null)).awsErrorDetails().errorMessage()).isEqualTo("Invalid value 12345 for the restore "
                    + "attribute: give 12-digit AWS account ids or all.");
            assertThat(RdsIT.expect(404, "DBSnapshotNotFound", () -> share(owner, "nope", List.of(grantee[0]), null))
                    .awsErrorDetails().errorMessage()).isEqualTo("DBSnapshot nope not found.");
            RdsIT.expect(404, "DBSnapshotNotFound", () -> owner.describeDBSnapshotAttributes(r -> r
                    .dbSnapshotIdentifier("nope")));
            RdsIT.expect(404, "DBClusterSnapshotNotFoundFault", () -> owner.describeDBClusterSnapshotAttributes(r -> r
                    .dbClusterSnapshotIdentifier("nope")));

            List<String> twenty = IntStream.range(0, 20).mapToObj(i -> String.format("%012d", 900000000000L + i))
                    .toList();
            assertThat(restoreAttribute(share(owner, "checks-1", twenty, null))).hasSize(20);
            assertThat(RdsIT.expect(400, "SharedSnapshotQuotaExceeded", () -> share(owner, "checks-1",
                    List.of(grantee[0]), null)).awsErrorDetails().errorMessage())
                    .isEqualTo("You can share a manual snapshot with up to 20 other AWS accounts.");
            assertThat(restoreAttribute(share(owner, "checks-1", List.of(grantee[0], "all"), List.of(twenty.get(0)))))
                    .as("removed, then added: all does not count").hasSize(21).contains(grantee[0]).endsWith("all");

            // AWS Backup's snapshot of the instance is AWS Backup's to copy, not RDS's to share.
            String jobId = backup.startBackupJob(r -> r.backupVaultName(f.vaultName()).resourceArn(db.dbInstanceArn())
                    .iamRoleArn(f.roleArn())).backupJobId();
            server.endpoint().admin().advance(Duration.ofHours(1));
            String point = backup.describeBackupJob(r -> r.backupJobId(jobId)).recoveryPointArn();
            String id = point.substring(point.indexOf(":snapshot:") + ":snapshot:".length());
            assertThat(RdsIT.expect(400, "InvalidDBSnapshotState", () -> share(owner, id, List.of(grantee[0]), null))
                    .awsErrorDetails().errorMessage()).isEqualTo("DB snapshot " + id + " is kept by AWS Backup as a "
                    + "recovery point: only manual snapshots can be shared; share a copy made with CopyDBSnapshot.");
            assertThat(restoreAttribute(owner.describeDBSnapshotAttributes(r -> r.dbSnapshotIdentifier(id))
                    .dbSnapshotAttributesResult())).isEmpty();
        }
    }
}
