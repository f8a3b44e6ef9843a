package io.strongroom.server.demo;

import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.s3.S3Client;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The data of the estate, tagged {@code Backup} with a tier as its teams chose (daily-prod, monthly-prod,
 * compliance-7y) or untagged. In each production account: a DynamoDB table, an S3 bucket, an EBS data volume and an
 * EC2 instance (instances and volumes monthly, as estates commonly snapshot them); in payments the RDS database
 * payments-db (daily); in ledger the Aurora cluster ledger-db (daily) and the EFS file system ledger-statements
 * (daily); in customer-api the EFS file system customer-api-uploads (monthly); in reports one untagged bucket. In the
 * two accounts with no backup strategy: an untagged table and bucket, and an untagged instance (legacy-batch) or
 * file system (analytics-staging).
 */
final class DemoResources {
    private static final Map<String, String> TABLE_TIER = Map.of("payments", "daily-prod", "ledger", "compliance-7y",
            "customer-api", "daily-prod", "reports", "daily-prod");
    private static final Map<String, String> INSTANCE = Map.of("payments", "payments-api", "ledger", "ledger-worker",
            "customer-api", "customer-api-web", "reports", "reports-renderer", "legacy-batch", "legacy-batch-runner");
    private final DemoClients clients;
    private final DemoEc2 ec2;
    private final DemoFileSystems fileSystems;
    private final DemoDatabases databases;
    private final List<DemoDatabases.Database> made = new ArrayList<>();

    DemoResources(DemoClients clients) {
        this.clients = clients;
        this.ec2 = new DemoEc2(clients);
        this.fileSystems = new DemoFileSystems(clients);
        this.databases = new DemoDatabases(clients);
    }

    /** The SQL databases made, for the demo's summary. */
    List<DemoDatabases.Database> databases() {
        return List.copyOf(made);
    }

    /** A resource's tags: its Name and, unless tier is null, its Backup tier. */
    static Map<String, String> nameAndTier(String name, String tier) {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("Name", name);
        if (tier != null) {
            tags.put("Backup", tier);
        }
        return tags;
    }

    void production(String name, String accountId, AwsCredentials root) {
        table(root, name + "-records", TABLE_TIER.get(name), 20);
        bucket(root, name + "-data-" + accountId, "daily-prod");
        if (name.equals("reports")) {
            bucket(root, "reports-scratch-" + accountId, null);
        }
        ec2.volume(root, name + "-data", "monthly-prod");
        ec2.instance(root, INSTANCE.get(name), "t3.small", "monthly-prod");
        switch (name) {
            case "payments" -> made.add(databases.payments(root));
            case "ledger" -> {
                made.add(databases.ledger(root));
                fileSystems.create(root, "ledger-statements", "daily-prod", Map.of(
                        "statements/2026-12/summary.csv", "account,debit_cents,credit_cents\nreceivables,81250,0\n",
                        "statements/2027-01/summary.csv", "account,debit_cents,credit_cents\nrevenue,0,81237\n",
                        "README.txt", "Month-end statements of the ledger, kept seven years.\n"));
            }
            case "customer-api" -> fileSystems.create(root, "customer-api-uploads", "monthly-prod", Map.of(
                    "uploads/customer-0001/avatar.txt", "a small avatar\n",
                    "exports/2027-01-31.json", "{\"customers\":1742}\n"));
        }
    }

    void untagged(String name, String accountId, AwsCredentials root) {
        table(root, name + "-jobs", null, 5);
        bucket(root, name + "-exports-" + accountId, null);
        if (INSTANCE.containsKey(name)) {
            ec2.instance(root, INSTANCE.get(name), "t3.micro", null);
        } else {
            fileSystems.create(root, name + "-scratch", null, Map.of("notebooks/churn.txt", "scratch work\n"));
        }
    }

    private void table(AwsCredentials root, String table, String tier, int items) {
        try (DynamoDbClient ddb = clients.client(DynamoDbClient.builder(), root)) {
            ddb.createTable(r -> {
                r.tableName(table).billingMode(BillingMode.PAY_PER_REQUEST)
                        .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH))
                        .attributeDefinitions(a -> a.attributeName("id").attributeType(ScalarAttributeType.S));
                if (tier != null) {
                    r.tags(t -> t.key("Backup").value(tier));
                }
            });
            for (int i = 1; i <= items; i++) {
                String id = String.format("%04d", i);
                ddb.putItem(r -> r.tableName(table).item(Map.of("id", AttributeValue.fromS(id),
                        "value", AttributeValue.fromN(id))));
            }
        }
    }

    private void bucket(AwsCredentials root, String bucket, String tier) {
        try (S3Client s3 = clients.client(S3Client.builder().forcePathStyle(true), root)) {
            s3.createBucket(r -> r.bucket(bucket).createBucketConfiguration(c -> c
                    .locationConstraint(DemoPolicies.REGION)));
            if (tier != null) {
                // AWS Backup backs up only versioned buckets
                s3.putBucketVersioning(r -> r.bucket(bucket).versioningConfiguration(v -> v
                        .status(software.amazon.awssdk.services.s3.model.BucketVersioningStatus.ENABLED)));
                s3.putBucketTagging(r -> r.bucket(bucket).tagging(t -> t.tagSet(
                        software.amazon.awssdk.services.s3.model.Tag.builder().key("Backup").value(tier).build())));
            }
            s3.putObject(r -> r.bucket(bucket).key("README.txt"), RequestBody.fromString("data of " + bucket + "\n"));
        }
    }
}
