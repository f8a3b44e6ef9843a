package io.strongroom.server;

import io.strongroom.ec2.Image;
import io.strongroom.ec2.TagEdits;
import io.strongroom.ec2.TagEditsRepository;
import io.strongroom.engine.backup.RecoveryPoint;
import io.strongroom.storage.Store;
import io.strongroom.storage.jdbc.StoreFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The account's EC2 tag edits of a recovery point's snapshot, image and image's snapshots go with the point (D122). */
class Ec2TagEditsRemovalTest {
    static final String ACCOUNT = "222222222222";
    static final String REGION = "eu-west-1";
    static final String SNAPSHOT = "snap-0cccccccccccccccc";

    @TempDir
    Path dir;

    static RecoveryPoint ebsPoint(String account) {
        return new RecoveryPoint("arn:aws:ec2:eu-west-1::snapshot/" + SNAPSHOT, "0193A2B4-0000-7000-8000-00000000ABCE",
                account, REGION, "vault", null, "arn:aws:ec2:eu-west-1:" + account + ":volume/vol-0abc", "EBS",
                "vol-0abc", Map.of(), "arn:aws:iam::" + account + ":role/r", RecoveryPoint.COMPLETED, null,
                Instant.parse("2027-02-01T02:00:00Z"), null, 42, null, "arn:aws:kms:eu-west-1:" + account + ":key/k",
                RecoveryPoint.WARM, null, Map.of(), Map.of(), "BACKUP_VAULT", Map.of());
    }

    static TagEdits owner(String account, String id) {
        return new TagEdits(account, REGION, id, Map.of("Owner", "web"), List.of());
    }

    @Test
    void anEbsPointTakesItsSnapshotsEditsAndAnEc2PointItsImagesAndItsSnapshotsEdits() {
        RecoveryPoint ec2Point = BackupEc2ImagesTest.point(RecoveryPoint.COMPLETED, Map.of("BlockDeviceMappings",
                BackupEc2ImagesTest.MAPPINGS));
        String image = "ami-0123456789abcdef0";
        List<String> imageSnapshots = BackupEc2Images.image(ec2Point).blockDevices().stream()
                .map(Image.BlockDevice::snapshotId).toList();
        assertThat(imageSnapshots).hasSize(2);
        Ec2TagEditsRemoval removal = new Ec2TagEditsRemoval();
        try (Store store = StoreFactory.open(dir.resolve("store.db").toString())) {
            store.write(tx -> {
                TagEditsRepository.SNAPSHOTS.save(tx, owner(ACCOUNT, SNAPSHOT));
                TagEditsRepository.SNAPSHOTS.save(tx, owner("333333333333", SNAPSHOT));
                TagEditsRepository.IMAGES.save(tx, owner(ACCOUNT, image));
                imageSnapshots.forEach(s -> TagEditsRepository.SNAPSHOTS.save(tx, owner(ACCOUNT, s)));
                return null;
            });
            store.read(tx -> {
                assertThat(TagEditsRepository.mayHaveEdits(tx, ACCOUNT, REGION)).isTrue();
                assertThat(TagEditsRepository.mayHaveEdits(tx, "444444444444", REGION)).as("never edited").isFalse();
                assertThat(TagEditsRepository.mayHaveEdits(tx, ACCOUNT, "us-east-1")).isFalse();
                return null;
            });

            store.write(tx -> {
                removal.removed(tx, ebsPoint(ACCOUNT));
                return null;
            });
            store.read(tx -> {
                assertThat(TagEditsRepository.SNAPSHOTS.byResource(tx, ACCOUNT, REGION).keySet())
                        .containsExactlyInAnyOrderElementsOf(imageSnapshots);
                assertThat(TagEditsRepository.SNAPSHOTS.get(tx, "333333333333", REGION, SNAPSHOT))
                        .as("another account's edits of the same id are its own").isPresent();
                assertThat(TagEditsRepository.IMAGES.get(tx, ACCOUNT, REGION, image)).isPresent();
                return null;
            });

            store.write(tx -> {
                removal.removed(tx, ec2Point);
                return null;
            });
            store.read(tx -> {
                assertThat(TagEditsRepository.SNAPSHOTS.byResource(tx, ACCOUNT, REGION)).isEmpty();
                assertThat(TagEditsRepository.IMAGES.byResource(tx, ACCOUNT, REGION)).isEmpty();
                return null;
            });
        }
    }
}
