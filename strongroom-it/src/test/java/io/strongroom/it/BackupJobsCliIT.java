package io.strongroom.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.strongroom.testkit.AwsCli;
import io.strongroom.testkit.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The representative AWS Backup jobs path through the AWS CLI (an independent codec): a DynamoDB table backed up
 * on demand, restored as a new table from the recovery point's own restore metadata, holding the same items.
 */
class BackupJobsCliIT {
    static TestServer server;
    static AwsCli cli;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        cli = new AwsCli(server.endpoint());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static List<String> items(String table) {
        List<String> out = new ArrayList<>();
        cli.json("dynamodb", "scan", "--table-name", table).get("Items").forEach(i -> out.add(i.toString()));
        return out.stream().sorted().toList();
    }

    @Test
    void backupJobAndRestoreJobOfATable() {
        String tableArn = cli.json("dynamodb", "create-table", "--table-name", "Invoices",
                "--attribute-definitions", "AttributeName=id,AttributeType=S",
                "--key-schema", "AttributeName=id,KeyType=HASH", "--billing-mode", "PAY_PER_REQUEST")
                .at("/TableDescription/TableArn").asText();
        for (int i = 1; i <= 3; i++) {
            cli.json("dynamodb", "put-item", "--table-name", "Invoices", "--item",
                    "{\"id\":{\"S\":\"inv-" + i + "\"},\"total\":{\"N\":\"" + (i * 10) + ".5\"}}");
        }
        List<String> original = items("Invoices");
        assertThat(original).hasSize(3);
        String roleArn = cli.json("iam", "create-role", "--role-name", "AWSBackupDefaultServiceRole",
                "--path", "/service-role/", "--assume-role-policy-document", BackupIT.BACKUP_TRUST)
                .at("/Role/Arn").asText();
        for (String policy : List.of("AWSBackupServiceRolePolicyForBackup", "AWSBackupServiceRolePolicyForRestores")) {
            cli.json("iam", "attach-role-policy", "--role-name", "AWSBackupDefaultServiceRole", "--policy-arn",
                    "arn:aws:iam::aws:policy/service-role/" + policy);
        }
        cli.json("backup", "create-backup-vault", "--backup-vault-name", "cli-vault");

        String jobId = cli.json("backup", "start-backup-job", "--backup-vault-name", "cli-vault",
                "--resource-arn", tableArn, "--iam-role-arn", roleArn).get("BackupJobId").asText();
        server.endpoint().admin().advance(Duration.ofHours(1));
        JsonNode job = cli.json("backup", "describe-backup-job", "--backup-job-id", jobId);
        assertThat(job.get("State").asText()).isEqualTo("COMPLETED");
        assertThat(job.get("ResourceType").asText()).isEqualTo("DynamoDB");
        String pointArn = job.get("RecoveryPointArn").asText();
        assertThat(pointArn).startsWith("arn:aws:dynamodb:eu-west-1:111111111111:table/Invoices/backup/");

        cli.json("dynamodb", "delete-item", "--table-name", "Invoices", "--key", "{\"id\":{\"S\":\"inv-1\"}}");
        JsonNode metadata = cli.json("backup", "get-recovery-point-restore-metadata", "--backup-vault-name",
                "cli-vault", "--recovery-point-arn", pointArn).get("RestoreMetadata");
        ((com.fasterxml.jackson.databind.node.ObjectNode) metadata).put("targetTableName", "Invoices-restored");
        String restoreId = cli.json("backup", "start-restore-job", "--recovery-point-arn", pointArn,
                "--iam-role-arn", roleArn, "--metadata", metadata.toString()).get("RestoreJobId").asText();
        server.endpoint().admin().advance(Duration.ofHours(1));
        JsonNode restore = cli.json("backup", "describe-restore-job", "--restore-job-id", restoreId);
        assertThat(restore.get("Status").asText()).isEqualTo("COMPLETED");
        assertThat(restore.get("CreatedResourceArn").asText())
                .isEqualTo("arn:aws:dynamodb:eu-west-1:111111111111:table/Invoices-restored");
        assertThat(items("Invoices-restored")).isEqualTo(original);
        assertThat(items("Invoices")).hasSize(2);
    }
}
