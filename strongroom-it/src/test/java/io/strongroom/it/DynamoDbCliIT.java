package io.strongroom.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.strongroom.testkit.AwsCli;
import io.strongroom.testkit.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The representative DynamoDB path through the AWS CLI: a tagged table, items, a query, a scan, transactions. */
class DynamoDbCliIT {
    static final ObjectMapper JSON = new ObjectMapper();
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

    @Test
    void createPutQueryScan() throws Exception {
        JsonNode created = cli.json("dynamodb", "create-table", "--table-name", "Orders",
                "--attribute-definitions", "AttributeName=customer,AttributeType=S", "AttributeName=placed,AttributeType=N",
                "--key-schema", "AttributeName=customer,KeyType=HASH", "AttributeName=placed,KeyType=RANGE",
                "--billing-mode", "PAY_PER_REQUEST", "--tags", "Key=Backup,Value=daily");
        assertThat(created.at("/TableDescription/TableStatus").asText()).isEqualTo("ACTIVE");
        assertThat(created.at("/TableDescription/TableArn").asText())
                .isEqualTo("arn:aws:dynamodb:eu-west-1:111111111111:table/Orders");

        for (int placed = 1; placed <= 3; placed++) {
            cli.json("dynamodb", "put-item", "--table-name", "Orders", "--item",
                    "{\"customer\":{\"S\":\"ada\"},\"placed\":{\"N\":\"" + placed + "\"},\"total\":{\"N\":\""
                            + (placed * 10) + ".5\"},\"lines\":{\"L\":[{\"M\":{\"sku\":{\"S\":\"x\"}}}]}}");
        }
        cli.json("dynamodb", "put-item", "--table-name", "Orders", "--item",
                "{\"customer\":{\"S\":\"bob\"},\"placed\":{\"N\":\"1\"}}");

        JsonNode queried = cli.json("dynamodb", "query", "--table-name", "Orders",
                "--key-condition-expression", "customer = :c AND placed >= :p",
                "--expression-attribute-values", "{\":c\":{\"S\":\"ada\"},\":p\":{\"N\":\"2\"}}",
                "--no-scan-index-forward");
        assertThat(queried.get("Count").asInt()).isEqualTo(2);
        assertThat(queried.at("/Items/0/placed/N").asText()).isEqualTo("3");
        assertThat(queried.at("/Items/0/total/N").asText()).isEqualTo("30.5");
        assertThat(queried.at("/Items/0/lines/L/0/M/sku/S").asText()).isEqualTo("x");

        JsonNode scanned = cli.json("dynamodb", "scan", "--table-name", "Orders", "--filter-expression", "attribute_exists(total)");
        assertThat(scanned.get("Count").asInt()).isEqualTo(3);
        assertThat(scanned.get("ScannedCount").asInt()).isEqualTo(4);

        AwsCli.Result failed = cli.run("dynamodb", "put-item", "--table-name", "Orders", "--item",
                "{\"customer\":{\"S\":\"bob\"},\"placed\":{\"N\":\"1\"}}", "--condition-expression",
                "attribute_not_exists(customer)");
        assertThat(failed.exitCode()).isNotZero();
        assertThat(failed.stderr()).contains("ConditionalCheckFailedException", "The conditional request failed");
    }

    @Test
    void aTableWithAGlobalIndexIsQueriedByIt() {
        JsonNode created = cli.json("dynamodb", "create-table", "--table-name", "Tickets",
                "--attribute-definitions", "AttributeName=id,AttributeType=S", "AttributeName=queue,AttributeType=S",
                "AttributeName=opened,AttributeType=N", "--key-schema", "AttributeName=id,KeyType=HASH",
                "--billing-mode", "PAY_PER_REQUEST", "--global-secondary-indexes",
                "[{\"IndexName\":\"by-queue\",\"KeySchema\":[{\"AttributeName\":\"queue\",\"KeyType\":\"HASH\"},"
                        + "{\"AttributeName\":\"opened\",\"KeyType\":\"RANGE\"}],"
                        + "\"Projection\":{\"ProjectionType\":\"KEYS_ONLY\"}}]");
        assertThat(created.at("/TableDescription/GlobalSecondaryIndexes/0/IndexArn").asText())
                .isEqualTo("arn:aws:dynamodb:eu-west-1:111111111111:table/Tickets/index/by-queue");
        assertThat(created.at("/TableDescription/GlobalSecondaryIndexes/0/IndexStatus").asText()).isEqualTo("ACTIVE");
        for (int i = 1; i <= 3; i++) {
            cli.json("dynamodb", "put-item", "--table-name", "Tickets", "--item", "{\"id\":{\"S\":\"t" + i
                    + "\"},\"queue\":{\"S\":\"billing\"},\"opened\":{\"N\":\"" + (10 - i)
                    + "\"},\"title\":{\"S\":\"x\"}}");
        }
        cli.json("dynamodb", "put-item", "--table-name", "Tickets", "--item", "{\"id\":{\"S\":\"t9\"}}");

        JsonNode queried = cli.json("dynamodb", "query", "--table-name", "Tickets", "--index-name", "by-queue",
                "--key-condition-expression", "queue = :q",
                "--expression-attribute-values", "{\":q\":{\"S\":\"billing\"}}");
        assertThat(queried.get("Count").asInt()).isEqualTo(3);
        assertThat(queried.at("/Items/0/id/S").asText()).isEqualTo("t3");
        assertThat(queried.at("/Items/0/title").isMissingNode()).isTrue();

        AwsCli.Result consistent = cli.run("dynamodb", "query", "--table-name", "Tickets", "--index-name", "by-queue",
                "--key-condition-expression", "queue = :q", "--consistent-read",
                "--expression-attribute-values", "{\":q\":{\"S\":\"billing\"}}");
        assertThat(consistent.exitCode()).isNotZero();
        assertThat(consistent.stderr()).contains("Consistent reads are not supported on global secondary indexes");
    }

    @Test
    void transactionsWriteAllOrNothingAndReadInOrder() {
        cli.json("dynamodb", "create-table", "--table-name", "Stock", "--attribute-definitions",
                "AttributeName=sku,AttributeType=S", "--key-schema", "AttributeName=sku,KeyType=HASH",
                "--billing-mode", "PAY_PER_REQUEST");
        cli.json("dynamodb", "put-item", "--table-name", "Stock", "--item", "{\"sku\":{\"S\":\"bolt\"},\"count\":{\"N\":\"1\"}}");

        AwsCli.Result canceled = cli.run("dynamodb", "transact-write-items", "--transact-items",
                "[{\"Put\":{\"TableName\":\"Stock\",\"Item\":{\"sku\":{\"S\":\"nut\"}}}},"
                        + "{\"Update\":{\"TableName\":\"Stock\",\"Key\":{\"sku\":{\"S\":\"bolt\"}},"
                        + "\"UpdateExpression\":\"SET #c = #c - :two\",\"ConditionExpression\":\"#c >= :two\","
                        + "\"ExpressionAttributeNames\":{\"#c\":\"count\"},"
                        + "\"ExpressionAttributeValues\":{\":two\":{\"N\":\"2\"}}}}]");
        assertThat(canceled.exitCode()).isNotZero();
        assertThat(canceled.stderr()).contains("TransactionCanceledException", "Transaction cancelled, please refer "
                + "cancellation reasons for specific reasons [None, ConditionalCheckFailed]");

        JsonNode written = cli.json("dynamodb", "transact-write-items", "--return-consumed-capacity", "TOTAL",
                "--transact-items", "[{\"Put\":{\"TableName\":\"Stock\",\"Item\":{\"sku\":{\"S\":\"nut\"}}}},"
                        + "{\"Delete\":{\"TableName\":\"Stock\",\"Key\":{\"sku\":{\"S\":\"bolt\"}}}}]");
        assertThat(written.at("/ConsumedCapacity/0/WriteCapacityUnits").asDouble()).isEqualTo(4.0);

        JsonNode read = cli.json("dynamodb", "transact-get-items", "--transact-items",
                "[{\"Get\":{\"TableName\":\"Stock\",\"Key\":{\"sku\":{\"S\":\"bolt\"}}}},"
                        + "{\"Get\":{\"TableName\":\"Stock\",\"Key\":{\"sku\":{\"S\":\"nut\"}}}}]");
        assertThat(read.at("/Responses/0").isEmpty()).as("bolt was deleted").isTrue();
        assertThat(read.at("/Responses/1/Item/sku/S").asText()).isEqualTo("nut");
    }

    @Test
    void timeToLiveIsEnabledAndDescribed() {
        cli.json("dynamodb", "create-table", "--table-name", "Sessions", "--attribute-definitions",
                "AttributeName=id,AttributeType=S", "--key-schema", "AttributeName=id,KeyType=HASH",
                "--billing-mode", "PAY_PER_REQUEST");
        JsonNode updated = cli.json("dynamodb", "update-time-to-live", "--table-name", "Sessions",
                "--time-to-live-specification", "Enabled=true,AttributeName=expires_at");
        assertThat(updated.at("/TimeToLiveSpecification/Enabled").asBoolean()).isTrue();
        assertThat(updated.at("/TimeToLiveSpecification/AttributeName").asText()).isEqualTo("expires_at");

        JsonNode described = cli.json("dynamodb", "describe-time-to-live", "--table-name", "Sessions");
        assertThat(described.at("/TimeToLiveDescription/TimeToLiveStatus").asText()).isEqualTo("ENABLED");
        assertThat(described.at("/TimeToLiveDescription/AttributeName").asText()).isEqualTo("expires_at");

        AwsCli.Result again = cli.run("dynamodb", "update-time-to-live", "--table-name", "Sessions",
                "--time-to-live-specification", "Enabled=true,AttributeName=expires_at");
        assertThat(again.exitCode()).isNotZero();
        assertThat(again.stderr()).contains("ValidationException", "TimeToLive is already enabled");
    }

    @Test
    void updateTableAddsAQueriedIndexAndSwitchesBillingMode() {
        cli.json("dynamodb", "create-table", "--table-name", "Invoices", "--attribute-definitions",
                "AttributeName=id,AttributeType=S", "--key-schema", "AttributeName=id,KeyType=HASH",
                "--billing-mode", "PAY_PER_REQUEST");
        cli.json("dynamodb", "put-item", "--table-name", "Invoices", "--item",
                "{\"id\":{\"S\":\"i1\"},\"customer\":{\"S\":\"ada\"}}");

        JsonNode indexed = cli.json("dynamodb", "update-table", "--table-name", "Invoices",
                "--attribute-definitions", "AttributeName=customer,AttributeType=S",
                "--global-secondary-index-updates", "[{\"Create\":{\"IndexName\":\"by-customer\","
                        + "\"KeySchema\":[{\"AttributeName\":\"customer\",\"KeyType\":\"HASH\"}],"
                        + "\"Projection\":{\"ProjectionType\":\"ALL\"}}}]");
        assertThat(indexed.at("/TableDescription/TableStatus").asText()).isEqualTo("ACTIVE");
        assertThat(indexed.at("/TableDescription/GlobalSecondaryIndexes/0/IndexStatus").asText()).isEqualTo("ACTIVE");
        JsonNode queried = cli.json("dynamodb", "query", "--table-name", "Invoices", "--index-name", "by-customer",
                "--key-condition-expression", "customer = :c", "--expression-attribute-values",
                "{\":c\":{\"S\":\"ada\"}}");
        assertThat(queried.at("/Items/0/id/S").asText()).isEqualTo("i1");

        JsonNode provisioned = cli.json("dynamodb", "update-table", "--table-name", "Invoices",
                "--billing-mode", "PROVISIONED", "--provisioned-throughput", "ReadCapacityUnits=5,WriteCapacityUnits=5",
                "--global-secondary-index-updates", "[{\"Update\":{\"IndexName\":\"by-customer\","
                        + "\"ProvisionedThroughput\":{\"ReadCapacityUnits\":2,\"WriteCapacityUnits\":1}}}]");
        assertThat(provisioned.at("/TableDescription/BillingModeSummary/BillingMode").asText())
                .isEqualTo("PROVISIONED");
        assertThat(provisioned.at("/TableDescription/ProvisionedThroughput/ReadCapacityUnits").asInt()).isEqualTo(5);
        assertThat(provisioned.at("/TableDescription/GlobalSecondaryIndexes/0/ProvisionedThroughput/ReadCapacityUnits")
                .asInt()).isEqualTo(2);

        AwsCli.Result unchanged = cli.run("dynamodb", "update-table", "--table-name", "Invoices",
                "--provisioned-throughput", "ReadCapacityUnits=5,WriteCapacityUnits=5");
        assertThat(unchanged.exitCode()).isNotZero();
        assertThat(unchanged.stderr()).contains("(ValidationException) when calling the UpdateTable operation: The "
                + "provisioned throughput for the table will not change.");
    }

    @Test
    void createBackupThenRestoreTableFromBackupGivesTheItemsBack() {
        cli.json("dynamodb", "create-table", "--table-name", "Ledger", "--attribute-definitions",
                "AttributeName=id,AttributeType=S", "--key-schema", "AttributeName=id,KeyType=HASH",
                "--billing-mode", "PAY_PER_REQUEST");
        cli.json("dynamodb", "put-item", "--table-name", "Ledger", "--item", "{\"id\":{\"S\":\"l1\"}}");
        JsonNode created = cli.json("dynamodb", "create-backup", "--table-name", "Ledger", "--backup-name",
                "ledger-nightly");
        String arn = created.at("/BackupDetails/BackupArn").asText();
        assertThat(arn).matches("arn:aws:dynamodb:[a-z0-9-]+:\\d{12}:table/Ledger/backup/\\d{14}-[0-9a-f]{8}");
        assertThat(created.at("/BackupDetails/BackupStatus").asText()).isEqualTo("AVAILABLE");
        assertThat(created.at("/BackupDetails/BackupType").asText()).isEqualTo("USER");
        cli.json("dynamodb", "put-item", "--table-name", "Ledger", "--item", "{\"id\":{\"S\":\"l2\"}}");

        JsonNode listed = cli.json("dynamodb", "list-backups", "--table-name", "Ledger");
        assertThat(listed.at("/BackupSummaries/0/BackupArn").asText()).isEqualTo(arn);
        JsonNode restored = cli.json("dynamodb", "restore-table-from-backup", "--target-table-name",
                "LedgerRestored", "--backup-arn", arn);
        assertThat(restored.at("/TableDescription/TableName").asText()).isEqualTo("LedgerRestored");
        JsonNode scanned = cli.json("dynamodb", "scan", "--table-name", "LedgerRestored");
        assertThat(scanned.at("/Count").asInt()).isEqualTo(1);
        assertThat(scanned.at("/Items/0/id/S").asText()).isEqualTo("l1");

        JsonNode deleted = cli.json("dynamodb", "delete-backup", "--backup-arn", arn);
        assertThat(deleted.at("/BackupDescription/BackupDetails/BackupStatus").asText()).isEqualTo("DELETED");
        AwsCli.Result gone = cli.run("dynamodb", "describe-backup", "--backup-arn", arn);
        assertThat(gone.exitCode()).isNotZero();
        assertThat(gone.stderr()).contains("(BackupNotFoundException) when calling the DescribeBackup operation: "
                + "Backup not found: " + arn);
    }

    @Test
    void restoreTableToPointInTimeGivesTheItemsOfThatTime() {
        cli.json("dynamodb", "create-table", "--table-name", "Journal", "--attribute-definitions",
                "AttributeName=id,AttributeType=S", "--key-schema", "AttributeName=id,KeyType=HASH",
                "--billing-mode", "PAY_PER_REQUEST");
        JsonNode enabled = cli.json("dynamodb", "update-continuous-backups", "--table-name", "Journal",
                "--point-in-time-recovery-specification", "PointInTimeRecoveryEnabled=true");
        assertThat(enabled.at("/ContinuousBackupsDescription/PointInTimeRecoveryDescription/PointInTimeRecoveryStatus")
                .asText()).isEqualTo("ENABLED");
        cli.json("dynamodb", "put-item", "--table-name", "Journal", "--item", "{\"id\":{\"S\":\"j1\"}}");
        java.time.Instant between = server.endpoint().admin().advance(java.time.Duration.ofHours(1));
        server.endpoint().admin().advance(java.time.Duration.ofHours(1));
        cli.json("dynamodb", "put-item", "--table-name", "Journal", "--item", "{\"id\":{\"S\":\"j2\"}}");
        cli.json("dynamodb", "delete-item", "--table-name", "Journal", "--key", "{\"id\":{\"S\":\"j1\"}}");
        server.endpoint().admin().advance(java.time.Duration.ofMinutes(10));

        JsonNode restored = cli.json("dynamodb", "restore-table-to-point-in-time", "--source-table-name", "Journal",
                "--target-table-name", "JournalThen", "--restore-date-time", between.toString());
        assertThat(restored.at("/TableDescription/TableName").asText()).isEqualTo("JournalThen");
        assertThat(restored.at("/TableDescription/RestoreSummary/SourceTableArn").asText())
                .isEqualTo("arn:aws:dynamodb:eu-west-1:111111111111:table/Journal");
        assertThat(restored.at("/TableDescription/RestoreSummary/RestoreInProgress").asBoolean()).isFalse();
        JsonNode scanned = cli.json("dynamodb", "scan", "--table-name", "JournalThen");
        assertThat(scanned.at("/Count").asInt()).isEqualTo(1);
        assertThat(scanned.at("/Items/0/id/S").asText()).isEqualTo("j1");
        JsonNode latest = cli.json("dynamodb", "restore-table-to-point-in-time", "--source-table-name", "Journal",
                "--target-table-name", "JournalNow", "--use-latest-restorable-time");
        assertThat(latest.at("/TableDescription/TableStatus").asText()).isEqualTo("ACTIVE");
        assertThat(cli.json("dynamodb", "scan", "--table-name", "JournalNow").at("/Items/0/id/S").asText())
                .isEqualTo("j2");

        AwsCli.Result tooEarly = cli.run("dynamodb", "restore-table-to-point-in-time", "--source-table-name",
                "Journal", "--target-table-name", "JournalBefore", "--restore-date-time",
                between.minus(java.time.Duration.ofDays(1)).toString());
        assertThat(tooEarly.exitCode()).isNotZero();
        assertThat(tooEarly.stderr()).contains("(InvalidRestoreTimeException) when calling the "
                + "RestoreTableToPointInTime operation: An invalid restore time was specified.");
    }
}
