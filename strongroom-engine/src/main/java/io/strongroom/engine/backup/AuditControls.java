package io.strongroom.engine.backup;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Backup Audit Manager's control catalogue (spec audit 1.4): each control's name, what it evaluates, its input
 * parameters with their allowed values and defaults, and which scopes it accepts. Names outside the catalogue (the
 * seed article's, and others seen in the wild) are refused, not aliased.
 */
public final class AuditControls {
    /** What a control evaluates. */
    public enum Subject { RESOURCE, PLAN, VAULT, RECOVERY_POINT }

    /** One parameter: allowed values (empty: an integer in [min, max]; null bounds: any integer) and default. */
    record Parameter(String name, List<String> values, Integer min, Integer max, String defaultValue) {
        Optional<String> problem(String value) {
            if (!values.isEmpty()) {
                return values.contains(value) ? Optional.empty()
                        : Optional.of("must be one of " + String.join(", ", values));
            }
            if (name.endsWith("List")) {
                return Optional.empty();
            }
            try {
                int n = Integer.parseInt(value.trim());
                if ((min != null && n < min) || (max != null && n > max)) {
                    return Optional.of("must be an integer between " + min + " and " + max);
                }
                return Optional.empty();
            } catch (NumberFormatException e) {
                return Optional.of("must be an integer");
            }
        }
    }

    /** A control of the catalogue. */
    record Control(String name, Subject subject, List<Parameter> parameters, boolean tagScope, boolean typeScope,
                   String frequency) {
        Map<String, String> defaults() {
            Map<String, String> out = new LinkedHashMap<>();
            parameters.forEach(p -> {
                if (p.defaultValue() != null) {
                    out.put(p.name(), p.defaultValue());
                }
            });
            return out;
        }
    }

    private static final Parameter RETENTION = new Parameter("requiredRetentionDays", List.of(), 1, 36500, "35");
    private static final Map<String, Control> CATALOGUE = new LinkedHashMap<>();

    static {
        add(new Control("BACKUP_RESOURCES_PROTECTED_BY_BACKUP_PLAN", Subject.RESOURCE, List.of(), true, true,
                "Twenty_Four_Hours"));
        add(new Control("BACKUP_PLAN_MIN_FREQUENCY_AND_MIN_RETENTION_CHECK", Subject.PLAN, List.of(
                new Parameter("requiredFrequencyUnit", List.of("hours", "days"), null, null, "days"),
                new Parameter("requiredFrequencyValue", List.of(), 1, 31, "1"), RETENTION), true, false, null));
        add(new Control("BACKUP_RECOVERY_POINT_MANUAL_DELETION_DISABLED", Subject.VAULT, List.of(
                new Parameter("principalArnList", List.of(), null, null, null)), true, false, null));
        add(new Control("BACKUP_RECOVERY_POINT_ENCRYPTED", Subject.RECOVERY_POINT, List.of(), true, false, null));
        add(new Control("BACKUP_RECOVERY_POINT_MINIMUM_RETENTION_CHECK", Subject.RECOVERY_POINT, List.of(RETENTION),
                true, false, null));
        add(new Control("BACKUP_RESOURCES_PROTECTED_BY_CROSS_REGION", Subject.RESOURCE, List.of(
                new Parameter("crossRegionList", List.of(), null, null, null)), true, true, "Twenty_Four_Hours"));
        add(new Control("BACKUP_RESOURCES_PROTECTED_BY_CROSS_ACCOUNT", Subject.RESOURCE, List.of(
                new Parameter("crossAccountList", List.of(), null, null, null)), true, true, "Twenty_Four_Hours"));
        add(new Control("BACKUP_RESOURCES_PROTECTED_BY_BACKUP_VAULT_LOCK", Subject.RESOURCE, List.of(
                new Parameter("minRetentionDays", List.of(), 1, 36500, null),
                new Parameter("maxRetentionDays", List.of(), 1, 36500, null)), true, true, "Twenty_Four_Hours"));
        add(new Control("BACKUP_LAST_RECOVERY_POINT_CREATED", Subject.RESOURCE, List.of(
                new Parameter("recoveryPointAgeUnit", List.of("hours", "days"), null, null, "days"),
                new Parameter("recoveryPointAgeValue", List.of(), 1, 744, "1")), true, true, "Twenty_Four_Hours"));
        add(new Control("RESTORE_TIME_FOR_RESOURCES_MEET_TARGET", Subject.RESOURCE, List.of(
                new Parameter("maxRestoreTime", List.of(), 1, null, "720")), true, true, "Twenty_Four_Hours"));
        add(new Control("RESOURCES_IN_LOGICALLY_AIR_GAPPED_VAULT", Subject.RESOURCE, List.of(
                new Parameter("recoveryPointAgeUnit", List.of("hours", "days"), null, null, "days"),
                new Parameter("recoveryPointAgeValue", List.of(), 1, 2184, "7")), false, true, "Twenty_Four_Hours"));
    }

    private AuditControls() {
    }

    private static void add(Control control) {
        CATALOGUE.put(control.name(), control);
    }

    static Optional<Control> control(String name) {
        return Optional.ofNullable(CATALOGUE.get(name));
    }

    public static Set<String> names() {
        return CATALOGUE.keySet();
    }

    /** Why a framework control is invalid (InvalidParameterValueException's message), or empty. */
    static Optional<String> problem(FrameworkControl fc) {
        if (fc.name() == null || fc.name().isEmpty()) {
            return Optional.of("ControlName is required.");
        }
        Control control = CATALOGUE.get(fc.name());
        if (control == null) {
            return Optional.of("Invalid control name " + fc.name() + ".");
        }
        for (Map.Entry<String, String> p : fc.parameters().entrySet()) {
            Optional<Parameter> known = control.parameters().stream().filter(k -> k.name().equals(p.getKey()))
                    .findFirst();
            if (known.isEmpty()) {
                return Optional.of("Invalid parameter " + p.getKey() + " for control " + fc.name() + ".");
            }
            Optional<String> bad = known.get().problem(p.getValue() == null ? "" : p.getValue());
            if (bad.isPresent()) {
                return Optional.of("Invalid value " + p.getValue() + " for parameter " + p.getKey() + " of control "
                        + fc.name() + ": it " + bad.get() + ".");
            }
        }
        if (fc.parameters().containsKey("requiredFrequencyValue")
                && "hours".equals(fc.parameters().getOrDefault("requiredFrequencyUnit", "days"))
                && Integer.parseInt(fc.parameters().get("requiredFrequencyValue").trim()) > 24) {
            return Optional.of("Invalid value " + fc.parameters().get("requiredFrequencyValue")
                    + " for parameter requiredFrequencyValue of control " + fc.name() + ": at most 24 hours.");
        }
        FrameworkControl.Scope scope = fc.scope();
        if (scope.tags().size() > 1) {
            return Optional.of("A control scope takes at most one tag.");
        }
        if (!scope.tags().isEmpty() && !control.tagScope()) {
            return Optional.of("Control " + fc.name() + " cannot be scoped by tag.");
        }
        if (scope.resourceIds().size() > 100) {
            return Optional.of("A control scope takes at most 100 resource ids.");
        }
        return Optional.empty();
    }
}
