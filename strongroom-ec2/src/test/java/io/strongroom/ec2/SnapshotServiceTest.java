package io.strongroom.ec2;

import io.strongroom.kernel.ServiceException;
import io.strongroom.storage.Store;
import io.strongroom.storage.Tx;
import io.strongroom.storage.jdbc.StoreFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * DescribeSnapshots and DeleteSnapshot over AWS Backup's EBS snapshots (D106) and the snapshots behind its AMIs
 * (D118), both given as AWS Backup would list them, and their tags as the account edits them (D122).
 */
class SnapshotServiceTest {
    static final String REGION = "eu-west-1";
    static final String ACCOUNT = "222222222222";
    static final Snapshot EBS = new Snapshot("snap-0cccccccccccccccc", "vol-0abc", "completed",
            Instant.parse("2027-02-01T01:00:00Z"), ACCOUNT, "This snapshot is created by the AWS Backup service.", 20,
            true, "arn:aws:kms:eu-west-1:222222222222:key/k", "standard", Map.of("Name", "data-1",
            "aws:backup:source-resource", "vol-0abc"));
    static final Image IMAGE = new Image("ami-0123456789abcdef0", "AwsBackup_i-0abc_uuid", "This image is created "
            + "by the AWS Backup service.", ACCOUNT, null, "x86_64", "/dev/xvda", List.of(
            new Image.BlockDevice("/dev/xvda", "snap-0aaaaaaaaaaaaaaaa", 8, "gp3", 3000, 125, false, true),
            new Image.BlockDevice("/dev/sdf", "snap-0bbbbbbbbbbbbbbbb", 100, "gp2", null, null, true, false,
                    "arn:aws:kms:eu-west-1:222222222222:key/ebs")),
            "Linux/UNIX", "2027-02-01T02:00:00.000Z", Image.AVAILABLE, false, "i-0abc",
            Map.of("Backup", "daily-prod", "aws:backup:source-resource", "i-0abc"));

    static SnapshotService service(Image image) {
        return new SnapshotService((tx, account, region) -> account.equals(ACCOUNT) ? List.of(EBS) : List.of(),
                (tx, account, region) -> account.equals(ACCOUNT) ? List.of(image) : List.of());
    }

    @TempDir
    Path dir;
    Store store;

    /** A call in a transaction of a temporary store (the snapshot tag edits live there). */
    <T> T in(Function<Tx, T> work) {
        if (store == null) {
            store = StoreFactory.open(dir.resolve("store.db").toString());
        }
        return store.write(work);
    }

    void run(java.util.function.Consumer<Tx> work) {
        in(tx -> {
            work.accept(tx);
            return null;
        });
    }

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
    }

    @Test
    void eachMappingOfAnImageIsASnapshotAsCreateImageMakesIt() {
        List<Snapshot> listed = in(tx -> service(IMAGE).describe(tx, ACCOUNT, REGION, null, List.of("self"), null,
                null, null)).snapshots();

        assertThat(listed).extracting(Snapshot::id).containsExactly("snap-0aaaaaaaaaaaaaaaa", "snap-0bbbbbbbbbbbbbbbb",
                EBS.id());
        assertThat(listed.get(1)).isEqualTo(new Snapshot("snap-0bbbbbbbbbbbbbbbb", "vol-ffffffff", "completed",
                Instant.parse("2027-02-01T02:00:00Z"), ACCOUNT, "Created by CreateImage(i-0abc) for "
                + "ami-0123456789abcdef0", 100, true, "arn:aws:kms:eu-west-1:222222222222:key/ebs", "standard",
                IMAGE.tags()));
        assertThat(listed.get(0).encrypted()).isFalse();
        assertThat(listed.get(0).kmsKeyId()).isNull();
        assertThat(in(tx -> service(IMAGE).describe(tx, ACCOUNT, REGION, null, null,
                List.of(new Inputs.Filter("description", List.of("Created by CreateImage(*"))), null, null))
                .snapshots()).hasSize(2);
        assertThat(in(tx -> service(IMAGE).describe(tx, "333333333333", REGION, null, null, null, null, null))
                .snapshots()).isEmpty();
    }

    @Test
    void aPendingImagesSnapshotsArePendingAndAnImageWithoutMappingsHasNone() {
        Image pending = new Image(IMAGE.id(), IMAGE.name(), IMAGE.description(), ACCOUNT, null, "x86_64",
                "/dev/xvda", IMAGE.blockDevices(), "Linux/UNIX", IMAGE.creationDate(), Image.PENDING, false, "i-0abc",
                IMAGE.tags());
        assertThat(SnapshotService.snapshotsOf(pending)).extracting(Snapshot::state, Snapshot::progress)
                .containsOnly(org.assertj.core.groups.Tuple.tuple("pending", "0%"));
        Image empty = new Image(IMAGE.id(), IMAGE.name(), IMAGE.description(), ACCOUNT, null, null, null, List.of(),
                "Linux/UNIX", IMAGE.creationDate(), Image.PENDING, false, "i-0abc", IMAGE.tags());
        assertThat(SnapshotService.snapshotsOf(empty)).isEmpty();
    }

    @Test
    void deletingAnImagesSnapshotIsRefusedAsInUseAndCreatingAVolumeFromItAsUnsupported() {
        SnapshotService snapshots = service(IMAGE);
        ServiceException inUse = catchThrowableOfType(ServiceException.class,
                () -> snapshots.delete(null, ACCOUNT, REGION, "snap-0bbbbbbbbbbbbbbbb"));
        assertThat(inUse.code()).isEqualTo("InvalidSnapshot.InUse");
        assertThat(inUse.getMessage()).isEqualTo("The snapshot snap-0bbbbbbbbbbbbbbbb is currently in use by "
                + "ami-0123456789abcdef0");
        ServiceException managed = catchThrowableOfType(ServiceException.class,
                () -> snapshots.delete(null, ACCOUNT, REGION, EBS.id()));
        assertThat(managed.code()).isEqualTo("InvalidParameterValue");
        ServiceException otherAccount = catchThrowableOfType(ServiceException.class,
                () -> snapshots.delete(null, "333333333333", REGION, "snap-0bbbbbbbbbbbbbbbb"));
        assertThat(otherAccount.code()).isEqualTo("InvalidSnapshot.NotFound");
        ServiceException volume = catchThrowableOfType(ServiceException.class,
                () -> snapshots.refuseVolumeFrom(null, ACCOUNT, REGION, "snap-0aaaaaaaaaaaaaaaa"));
        assertThat(volume.code()).isEqualTo("UnsupportedOperation");
    }

    Ec2Tags tags(SnapshotService snapshots) {
        Ec2Service volumes = new Ec2Service(java.time.Clock.systemUTC(), tx -> "0123456789abcdef0", dir);
        return new Ec2Tags(volumes, new InstanceService(volumes, java.time.Clock.systemUTC(), tx -> "0"),
                new ImageService((tx, account, region) -> List.of()), snapshots);
    }

    Map<String, String> tagsSeenBy(SnapshotService snapshots, String account, String id) {
        return in(tx -> snapshots.describe(tx, account, REGION, List.of(id), null, null, null, null)).snapshots()
                .get(0).tags();
    }

    @Test
    void tagsAnAccountSetsOrDeletesOnASnapshotAreEditsOverAwsBackupsTags() {
        SnapshotService snapshots = service(IMAGE);
        Ec2Tags tags = tags(snapshots);
        String imageSnapshot = "snap-0bbbbbbbbbbbbbbbb";
        run(tx -> tags.createTags(tx, ACCOUNT, REGION, List.of(EBS.id(), imageSnapshot), Map.of("Owner", "data")));
        run(tx -> tags.deleteTags(tx, ACCOUNT, REGION, List.of(EBS.id()), java.util.Collections.singletonMap("Name",
                null)));

        assertThat(tagsSeenBy(snapshots, ACCOUNT, EBS.id())).containsExactlyInAnyOrderEntriesOf(Map.of("Owner",
                "data", "aws:backup:source-resource", "vol-0abc"));
        assertThat(tagsSeenBy(snapshots, ACCOUNT, imageSnapshot)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "Owner", "data", "Backup", "daily-prod", "aws:backup:source-resource", "i-0abc"));
        assertThat(tagsSeenBy(snapshots, ACCOUNT, "snap-0aaaaaaaaaaaaaaaa")).as("the image's other snapshot")
                .isEqualTo(IMAGE.tags());
        assertThat(in(tx -> snapshots.describe(tx, ACCOUNT, REGION, null, null, List.of(new Inputs.Filter(
                "tag:Owner", List.of("data"))), null, null)).snapshots()).extracting(Snapshot::id)
                .containsExactly(imageSnapshot, EBS.id());
        assertThat(in(tx -> snapshots.describe(tx, ACCOUNT, REGION, null, null, List.of(new Inputs.Filter(
                "tag-key", List.of("Nam?"))), null, null)).snapshots()).isEmpty();
        assertThat(in(tx -> tags.describeTags(tx, ACCOUNT, REGION, List.of(new Inputs.Filter("resource-type",
                List.of("snapshot")), new Inputs.Filter("key", List.of("Owner"))), null, null)).tags())
                .containsExactly(new Ec2Tags.TagDescription(imageSnapshot, "snapshot", "Owner", "data"),
                        new Ec2Tags.TagDescription(EBS.id(), "snapshot", "Owner", "data"));

        run(tx -> tags.deleteTags(tx, ACCOUNT, REGION, List.of(EBS.id(), imageSnapshot), Map.of()));
        assertThat(tagsSeenBy(snapshots, ACCOUNT, EBS.id())).as("deleting every tag leaves AWS's")
                .containsExactlyEntriesOf(Map.of("aws:backup:source-resource", "vol-0abc"));
    }

    @Test
    void unknownSnapshotsAwsKeysAndTooManyTagsAreRefusedAndChangeNothing() {
        SnapshotService snapshots = service(IMAGE);
        Ec2Tags tags = tags(snapshots);
        ServiceException unknown = catchThrowableOfType(ServiceException.class, () -> run(tx -> tags.createTags(tx,
                ACCOUNT, REGION, List.of(EBS.id(), "snap-0ddddddddddddddd0"), Map.of("Owner", "data"))));
        assertThat(unknown.code()).isEqualTo("InvalidSnapshot.NotFound");
        assertThat(unknown.getMessage()).isEqualTo("The snapshot 'snap-0ddddddddddddddd0' does not exist.");
        ServiceException otherAccount = catchThrowableOfType(ServiceException.class, () -> run(tx -> tags
                .createTags(tx, "333333333333", REGION, List.of(EBS.id()), Map.of("Owner", "data"))));
        assertThat(otherAccount.code()).isEqualTo("InvalidSnapshot.NotFound");
        ServiceException malformed = catchThrowableOfType(ServiceException.class, () -> run(tx -> tags.createTags(
                tx, ACCOUNT, REGION, List.of("snap-xyz"), Map.of("Owner", "data"))));
        assertThat(malformed.code()).isEqualTo("InvalidSnapshotID.Malformed");
        ServiceException reserved = catchThrowableOfType(ServiceException.class, () -> run(tx -> tags.createTags(tx,
                ACCOUNT, REGION, List.of(EBS.id()), Map.of("aws:owner", "data"))));
        assertThat(reserved.code()).isEqualTo("InvalidParameterValue");
        Map<String, String> many = new java.util.TreeMap<>();
        for (int i = 0; i < 49; i++) {
            many.put("k" + i, "v");
        }
        ServiceException limit = catchThrowableOfType(ServiceException.class, () -> run(tx -> tags.createTags(tx,
                ACCOUNT, REGION, List.of(EBS.id()), many)));
        assertThat(limit.code()).isEqualTo("TagLimitExceeded");
        assertThat(tagsSeenBy(snapshots, ACCOUNT, EBS.id())).isEqualTo(EBS.tags());
    }
}
