package io.strongroom.engine.backup.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.strongroom.engine.backup.AdvancedBackupSetting;
import io.strongroom.engine.backup.BackupPlanDocument;
import io.strongroom.engine.backup.BackupRule;
import io.strongroom.engine.backup.ConditionParameter;
import io.strongroom.engine.backup.CopyAction;
import io.strongroom.engine.backup.Lifecycle;
import io.strongroom.engine.backup.SelectionConditions;
import io.strongroom.engine.backup.SelectionService;
import io.strongroom.engine.backup.TagCondition;
import io.strongroom.json.JsonCodec;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an effective backup policy (Organizations' rendering: lower-cased keys, bare values, {@code $account} and
 * {@code $region} still literal; organizations-policies spec 2 and 3.4) into the plan documents and selections AWS
 * Backup makes of it in one account and Region. Numbers and booleans are taken as JSON values or as strings (spec
 * 2.9). A required element missing or a value of the wrong kind makes the policy {@link Incomplete}. Pure.
 */
public final class OrgBackupPolicy {
    private final List<PlanSpec> plans;

    private OrgBackupPolicy(List<PlanSpec> plans) {
        this.plans = plans;
    }

    /** Why an effective policy cannot become plans; the path is the policy's, slash separated. */
    public static final class Incomplete extends RuntimeException {
        Incomplete(String path, String problem) {
            super(path + ": " + problem);
        }
    }

    /** One plan of the policy, before it is placed in an account and Region. */
    public record PlanSpec(String key, List<String> regions, JsonNode node) {
    }

    /** What one plan of the policy becomes in one account and Region. */
    public record Materialised(String key, String region, BackupPlanDocument document, Map<String, String> tags,
                               List<SelectionService.CreateSelection> selections) {
    }

    public static OrgBackupPolicy parse(String content) {
        JsonNode root;
        try {
            root = JsonCodec.MAPPER.readTree(content);
        } catch (JsonProcessingException e) {
            throw new Incomplete("", "not JSON");
        }
        JsonNode plansNode = object(root, "plans", "");
        List<PlanSpec> specs = new ArrayList<>();
        for (Map.Entry<String, JsonNode> plan : entries(plansNode)) {
            String path = "plans/" + plan.getKey();
            JsonNode node = plan.getValue();
            if (!node.isObject()) {
                throw new Incomplete(path, "a plan must be an object");
            }
            List<String> regions = strings(node, "regions", path);
            if (regions.isEmpty()) {
                throw new Incomplete(path + "/regions", "no Region");
            }
            specs.add(new PlanSpec(plan.getKey(), regions, node));
        }
        return new OrgBackupPolicy(List.copyOf(specs));
    }

    public List<PlanSpec> plans() {
        return plans;
    }

    /** The plan's document, tags and selections in {@code account} and {@code region}, variables resolved. */
    public static Materialised materialise(PlanSpec spec, String account, String region) {
        String path = "plans/" + spec.key();
        Variables vars = new Variables(account, region);
        JsonNode rulesNode = object(spec.node(), "rules", path);
        List<BackupRule> rules = new ArrayList<>();
        for (Map.Entry<String, JsonNode> rule : entries(rulesNode)) {
            rules.add(rule(rule.getKey(), rule.getValue(), path + "/rules/" + rule.getKey(), vars));
        }
        if (rules.isEmpty()) {
            throw new Incomplete(path + "/rules", "no rule");
        }
        BackupPlanDocument document = new BackupPlanDocument(spec.key(), rules,
                advanced(spec.node().get("advanced_backup_settings"), path + "/advanced_backup_settings"));
        Map<String, String> tags = tagEntries(spec.node().get("backup_plan_tags"), path + "/backup_plan_tags");
        return new Materialised(spec.key(), region, document, tags,
                selections(object(spec.node(), "selections", path), path + "/selections", vars));
    }

    private static BackupRule rule(String name, JsonNode node, String path, Variables vars) {
        String airGapped = optionalString(node, "target_logically_air_gapped_backup_vault_arn", path);
        List<CopyAction> copies = new ArrayList<>();
        JsonNode copyNode = node.get("copy_actions");
        if (copyNode != null) {
            for (Map.Entry<String, JsonNode> copy : entries(requireObject(copyNode, path + "/copy_actions"))) {
                String copyPath = path + "/copy_actions/" + copy.getKey();
                // Without target_backup_vault_arn AWS Backup falls back to the (lower-cased) key (spec 2.3).
                String target = optionalString(copy.getValue(), "target_backup_vault_arn", copyPath);
                copies.add(new CopyAction(vars.resolve(target != null ? target : copy.getKey()),
                        lifecycle(copy.getValue().get("lifecycle"), copyPath + "/lifecycle")));
            }
        }
        return new BackupRule(name, null, string(node, "target_backup_vault_name", path),
                airGapped == null ? null : vars.resolve(airGapped), string(node, "schedule_expression", path),
                optionalString(node, "schedule_expression_timezone", path),
                number(node, "start_backup_window_minutes", path), number(node, "complete_backup_window_minutes", path),
                lifecycle(node.get("lifecycle"), path + "/lifecycle"),
                tagEntries(node.get("recovery_point_tags"), path + "/recovery_point_tags"), copies,
                bool(node, "enable_continuous_backup", path));
    }

    private static Lifecycle lifecycle(JsonNode node, String path) {
        if (node == null) {
            return null;
        }
        requireObject(node, path);
        return new Lifecycle(number(node, "move_to_cold_storage_after_days", path),
                number(node, "delete_after_days", path),
                bool(node, "opt_in_to_archive_for_supported_resources", path));
    }

    /** EC2 windows_vss; S3 backup_acls / backup_object_tags, where "enabled" is AWS Backup's default (no entry). */
    private static List<AdvancedBackupSetting> advanced(JsonNode node, String path) {
        if (node == null) {
            return List.of();
        }
        List<AdvancedBackupSetting> out = new ArrayList<>();
        JsonNode ec2 = node.get("ec2");
        if (ec2 != null) {
            String vss = optionalString(ec2, "windows_vss", path + "/ec2");
            if (vss != null) {
                out.add(new AdvancedBackupSetting("EC2", Map.of("WindowsVSS", vss)));
            }
        }
        JsonNode s3 = node.get("s3");
        if (s3 != null) {
            Map<String, String> options = new LinkedHashMap<>();
            for (String[] option : new String[][] {{"backup_acls", "BackupACLs"},
                    {"backup_object_tags", "BackupObjectTags"}}) {
                String value = optionalString(s3, option[0], path + "/s3");
                if (value != null && !value.equals("enabled")) {
                    options.put(option[1], value);
                }
            }
            if (!options.isEmpty()) {
                out.add(new AdvancedBackupSetting("S3", options));
            }
        }
        return out;
    }

    private static List<SelectionService.CreateSelection> selections(JsonNode node, String path, Variables vars) {
        List<SelectionService.CreateSelection> out = new ArrayList<>();
        JsonNode tagsNode = node.get("tags");
        if (tagsNode != null) {
            for (Map.Entry<String, JsonNode> s : entries(requireObject(tagsNode, path + "/tags"))) {
                String p = path + "/tags/" + s.getKey();
                String key = string(s.getValue(), "tag_key", p);
                List<TagCondition> tags = strings(s.getValue(), "tag_value", p).stream()
                        .map(v -> new TagCondition("STRINGEQUALS", key, v)).toList();
                if (tags.isEmpty()) {
                    throw new Incomplete(p + "/tag_value", "no tag value");
                }
                out.add(new SelectionService.CreateSelection(s.getKey(), vars.resolve(string(s.getValue(),
                        "iam_role_arn", p)), List.of(), List.of(), tags, conditions(s.getValue(), p)));
            }
        }
        JsonNode resourcesNode = node.get("resources");
        if (resourcesNode != null) {
            for (Map.Entry<String, JsonNode> s : entries(requireObject(resourcesNode, path + "/resources"))) {
                String p = path + "/resources/" + s.getKey();
                List<String> resources = strings(s.getValue(), "resource_types", p);
                List<String> notResources = s.getValue().has("not_resource_types")
                        ? strings(s.getValue(), "not_resource_types", p) : List.of();
                out.add(new SelectionService.CreateSelection(s.getKey(), vars.resolve(string(s.getValue(),
                        "iam_role_arn", p)), resources, notResources, List.of(), conditions(s.getValue(), p)));
            }
        }
        if (out.isEmpty()) {
            throw new Incomplete(path, "neither a tags nor a resources selection");
        }
        return out;
    }

    private static SelectionConditions conditions(JsonNode selection, String path) {
        JsonNode node = selection.get("conditions");
        if (node == null) {
            return SelectionConditions.NONE;
        }
        String p = path + "/conditions";
        requireObject(node, p);
        return new SelectionConditions(conditionList(node, "string_equals", p),
                conditionList(node, "string_not_equals", p), conditionList(node, "string_like", p),
                conditionList(node, "string_not_like", p));
    }

    private static List<ConditionParameter> conditionList(JsonNode node, String operator, String path) {
        JsonNode list = node.get(operator);
        if (list == null) {
            return List.of();
        }
        List<ConditionParameter> out = new ArrayList<>();
        for (Map.Entry<String, JsonNode> c : entries(requireObject(list, path + "/" + operator))) {
            String p = path + "/" + operator + "/" + c.getKey();
            out.add(new ConditionParameter(string(c.getValue(), "condition_key", p),
                    string(c.getValue(), "condition_value", p)));
        }
        return out;
    }

    /** backup_plan_tags and recovery_point_tags: user-named entries each holding tag_key and tag_value. */
    private static Map<String, String> tagEntries(JsonNode node, String path) {
        if (node == null) {
            return Map.of();
        }
        Map<String, String> tags = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> t : entries(requireObject(node, path))) {
            String p = path + "/" + t.getKey();
            tags.put(string(t.getValue(), "tag_key", p), string(t.getValue(), "tag_value", p));
        }
        return tags;
    }

    private static JsonNode object(JsonNode parent, String key, String path) {
        JsonNode node = parent.get(key);
        if (node == null || node.isNull()) {
            throw new Incomplete(join(path, key), "required element missing");
        }
        return requireObject(node, join(path, key));
    }

    private static JsonNode requireObject(JsonNode node, String path) {
        if (!node.isObject()) {
            throw new Incomplete(path, "must be an object");
        }
        return node;
    }

    private static List<Map.Entry<String, JsonNode>> entries(JsonNode node) {
        List<Map.Entry<String, JsonNode>> out = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            out.add(it.next());
        }
        return out;
    }

    private static String string(JsonNode node, String key, String path) {
        String value = optionalString(node, key, path);
        if (value == null) {
            throw new Incomplete(join(path, key), "required element missing");
        }
        return value;
    }

    private static String optionalString(JsonNode node, String key, String path) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isValueNode()) {
            throw new Incomplete(join(path, key), "must be a single value");
        }
        return value.asText();
    }

    private static List<String> strings(JsonNode node, String key, String path) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            throw new Incomplete(join(path, key), "required element missing");
        }
        if (!value.isArray()) {
            throw new Incomplete(join(path, key), "must be a list");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode item : value) {
            if (!item.isValueNode() || item.isNull()) {
                throw new Incomplete(join(path, key), "must be a list of strings");
            }
            out.add(item.asText());
        }
        return out;
    }

    private static Long number(JsonNode node, String key, String path) {
        String value = optionalString(node, key, path);
        if (value == null) {
            return null;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new Incomplete(join(path, key), "not a whole number: " + value);
        }
    }

    private static Boolean bool(JsonNode node, String key, String path) {
        String value = optionalString(node, key, path);
        if (value == null) {
            return null;
        }
        return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new Incomplete(join(path, key), "not a boolean: " + value);
        };
    }

    private static String join(String path, String key) {
        return path.isEmpty() ? key : path + "/" + key;
    }

    /** {@code $account} and {@code $region} in ARN values: AWS Backup puts in the plan's account and Region. */
    private record Variables(String account, String region) {
        String resolve(String arn) {
            return arn.replace("$account", account).replace("$region", region);
        }
    }
}
