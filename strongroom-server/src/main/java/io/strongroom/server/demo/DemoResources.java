package io.strongroom.server.demo;

import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.s3.S3Client;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * The data of the estate: in each production account a DynamoDB table, an S3 bucket and an EBS volume tagged with a
 * backup tier (one untagged bucket in reports, as a real estate has), in payments an RDS database with real rows; in
 * the accounts with no backup strategy, untagged resources.
 */
final class DemoResources {
    static final String PAYMENTS_DB = "payments-db";
    static final String PAYMENTS_USER = "payments";
    static final String PAYMENTS_PASSWORD = "PaymentsDemo123";
    private static final Map<String, String> TABLE_TIER = Map.of("payments", "daily-prod", "ledger", "compliance-7y",
            "customer-api", "daily-prod", "reports", "daily-prod");
    private final DemoClients clients;
    private int paymentsPort;

    DemoResources(DemoClients clients) {
        this.clients = clients;
    }

    int paymentsDatabase() {
        return paymentsPort;
    }

    void production(String name, String accountId, AwsCredentials root) {
        table(root, name + "-records", TABLE_TIER.get(name), 20);
        bucket(root, name + "-data-" + accountId, "daily-prod");
        if (name.equals("reports")) {
            bucket(root, "reports-scratch-" + accountId, null);
        }
        try (Ec2Client ec2 = clients.client(Ec2Client.builder(), root)) {
            String volume = ec2.createVolume(r -> r.availabilityZone(DemoPolicies.REGION + "a").size(1)
                    .tagSpecifications(t -> t.resourceType(ResourceType.VOLUME).tags(
                            software.amazon.awssdk.services.ec2.model.Tag.builder().key("Backup").value("monthly-prod")
                                    .build(),
                            software.amazon.awssdk.services.ec2.model.Tag.builder().key("Name").value(name + "-data")
                                    .build()))).volumeId();
            clients.writeVolume(volume, (name + " volume contents\n").getBytes(StandardCharsets.UTF_8));
        }
        if (name.equals("payments")) {
            paymentsPort = paymentsDatabase(root);
        }
    }

    void untagged(String name, String accountId, AwsCredentials root) {
        table(root, name + "-jobs", null, 5);
        bucket(root, name + "-exports-" + accountId, null);
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
                s3.putBucketTagging(r -> r.bucket(bucket).tagging(t -> t.tagSet(
                        software.amazon.awssdk.services.s3.model.Tag.builder().key("Backup").value(tier).build())));
            }
            s3.putObject(r -> r.bucket(bucket).key("README.txt"), RequestBody.fromString("data of " + bucket + "\n"));
        }
    }

    /** payments-db: an RDS PostgreSQL instance with 100 payments, written over its PostgreSQL endpoint. */
    private int paymentsDatabase(AwsCredentials root) {
        int port;
        try (RdsClient rds = clients.client(RdsClient.builder(), root)) {
            port = rds.createDBInstance(r -> r.dbInstanceIdentifier(PAYMENTS_DB).dbInstanceClass("db.t3.micro")
                    .engine("postgres").allocatedStorage(20).masterUsername(PAYMENTS_USER)
                    .masterUserPassword(PAYMENTS_PASSWORD).dbName("payments")
                    .tags(t -> t.key("Backup").value("daily-prod"))).dbInstance().endpoint().port();
        }
        try (Connection db = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/payments",
                PAYMENTS_USER, PAYMENTS_PASSWORD)) {
            try (Statement s = db.createStatement()) {
                s.execute("CREATE TABLE payment (id INT PRIMARY KEY, customer TEXT NOT NULL, "
                        + "amount_cents INT NOT NULL, status TEXT NOT NULL)");
            }
            try (PreparedStatement insert = db.prepareStatement("INSERT INTO payment VALUES (?, ?, ?, ?)")) {
                for (int i = 1; i <= 100; i++) {
                    insert.setInt(1, i);
                    insert.setString(2, "customer-" + (i % 17));
                    insert.setInt(3, 1000 + i * 37);
                    insert.setString(4, i % 10 == 0 ? "refunded" : "settled");
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not fill payments-db: " + e.getMessage(), e);
        }
        return port;
    }
}
