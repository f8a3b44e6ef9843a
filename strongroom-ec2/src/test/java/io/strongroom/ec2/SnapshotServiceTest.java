package io.strongroom.ec2;

import io.strongroom.kernel.ServiceException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * DescribeSnapshots and DeleteSnapshot over AWS Backup's EBS snapshots (D106) and the snapshots behind its AMIs
 * (D118), both given as AWS Backup would list them.
 */
class SnapshotServiceTest {
    static final String REGION = "eu-west-1";
    static final String ACCOUNT = "222222222222";
    static final Snapshot EBS = new Snapshot("snap-0cccccccccccccccc", "vol-0abc", "completed",
            Instant.parse("2027-02-01T01:00:00Z"), ACCOUNT, "This snapshot is created by the AWS Backup service.", 20,
            true, "arn:aws:kms:eu-west-1:222222222222:key/k", "standard", Map.of());
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

    @Test
    void eachMappingOfAnImageIsASnapshotAsCreateImageMakesIt() {
        List<Snapshot> listed = service(IMAGE).describe(null, ACCOUNT, REGION, null, List.of("self"), null, null, null)
                .snapshots();

        assertThat(listed).extracting(Snapshot::id).containsExactly("snap-0aaaaaaaaaaaaaaaa", "snap-0bbbbbbbbbbbbbbbb",
                EBS.id());
        assertThat(listed.get(1)).isEqualTo(new Snapshot("snap-0bbbbbbbbbbbbbbbb", "vol-ffffffff", "completed",
                Instant.parse("2027-02-01T02:00:00Z"), ACCOUNT, "Created by CreateImage(i-0abc) for "
                + "ami-0123456789abcdef0", 100, true, "arn:aws:kms:eu-west-1:222222222222:key/ebs", "standard",
                IMAGE.tags()));
        assertThat(listed.get(0).encrypted()).isFalse();
        assertThat(listed.get(0).kmsKeyId()).isNull();
        assertThat(service(IMAGE).describe(null, ACCOUNT, REGION, null, null,
                List.of(new Inputs.Filter("description", List.of("Created by CreateImage(*"))), null, null)
                .snapshots()).hasSize(2);
        assertThat(service(IMAGE).describe(null, "333333333333", REGION, null, null, null, null, null).snapshots())
                .isEmpty();
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
}
