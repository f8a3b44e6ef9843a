package io.strongroom.engine.backup;

import java.time.Instant;

/** One version of a plan: every UpdateBackupPlan mints one; older ones stay readable by VersionId. */
public record PlanVersion(String versionId, BackupPlanDocument document, Instant created, Instant deleted) {
    PlanVersion deletedAt(Instant when) {
        return new PlanVersion(versionId, document, created, when);
    }
}
