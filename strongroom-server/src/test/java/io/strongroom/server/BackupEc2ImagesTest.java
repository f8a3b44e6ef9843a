package io.strongroom.server;

import io.strongroom.ec2.Image;
import io.strongroom.engine.backup.RecoveryPoint;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** How an EC2 recovery point reads as an AMI (D113): from its restore metadata, its tags and its state. */
class BackupEc2ImagesTest {
    static final String ARN = "arn:aws:ec2:eu-west-1::image/ami-0123456789abcdef0";
    static final String MAPPINGS = "[{\"DeviceName\":\"/dev/xvda\",\"Ebs\":{\"DeleteOnTermination\":true,"
            + "\"VolumeSize\":8,\"VolumeType\":\"gp3\",\"Iops\":3000,\"Encrypted\":false}},"
            + "{\"DeviceName\":\"/dev/sdf\",\"Ebs\":{\"DeleteOnTermination\":false,\"VolumeSize\":100,"
            + "\"VolumeType\":\"gp2\",\"Encrypted\":true}}]";

    static RecoveryPoint point(String status, Map<String, String> metadata) {
        return new RecoveryPoint(ARN, "0193A2B4-0000-7000-8000-00000000ABCD", "222222222222", "eu-west-1", "vault",
                null, "arn:aws:ec2:eu-west-1:222222222222:instance/i-0abc0abc0abc0abc0", "EC2", "i-0abc0abc0abc0abc0",
                Map.of(), "arn:aws:iam::222222222222:role/r", status, null, Instant.parse("2027-02-01T02:00:00Z"),
                null, 42, null, "arn:aws:kms:eu-west-1:222222222222:key/k", RecoveryPoint.WARM, null, metadata,
                Map.of("Name", "web-1", "Backup", "daily-prod"), "BACKUP_VAULT", Map.of("Name", "nightly"));
    }

    @Test
    void aCompletedPointIsAnAvailableImageOfItsAccountWithTheInstancesDevices() {
        Image image = BackupEc2Images.image(point(RecoveryPoint.COMPLETED, Map.of("Architecture", "arm64",
                "BlockDeviceMappings", MAPPINGS)));

        assertThat(image.id()).isEqualTo("ami-0123456789abcdef0");
        assertThat(image.name()).isEqualTo("AwsBackup_i-0abc0abc0abc0abc0_0193a2b4-0000-7000-8000-00000000abcd");
        assertThat(image.description()).isEqualTo("This image is created by the AWS Backup service.");
        assertThat(image.ownerId()).isEqualTo("222222222222");
        assertThat(image.ownerAlias()).isNull();
        assertThat(image.isPublic()).isFalse();
        assertThat(image.state()).isEqualTo("available");
        assertThat(image.creationDate()).isEqualTo("2027-02-01T02:00:00.000Z");
        assertThat(image.architecture()).isEqualTo("arm64");
        assertThat(image.sourceInstanceId()).isEqualTo("i-0abc0abc0abc0abc0");
        assertThat(image.rootDeviceName()).isEqualTo("/dev/xvda");
        assertThat(image.blockDevices()).containsExactly(
                new Image.BlockDevice("/dev/xvda", BackupEc2Images.snapshotId(image.id(), "/dev/xvda"), 8, "gp3",
                        3000, 125, false, true),
                new Image.BlockDevice("/dev/sdf", BackupEc2Images.snapshotId(image.id(), "/dev/sdf"), 100, "gp2",
                        null, null, true, false));
        assertThat(image.tags()).as("the point's tags win over the instance's").containsExactlyInAnyOrderEntriesOf(
                Map.of("Name", "nightly", "Backup", "daily-prod", "aws:backup:source-resource",
                        "i-0abc0abc0abc0abc0"));
    }

    @Test
    void aCreatingPointIsPendingAndHasNoDevicesUntilItsDataIsInTheVault() {
        Image image = BackupEc2Images.image(point(RecoveryPoint.CREATING, Map.of()));

        assertThat(image.state()).isEqualTo("pending");
        assertThat(image.blockDevices()).isEmpty();
        assertThat(image.rootDeviceName()).isNull();
        assertThat(image.architecture()).isNull();
    }

    @Test
    void snapshotIdsAreStableAndDifferPerDevice() {
        String root = BackupEc2Images.snapshotId("ami-0123456789abcdef0", "/dev/xvda");

        assertThat(root).matches("snap-0[0-9a-f]{16}")
                .isEqualTo(BackupEc2Images.snapshotId("ami-0123456789abcdef0", "/dev/xvda"))
                .isNotEqualTo(BackupEc2Images.snapshotId("ami-0123456789abcdef0", "/dev/sdf"))
                .isNotEqualTo(BackupEc2Images.snapshotId("ami-0123456789abcdef1", "/dev/xvda"));
    }
}
