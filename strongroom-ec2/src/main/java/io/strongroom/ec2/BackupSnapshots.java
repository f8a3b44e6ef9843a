package io.strongroom.ec2;

import io.strongroom.storage.Tx;

import java.util.List;

/**
 * The EBS snapshots AWS Backup keeps as the recovery points of volumes, in an account's vaults of one Region. On
 * AWS they are ordinary snapshots of the account that EC2 lists but will not delete; here AWS Backup owns them, so
 * EC2 asks it (wired by the server).
 */
public interface BackupSnapshots {
    List<Snapshot> list(Tx tx, String account, String region);
}
