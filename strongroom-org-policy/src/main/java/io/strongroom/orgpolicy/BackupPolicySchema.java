package io.strongroom.orgpolicy;

import static io.strongroom.orgpolicy.SchemaNode.Kind.BOOLEAN;
import static io.strongroom.orgpolicy.SchemaNode.Kind.NUMBER;
import static io.strongroom.orgpolicy.SchemaNode.Kind.STRING;
import static io.strongroom.orgpolicy.SchemaNode.Kind.STRING_ARRAY;
import static io.strongroom.orgpolicy.SchemaNode.container;
import static io.strongroom.orgpolicy.SchemaNode.leaf;
import static io.strongroom.orgpolicy.SchemaNode.named;

/** The backup policy grammar of spec sections 2.2–2.7 with the effective-policy quotas of 2.11 and 3.5. */
final class BackupPolicySchema {
    static final SchemaNode ROOT = build();

    private BackupPolicySchema() {
    }

    private static SchemaNode build() {
        SchemaNode lifecycle = container()
                .with("move_to_cold_storage_after_days", leaf(NUMBER))
                .with("delete_after_days", leaf(NUMBER))
                .with("opt_in_to_archive_for_supported_resources", leaf(BOOLEAN));
        SchemaNode tagEntry = container("tag_key", "tag_value")
                .with("tag_key", leaf(STRING))
                .with("tag_value", leaf(STRING));
        SchemaNode rule = container("schedule_expression", "target_backup_vault_name")
                .with("schedule_expression", leaf(STRING))
                .with("target_backup_vault_name", leaf(STRING))
                .with("schedule_expression_timezone", leaf(STRING))
                .with("target_logically_air_gapped_backup_vault_arn", leaf(STRING))
                .with("start_backup_window_minutes", leaf(NUMBER))
                .with("complete_backup_window_minutes", leaf(NUMBER))
                .with("enable_continuous_backup", leaf(BOOLEAN))
                .with("lifecycle", lifecycle)
                .with("copy_actions", named(container()
                        .with("target_backup_vault_arn", leaf(STRING))
                        .with("lifecycle", lifecycle)).bounds(-1, 5))
                .with("recovery_point_tags", named(tagEntry).bounds(-1, 10))
                .with("index_actions", container().with("resource_types", leaf(STRING_ARRAY)))
                .with("scan_actions", named(container().with("scan_mode", leaf(STRING))).scanners());
        SchemaNode conditionEntry = container("condition_key", "condition_value")
                .with("condition_key", leaf(STRING))
                .with("condition_value", leaf(STRING));
        SchemaNode conditions = container()
                .with("string_equals", named(conditionEntry))
                .with("string_not_equals", named(conditionEntry))
                .with("string_like", named(conditionEntry))
                .with("string_not_like", named(conditionEntry))
                .acrossChildren(-1, 30);
        SchemaNode tagSelection = container("iam_role_arn", "tag_key", "tag_value")
                .with("iam_role_arn", leaf(STRING))
                .with("tag_key", leaf(STRING))
                .with("tag_value", leaf(STRING_ARRAY))
                .with("conditions", conditions);
        SchemaNode resourceSelection = container("iam_role_arn", "resource_types")
                .with("iam_role_arn", leaf(STRING))
                .with("resource_types", leaf(STRING_ARRAY))
                .with("not_resource_types", leaf(STRING_ARRAY))
                .with("conditions", conditions);
        SchemaNode selections = container()
                .with("tags", named(tagSelection).bounds(-1, 10))
                .with("resources", named(resourceSelection))
                .acrossChildren(1, 100)
                .selectionsRule();
        SchemaNode advanced = container()
                .with("ec2", container().with("windows_vss", leaf(STRING)))
                .with("s3", container().with("backup_acls", leaf(STRING)).with("backup_object_tags", leaf(STRING)));
        SchemaNode plan = container("rules", "regions", "selections")
                .with("regions", leaf(STRING_ARRAY).bounds(1, -1))
                .with("rules", named(rule).bounds(1, 10))
                .with("selections", selections)
                .with("advanced_backup_settings", advanced)
                .with("backup_plan_tags", named(tagEntry))
                .with("scan_settings", named(container()
                        .with("resource_types", leaf(STRING_ARRAY))
                        .with("scanner_role_arn", leaf(STRING))).scanners());
        return container().with("plans", named(plan));
    }
}
