package io.strongroom.engine.backup.policy;

import io.strongroom.engine.backup.AdvancedBackupSetting;
import io.strongroom.engine.backup.BackupPlanDocument;
import io.strongroom.engine.backup.BackupRule;
import io.strongroom.engine.backup.ConditionParameter;
import io.strongroom.engine.backup.CopyAction;
import io.strongroom.engine.backup.Lifecycle;
import io.strongroom.engine.backup.SelectionConditions;
import io.strongroom.engine.backup.SelectionService;
import io.strongroom.engine.backup.TagCondition;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** An effective backup policy as Organizations renders it, read into plan documents and selections (D52). */
class OrgBackupPolicyTest {
    static final String EFFECTIVE = """
            {"plans":{"critical":{
              "regions":["eu-west-1","eu-central-1"],
              "rules":{"hourly":{"schedule_expression":"cron(0 * ? * * *)","schedule_expression_timezone":"Europe/Paris",
                "target_backup_vault_name":"vault","start_backup_window_minutes":"60",
                "complete_backup_window_minutes":120,"enable_continuous_backup":"false",
                "lifecycle":{"move_to_cold_storage_after_days":"30","delete_after_days":"365"},
                "recovery_point_tags":{"team":{"tag_key":"Team","tag_value":"Core"}},
                "copy_actions":{"arn:aws:backup:$region:$account:backup-vault:copy":{
                                  "target_backup_vault_arn":"arn:aws:backup:$region:$account:backup-vault:Copy",
                                  "lifecycle":{"delete_after_days":"-1"}},
                                "arn:aws:backup:us-east-1:222233334444:backup-vault:central":{}}}},
              "selections":{
                "tags":{"gold":{"iam_role_arn":"arn:aws:iam::$account:role/R","tag_key":"tier",
                                "tag_value":["gold","platinum"],
                                "conditions":{"string_not_equals":{"scratch":{"condition_key":"aws:ResourceTag/scratch",
                                                                             "condition_value":"yes"}}}}},
                "resources":{"volumes":{"iam_role_arn":"arn:aws:iam::$account:role/R",
                                        "resource_types":["arn:aws:ec2:*:*:volume/*"],
                                        "not_resource_types":["arn:aws:ec2:*:*:volume/vol-0scratch"]}}},
              "advanced_backup_settings":{"ec2":{"windows_vss":"enabled"},"s3":{"backup_acls":"enabled",
                                                                                "backup_object_tags":"disabled"}},
              "backup_plan_tags":{"owner":{"tag_key":"Owner","tag_value":"platform"}}}}}
            """;

    @Test
    void everyElementMapsToThePlanAndSelectionsOfOneAccountAndRegion() {
        OrgBackupPolicy.PlanSpec spec = OrgBackupPolicy.parse(EFFECTIVE).plans().get(0);
        assertThat(spec.key()).isEqualTo("critical");
        assertThat(spec.regions()).containsExactly("eu-west-1", "eu-central-1");

        OrgBackupPolicy.Materialised m = OrgBackupPolicy.materialise(spec, "111122223333", "eu-central-1");

        BackupRule rule = m.document().rules().get(0);
        assertThat(m.document().name()).isEqualTo("critical");
        assertThat(rule.ruleName()).isEqualTo("hourly");
        assertThat(rule.scheduleExpressionTimezone()).isEqualTo("Europe/Paris");
        assertThat(rule.startWindowMinutes()).isEqualTo(60L);
        assertThat(rule.completionWindowMinutes()).isEqualTo(120L);
        assertThat(rule.enableContinuousBackup()).isFalse();
        assertThat(rule.lifecycle()).isEqualTo(new Lifecycle(30L, 365L, null));
        assertThat(rule.recoveryPointTags()).isEqualTo(Map.of("Team", "Core"));
        assertThat(rule.copyActions()).containsExactly(
                new CopyAction("arn:aws:backup:eu-central-1:111122223333:backup-vault:Copy", new Lifecycle(null, -1L,
                        null)),
                new CopyAction("arn:aws:backup:us-east-1:222233334444:backup-vault:central", null));
        assertThat(m.document().advancedSettings()).containsExactly(
                new AdvancedBackupSetting("EC2", Map.of("WindowsVSS", "enabled")),
                new AdvancedBackupSetting("S3", Map.of("BackupObjectTags", "disabled")));
        assertThat(m.tags()).isEqualTo(Map.of("Owner", "platform"));
        assertThat(m.selections()).containsExactly(
                new SelectionService.CreateSelection("gold", "arn:aws:iam::111122223333:role/R", List.of(), List.of(),
                        List.of(new TagCondition("STRINGEQUALS", "tier", "gold"),
                                new TagCondition("STRINGEQUALS", "tier", "platinum")),
                        new SelectionConditions(null, List.of(new ConditionParameter("aws:ResourceTag/scratch",
                                "yes")), null, null)),
                new SelectionService.CreateSelection("volumes", "arn:aws:iam::111122223333:role/R",
                        List.of("arn:aws:ec2:*:*:volume/*"), List.of("arn:aws:ec2:*:*:volume/vol-0scratch"), List.of(),
                        SelectionConditions.NONE));
    }

    @Test
    void aMissingElementOrAnUnreadableValueMakesThePolicyIncomplete() {
        assertThatThrownBy(() -> materialise(EFFECTIVE.replace("\"target_backup_vault_name\":\"vault\",", "")))
                .isInstanceOf(OrgBackupPolicy.Incomplete.class)
                .hasMessage("plans/critical/rules/hourly/target_backup_vault_name: required element missing");
        assertThatThrownBy(() -> materialise(EFFECTIVE.replace("\"60\"", "\"sixty\"")))
                .hasMessage("plans/critical/rules/hourly/start_backup_window_minutes: not a whole number: sixty");
        assertThatThrownBy(() -> OrgBackupPolicy.parse(EFFECTIVE.replace("[\"eu-west-1\",\"eu-central-1\"]", "[]")))
                .hasMessage("plans/critical/regions: no Region");
        assertThatThrownBy(() -> materialise(EFFECTIVE.replace("\"iam_role_arn\":\"arn:aws:iam::$account:role/R\","
                + "\"tag_key\"", "\"tag_key\""))).hasMessage("plans/critical/selections/tags/gold/iam_role_arn: "
                + "required element missing");
    }

    private static OrgBackupPolicy.Materialised materialise(String content) {
        return OrgBackupPolicy.materialise(OrgBackupPolicy.parse(content).plans().get(0), "111122223333",
                "eu-west-1");
    }
}
