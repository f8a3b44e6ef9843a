package io.strongroom.rds;

import io.strongroom.storage.Tx;

import java.util.List;

/**
 * The DB cluster snapshots AWS Backup keeps as the recovery points of Aurora DB clusters, in an account's vaults of
 * one Region (snapshot type {@code awsbackup}). AWS Backup owns them, so RDS asks it (wired by the server).
 */
public interface BackupDbClusterSnapshots {
    List<DbClusterSnapshot> list(Tx tx, String account, String region);
}
