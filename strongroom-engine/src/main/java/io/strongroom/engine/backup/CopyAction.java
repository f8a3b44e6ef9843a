package io.strongroom.engine.backup;

/** A copy a rule makes of each recovery point once its backup job completes (executed in a later step). */
public record CopyAction(String destinationBackupVaultArn, Lifecycle lifecycle) {
}
