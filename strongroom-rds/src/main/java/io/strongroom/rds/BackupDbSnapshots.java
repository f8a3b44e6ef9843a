package io.strongroom.rds;

import io.strongroom.storage.Tx;

import java.util.List;
import java.util.Optional;

/**
 * The DB snapshots AWS Backup keeps as the recovery points of DB instances, in an account's vaults of one Region
 * (snapshot type {@code awsbackup}). AWS Backup owns them, so RDS asks it (wired by the server).
 */
public interface BackupDbSnapshots {
    List<DbSnapshot> list(Tx tx, String account, String region);

    /**
     * The snapshot {@code identifier} names, if AWS Backup keeps it: the one {@link #list} has under that identifier,
     * found without reading the others, so that a describe by identifier does not cost the account's history.
     */
    default Optional<DbSnapshot> find(Tx tx, String account, String region, String identifier) {
        return list(tx, account, region).stream().filter(s -> s.identifier().equals(identifier)).findFirst();
    }
}
