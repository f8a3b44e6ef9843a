package io.strongroom.ec2;

import io.strongroom.storage.Tx;

import java.util.List;

/**
 * The AMIs AWS Backup keeps as the recovery points of instances, in an account's vaults of one Region. On AWS they
 * are images of the account that EC2 lists but will not deregister; here AWS Backup owns them, so EC2 asks it (wired
 * by the server), as it does for snapshots ({@link BackupSnapshots}).
 */
public interface BackupImages {
    List<Image> list(Tx tx, String account, String region);
}
