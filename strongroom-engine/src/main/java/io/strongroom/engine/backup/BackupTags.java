package io.strongroom.engine.backup;

import io.strongroom.storage.Tx;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;

/**
 * TagResource, UntagResource and ListTags on AWS Backup's own ARNs: vaults and plans of the caller's account (and
 * fully managed recovery points). Other ARNs are InvalidParameterValueException; unknown ones
 * ResourceNotFoundException.
 */
public final class BackupTags {
    static final int MAX_TAGS = 50;

    private final VaultService vaults;
    private final PlanService plans;
    private final JobStore points = new JobStore();

    public BackupTags(VaultService vaults, PlanService plans) {
        this.vaults = vaults;
        this.plans = plans;
    }

    public Map<String, String> tags(Tx tx, String account, String arn) {
        return new TreeMap<>(target(tx, account, arn).tags());
    }

    public void tagResource(Tx tx, String account, String arn, Map<String, String> tags) {
        if (tags == null || tags.isEmpty()) {
            throw BackupErrors.missingParameter("Tags");
        }
        BackupNames.tags(tags);
        Target target = target(tx, account, arn);
        Map<String, String> merged = new LinkedHashMap<>(target.tags());
        merged.putAll(tags);
        if (merged.size() > MAX_TAGS) {
            throw BackupErrors.limitExceeded("A resource can have at most " + MAX_TAGS + " tags.");
        }
        target.save(tx, merged);
    }

    public void untagResource(Tx tx, String account, String arn, List<String> keys) {
        if (keys == null || keys.isEmpty()) {
            throw BackupErrors.missingParameter("TagKeyList");
        }
        Target target = target(tx, account, arn);
        Map<String, String> remaining = new LinkedHashMap<>(target.tags());
        keys.forEach(remaining::remove);
        target.save(tx, remaining);
    }

    private interface Target {
        Map<String, String> tags();

        void save(Tx tx, Map<String, String> tags);
    }

    /** The tags of a vault, plan or recovery point named by its ARN (its own account's); null for anything else. */
    public Map<String, String> tagsOrNull(Tx tx, String arn) {
        String[] parts = arn.split(":", 6);
        if (parts.length < 6) {
            return null;
        }
        try {
            return target(tx, parts[4], arn).tags();
        } catch (io.strongroom.kernel.ServiceException e) {
            return null;
        }
    }

    private Target target(Tx tx, String account, String arn) {
        if (arn == null || arn.isEmpty()) {
            throw BackupErrors.missingParameter("ResourceArn");
        }
        Matcher vault = BackupNames.VAULT_ARN.matcher(arn);
        if (vault.matches()) {
            BackupVault v = vaults.store().vault(tx, vault.group(2), vault.group(1), vault.group(3))
                    .filter(found -> found.accountId().equals(account))
                    .orElseThrow(() -> BackupErrors.resourceNotFound(arn));
            return new Target() {
                public Map<String, String> tags() {
                    return v.tags();
                }

                public void save(Tx t, Map<String, String> tags) {
                    vaults.saveTags(t, v, tags);
                }
            };
        }
        Matcher plan = BackupNames.PLAN_ARN.matcher(arn);
        if (plan.matches()) {
            BackupPlan p = vaults.store().plan(tx, plan.group(2), plan.group(1), plan.group(3))
                    .filter(found -> found.accountId().equals(account) && !found.deleted())
                    .orElseThrow(() -> BackupErrors.resourceNotFound(arn));
            return new Target() {
                public Map<String, String> tags() {
                    return p.tags();
                }

                public void save(Tx t, Map<String, String> tags) {
                    plans.saveTags(t, p, tags);
                }
            };
        }
        if (arn.startsWith("arn:aws:backup:") && arn.contains(":recovery-point:")) {
            RecoveryPoint point = points.point(tx, arn).filter(found -> found.accountId().equals(account))
                    .orElseThrow(() -> BackupErrors.resourceNotFound(arn));
            return new Target() {
                public Map<String, String> tags() {
                    return point.tags();
                }

                public void save(Tx t, Map<String, String> tags) {
                    points.putPoint(t, point.withTags(tags));
                }
            };
        }
        throw BackupErrors.invalidParameter("Invalid ResourceArn " + arn + ": only backup vaults, backup plans and "
                + "recovery points of AWS Backup can be tagged.");
    }
}
