package io.strongroom.ec2;

import io.strongroom.storage.Tx;

import java.util.List;
import java.util.Optional;

/**
 * The AMIs AWS Backup keeps as the recovery points of instances, in an account's vaults of one Region. On AWS they
 * are images of the account that EC2 lists but will not deregister; here AWS Backup owns them, so EC2 asks it (wired
 * by the server), as it does for snapshots ({@link BackupSnapshots}).
 */
public interface BackupImages {
    List<Image> list(Tx tx, String account, String region);

    /**
     * The image {@code id} names, if AWS Backup keeps it: the one {@link #list} has under that id, found without
     * reading the others, so that a call naming an image does not cost the account's history.
     */
    default Optional<Image> find(Tx tx, String account, String region, String id) {
        return list(tx, account, region).stream().filter(i -> i.id().equals(id)).findFirst();
    }
}
