package io.strongroom.engine.backup;

import io.strongroom.engine.ids.IdGenerator;
import io.strongroom.json.JsonCodec;
import io.strongroom.storage.Collection;
import io.strongroom.storage.Tx;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Backup Audit Manager frameworks (spec audit 1.1-1.3): create, describe, list, update, delete, with the control
 * catalogue's validation and the quota of 50 controls per account and Region. Stored in {@code backup.frameworks}
 * under {@code <account>/<region>/<name>}.
 */
public final class FrameworkService {
    static final int MAX_CONTROLS = 50;
    private static final Pattern NAME = Pattern.compile("[a-zA-Z][_a-zA-Z0-9]{0,255}");

    private final Collection<Framework> frameworks = new Collection<>("backup.frameworks",
            JsonCodec.of(Framework.class));
    private final ReportsRole reportsRole;
    private final Clock clock;
    private final IdGenerator ids;

    FrameworkService(ReportsRole reportsRole, Clock clock, IdGenerator ids) {
        this.reportsRole = reportsRole;
        this.clock = clock;
        this.ids = ids;
    }

    private static String key(String account, String region, String name) {
        return account + "/" + region + "/" + name;
    }

    public Framework create(Tx tx, String account, String region, String name, String description,
                            List<FrameworkControl> controls, String idempotencyToken, Map<String, String> tags) {
        checkName(name);
        BackupNames.tags(tags);
        if (controls == null) {
            throw BackupErrors.missingParameter("FrameworkControls");
        }
        Optional<Framework> existing = frameworks.get(tx, key(account, region, name));
        if (existing.isPresent()) {
            Framework f = existing.get();
            if (idempotencyToken != null && idempotencyToken.equals(f.idempotencyToken())
                    && f.controls().equals(controls) && java.util.Objects.equals(f.description(), description)) {
                return f;
            }
            throw BackupErrors.alreadyExists("Framework " + name + " already exists.", f.arn(), null);
        }
        check(description, controls);
        checkQuota(tx, account, region, null, controls.size());
        reportsRole.of(tx, account);
        String arn = "arn:aws:backup:" + region + ":" + account + ":framework:" + name + "-" + ids.uuid(tx);
        Framework f = new Framework(account, region, name, arn, description, controls, Instant.now(clock),
                idempotencyToken, tags);
        frameworks.put(tx, key(account, region, name), f, Tx.ABSENT);
        return f;
    }

    public Framework describe(Tx tx, String account, String region, String name) {
        if (name == null || name.isEmpty()) {
            throw BackupErrors.missingParameter("FrameworkName");
        }
        return frameworks.get(tx, key(account, region, name))
                .orElseThrow(() -> BackupErrors.notFound("Framework " + name + " does not exist."));
    }

    public Page<Framework> list(Tx tx, String account, String region, Integer maxResults, String token) {
        return Page.of(frameworks.list(tx, account + "/" + region + "/"), Framework::name, maxResults, token);
    }

    /** Every framework of an account in a Region (report jobs, the dashboard). */
    public List<Framework> all(Tx tx, String account, String region) {
        return frameworks.list(tx, account + "/" + region + "/");
    }

    public Framework update(Tx tx, String account, String region, String name, String description,
                            List<FrameworkControl> controls) {
        Framework f = describe(tx, account, region, name);
        List<FrameworkControl> next = controls == null ? f.controls() : controls;
        String nextDescription = description == null ? f.description() : description;
        check(nextDescription, next);
        checkQuota(tx, account, region, name, next.size());
        Framework updated = f.updated(nextDescription, next);
        frameworks.put(tx, key(account, region, name), updated);
        return updated;
    }

    public void delete(Tx tx, String account, String region, String name) {
        describe(tx, account, region, name);
        frameworks.delete(tx, key(account, region, name));
    }

    /** The framework an ARN names, if it belongs to the account (report plans, tags). */
    public Optional<Framework> byArn(Tx tx, String account, String arn) {
        String[] parts = arn.split(":", 7);
        if (parts.length < 7 || !parts[4].equals(account)) {
            return Optional.empty();
        }
        return all(tx, account, parts[3]).stream().filter(f -> f.arn().equals(arn)).findFirst();
    }

    /** The framework a framework ARN names, for TagResource, UntagResource and ListTags (D126). */
    public Optional<BackupTags.Tagged> tagged(Tx tx, String account, String arn) {
        return BackupTags.parts(arn, "framework").map(p -> {
            Framework f = byArn(tx, account, arn).orElseThrow(() -> BackupErrors.resourceNotFound(arn));
            return new BackupTags.Tagged(f.tags(), (t, tags) -> frameworks.put(t, key(f.accountId(), f.region(),
                    f.name()), f.withTags(tags)));
        });
    }

    private static void checkName(String name) {
        if (name == null || name.isEmpty()) {
            throw BackupErrors.missingParameter("FrameworkName");
        }
        if (!NAME.matcher(name).matches()) {
            throw BackupErrors.invalidParameter("Invalid FrameworkName " + name + ": it must start with a letter and "
                    + "contain only letters, digits and underscores (1-256 characters).");
        }
    }

    private static void check(String description, List<FrameworkControl> controls) {
        if (description != null && (description.length() > 1024 || (!description.isEmpty()
                && description.isBlank()))) {
            throw BackupErrors.invalidParameter("Invalid FrameworkDescription: at most 1024 characters, not only "
                    + "spaces.");
        }
        if (controls.isEmpty()) {
            throw BackupErrors.invalidParameter("A framework needs at least one control.");
        }
        for (FrameworkControl c : controls) {
            AuditControls.problem(c).ifPresent(m -> {
                throw BackupErrors.invalidParameter(m);
            });
        }
    }

    private void checkQuota(Tx tx, String account, String region, String replacing, int adding) {
        int used = all(tx, account, region).stream().filter(f -> !f.name().equals(replacing))
                .mapToInt(f -> f.controls().size()).sum();
        if (used + adding > MAX_CONTROLS) {
            throw BackupErrors.limitExceeded("An account can have at most " + MAX_CONTROLS + " controls in a Region "
                    + "across its frameworks; " + used + " are in use.");
        }
    }
}
