package io.strongroom.ec2;

import io.strongroom.storage.Tx;

import java.util.List;
import java.util.Optional;

/**
 * The EBS snapshots AWS Backup keeps as the recovery points of volumes, in an account's vaults of one Region. On
 * AWS they are ordinary snapshots of the account that EC2 lists but will not delete; here AWS Backup owns them, so
 * EC2 asks it (wired by the server).
 */
public interface BackupSnapshots {
    List<Snapshot> list(Tx tx, String account, String region);

    /**
     * The snapshot {@code id} names, if AWS Backup keeps it: the one {@link #list} has under that id, found without
     * reading the others, so that a call naming a snapshot does not cost the account's history.
     */
    default Optional<Snapshot> find(Tx tx, String account, String region, String id) {
        return list(tx, account, region).stream().filter(s -> s.id().equals(id)).findFirst();
    }
}
