package io.strongroom.server;

import io.strongroom.ec2.Image;
import io.strongroom.ec2.TagEditsRepository;
import io.strongroom.engine.backup.RecoveryPoint;
import io.strongroom.engine.backup.RecoveryPointService;
import io.strongroom.storage.Tx;

/**
 * Forgets the account's EC2 tag edits of a recovery point's snapshot or image, and of the image's snapshots, as AWS
 * Backup removes the point (D122). Other points cost nothing; an EC2 or EBS point (its ARN is EC2's) one keyed read of
 * the account's mark, and only where the account ever kept edits in the Region a keyed delete for an EBS point's
 * snapshot, or, for an EC2 point's image, one for the image and one per block device mapping's snapshot.
 */
final class Ec2TagEditsRemoval implements RecoveryPointService.Removal {
    private static final String EC2_ARN = "arn:aws:ec2:";

    @Override
    public void removed(Tx tx, RecoveryPoint point) {
        String arn = point.arn();
        if (!arn.startsWith(EC2_ARN)) {
            return;
        }
        String id = arn.substring(arn.lastIndexOf('/') + 1);
        String account = point.accountId();
        String region = point.region();
        if (!TagEditsRepository.mayHaveEdits(tx, account, region)) {
            return;
        }
        if (arn.startsWith(EC2_ARN + region + "::snapshot/")) {
            TagEditsRepository.SNAPSHOTS.delete(tx, account, region, id);
        } else if (arn.startsWith(EC2_ARN + region + "::image/")) {
            TagEditsRepository.IMAGES.delete(tx, account, region, id);
            for (Image.BlockDevice d : BackupEc2Images.image(point).blockDevices()) {
                TagEditsRepository.SNAPSHOTS.delete(tx, account, region, d.snapshotId());
            }
        }
    }
}
