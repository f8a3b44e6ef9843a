package io.strongroom.rds;

import io.strongroom.storage.Tx;

import java.util.List;

/**
 * The DB snapshots AWS Backup keeps as the recovery points of DB instances, in an account's vaults of one Region
 * (snapshot type {@code awsbackup}). AWS Backup owns them, so RDS asks it (wired by the server).
 */
public interface BackupDbSnapshots {
    List<DbSnapshot> list(Tx tx, String account, String region);
}
