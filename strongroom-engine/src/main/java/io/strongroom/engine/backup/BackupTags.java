package io.strongroom.engine.backup;

import io.strongroom.storage.Tx;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.TreeMap;
import java.util.regex.Matcher;

/**
 * TagResource, UntagResource and ListTags on AWS Backup's own ARNs of the caller's account: vaults, plans and
 * recovery points here, and the {@link Kind}s other services add (legal holds, restore testing plans, frameworks,
 * report plans, D126). Other ARNs are InvalidParameterValueException; unknown ones
 * ResourceNotFoundException.
 */
public final class BackupTags {
    static final int MAX_TAGS = 50;

    private final VaultService vaults;
    private final PlanService plans;
    private final JobStore points = new JobStore();
    private final List<Kind> kinds = new CopyOnWriteArrayList<>();

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
        Tagged target = target(tx, account, arn);
        Map<String, String> merged = new LinkedHashMap<>(target.tags());
        merged.putAll(tags);
        if (merged.size() > MAX_TAGS) {
            throw BackupErrors.limitExceeded("A resource can have at most " + MAX_TAGS + " tags.");
        }
        target.save().accept(tx, merged);
    }

    public void untagResource(Tx tx, String account, String arn, List<String> keys) {
        if (keys == null || keys.isEmpty()) {
            throw BackupErrors.missingParameter("TagKeyList");
        }
        Tagged target = target(tx, account, arn);
        Map<String, String> remaining = new LinkedHashMap<>(target.tags());
        keys.forEach(remaining::remove);
        target.save().accept(tx, remaining);
    }

    /** A tagged resource: its tags and how to store new ones. */
    public record Tagged(Map<String, String> tags, BiConsumer<Tx, Map<String, String>> save) {
    }

    /**
     * One more kind of tagged resource, kept by another service: the resource an ARN of that kind names in the
     * caller's account ({@link BackupErrors#resourceNotFound} when there is none), empty for ARNs of other kinds.
     */
    @FunctionalInterface
    public interface Kind {
        Optional<Tagged> find(Tx tx, String account, String arn);
    }

    public void add(Kind kind) {
        kinds.add(kind);
    }

    /**
     * The region, account and resource id of {@code arn:aws:backup:<region>:<account>:<type>:<id>}; empty for an
     * ARN of another type.
     */
    static Optional<String[]> parts(String arn, String type) {
        String[] parts = arn.split(":", 7);
        if (parts.length < 7 || !arn.startsWith("arn:aws:backup:") || !parts[5].equals(type)) {
            return Optional.empty();
        }
        return Optional.of(new String[] {parts[3], parts[4], parts[6]});
    }

    /** The tags of a resource named by its ARN (its own account's); null for anything else. */
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

    private Tagged target(Tx tx, String account, String arn) {
        if (arn == null || arn.isEmpty()) {
            throw BackupErrors.missingParameter("ResourceArn");
        }
        Matcher vault = BackupNames.VAULT_ARN.matcher(arn);
        if (vault.matches()) {
            BackupVault v = vaults.store().vault(tx, vault.group(2), vault.group(1), vault.group(3))
                    .filter(found -> found.accountId().equals(account))
                    .orElseThrow(() -> BackupErrors.resourceNotFound(arn));
            return new Tagged(v.tags(), (t, tags) -> vaults.saveTags(t, v, tags));
        }
        Matcher plan = BackupNames.PLAN_ARN.matcher(arn);
        if (plan.matches()) {
            BackupPlan p = vaults.store().plan(tx, plan.group(2), plan.group(1), plan.group(3))
                    .filter(found -> found.accountId().equals(account) && !found.deleted())
                    .orElseThrow(() -> BackupErrors.resourceNotFound(arn));
            return new Tagged(p.tags(), (t, tags) -> plans.saveTags(t, p, tags));
        }
        if (arn.startsWith("arn:aws:backup:") && arn.contains(":recovery-point:")) {
            RecoveryPoint point = points.point(tx, arn).filter(found -> found.accountId().equals(account))
                    .orElseThrow(() -> BackupErrors.resourceNotFound(arn));
            return new Tagged(point.tags(), (t, tags) -> points.putPoint(t, point.withTags(tags)));
        }
        for (Kind kind : kinds) {
            Optional<Tagged> found = kind.find(tx, account, arn);
            if (found.isPresent()) {
                return found.get();
            }
        }
        throw BackupErrors.invalidParameter("Invalid ResourceArn " + arn + ": only backup vaults, backup plans, "
                + "recovery points, legal holds, restore testing plans, frameworks and report plans of AWS Backup "
                + "can be tagged.");
    }
}
