package io.strongroom.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.strongroom.testkit.AwsCli;
import io.strongroom.testkit.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The representative AWS Backup path through the AWS CLI (an independent codec): a vault locked in compliance mode,
 * a plan from a file with a cron rule and a copy action, a selection from a file with its role, and AWS's errors
 * for a lock past its lock date and for a bad lifecycle.
 */
class BackupCliIT {
    static TestServer server;
    static AwsCli cli;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        cli = new AwsCli(server.endpoint());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void vaultLockPlanAndSelection() throws Exception {
        JsonNode vault = cli.json("backup", "create-backup-vault", "--backup-vault-name", "local-prod-vault",
                "--backup-vault-tags", "team=platform");
        assertThat(vault.get("BackupVaultArn").asText())
                .isEqualTo("arn:aws:backup:eu-west-1:111111111111:backup-vault:local-prod-vault");
        Instant now = server.endpoint().admin().now();
        assertThat(cli.json("backup", "put-backup-vault-lock-configuration", "--backup-vault-name",
                "local-prod-vault", "--min-retention-days", "30", "--max-retention-days", "2555",
                "--changeable-for-days", "3")).isNull();
        JsonNode described = cli.json("backup", "describe-backup-vault", "--backup-vault-name", "local-prod-vault");
        assertThat(described.get("Locked").asBoolean()).isTrue();
        assertThat(described.get("MinRetentionDays").asLong()).isEqualTo(30);
        assertThat(java.time.OffsetDateTime.parse(described.get("LockDate").asText()).toInstant())
                .isEqualTo(now.plus(Duration.ofDays(3)));
        server.endpoint().admin().advance(Duration.ofDays(3));
        AwsCli.Result refused = cli.run("backup", "delete-backup-vault-lock-configuration", "--backup-vault-name",
                "local-prod-vault");
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.stderr()).contains("(InvalidRequestException)", "lock date has passed");

        Path planFile = dir.resolve("plan.json");
        Files.writeString(planFile, """
                {"BackupPlanName": "daily-prod",
                 "Rules": [{"RuleName": "daily", "TargetBackupVaultName": "local-prod-vault",
                            "ScheduleExpression": "cron(0 2 ? * * *)",
                            "StartWindowMinutes": 60, "CompletionWindowMinutes": 240,
                            "Lifecycle": {"DeleteAfterDays": 35},
                            "CopyActions": [{"DestinationBackupVaultArn":
                                "arn:aws:backup:eu-west-1:999999999999:backup-vault:central-backup-vault",
                                "Lifecycle": {"DeleteAfterDays": 2555}}]}]}
                """);
        JsonNode plan = cli.json("backup", "create-backup-plan", "--backup-plan", "file://" + planFile);
        String planId = plan.get("BackupPlanId").asText();
        assertThat(plan.get("VersionId").asText()).isNotBlank();
        JsonNode got = cli.json("backup", "get-backup-plan", "--backup-plan-id", planId);
        assertThat(got.at("/BackupPlan/Rules/0/ScheduleExpression").asText()).isEqualTo("cron(0 2 ? * * *)");
        assertThat(got.at("/BackupPlan/Rules/0/CopyActions/0/Lifecycle/DeleteAfterDays").asLong()).isEqualTo(2555);

        JsonNode role = cli.json("iam", "create-role", "--role-name", "AWSBackupDefaultServiceRole",
                "--assume-role-policy-document", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                        + "\"Principal\":{\"Service\":\"backup.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}");
        Path selectionFile = dir.resolve("selection.json");
        Files.writeString(selectionFile, """
                {"SelectionName": "daily-prod-resources", "IamRoleArn": "%s",
                 "ListOfTags": [{"ConditionType": "STRINGEQUALS", "ConditionKey": "Backup",
                                 "ConditionValue": "daily-prod"}]}
                """.formatted(role.at("/Role/Arn").asText()));
        JsonNode selection = cli.json("backup", "create-backup-selection", "--backup-plan-id", planId,
                "--backup-selection", "file://" + selectionFile);
        assertThat(selection.get("BackupPlanId").asText()).isEqualTo(planId);
        JsonNode listed = cli.json("backup", "list-backup-selections", "--backup-plan-id", planId);
        assertThat(listed.at("/BackupSelectionsList/0/SelectionName").asText()).isEqualTo("daily-prod-resources");

        Files.writeString(planFile, Files.readString(planFile).replace("\"DeleteAfterDays\": 35",
                "\"MoveToColdStorageAfterDays\": 10, \"DeleteAfterDays\": 20"));
        AwsCli.Result bad = cli.run("backup", "create-backup-plan", "--backup-plan", "file://" + planFile);
        assertThat(bad.exitCode()).isNotZero();
        assertThat(bad.stderr()).contains("(InvalidParameterValueException)", "Error in rule daily : Invalid "
                + "lifecycle. DeleteAfterDays cannot be less than 90 days apart from MoveToColdStorageAfterDays");
    }
}
