package io.strongroom.benchmarks;

import io.strongroom.testkit.Endpoint;
import io.strongroom.testkit.ServerProcess;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.services.backup.BackupClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.iam.IamClient;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/**
 * AWS Backup jobs end to end through the API, against the server started as users start it ({@code ./strongroom
 * serve}, simulated clock): {@code --tables N} small DynamoDB tables (each {@code --items} items) backed up by N
 * StartBackupJob calls from {@code --threads} clients, the clock advanced until every job is COMPLETED, then
 * restored by N StartRestoreJob calls and an advance until every restore is COMPLETED; and one volume of
 * {@code --volume-mib} MiB of random bytes (written into its data file, as {@code dd} would) backed up and restored
 * the same way, the restored volume's bytes compared with the original's by SHA-256. Jobs per second and MB/s are
 * over the wall time from the first Start call to the last job seen COMPLETED; the data is what the jobs report
 * (BackupSizeInBytes).
 *
 * <pre>java -cp strongroom-benchmarks/target/benchmarks.jar io.strongroom.benchmarks.BackupJobHarness
 *     [--tables 1000] [--items 10] [--threads 4] [--volume-mib 1024] [--data DIR]</pre>
 */
public final class BackupJobHarness {
    private static final String TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"Service\":\"backup.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";
    private static final String VAULT = "bench-vault";

    private BackupJobHarness() {
    }

    public static void main(String[] args) throws Exception {
        HarnessArgs options = HarnessArgs.parse(args, HarnessArgs.defaults("tables", "1000", "items", "10", "threads",
                "4", "volume-mib", "1024", "data", null));
        int tables = options.integer("tables");
        int items = options.integer("items");
        int threads = options.integer("threads");
        int volumeMib = options.integer("volume-mib");
        Path data = options.path("data");
        Path dir = data != null ? data : Files.createTempDirectory("strongroom-backup-bench");
        try (ServerProcess server = ServerProcess.start(dir)) {
            Endpoint endpoint = server.endpoint();
            String role = setUp(endpoint);
            System.out.printf(Locale.ROOT, "commit %s, %d cores%n", commit(),
                    Runtime.getRuntime().availableProcessors());
            if (tables > 0) {
                tables(endpoint, role, tables, items, threads);
            }
            if (volumeMib > 0) {
                volume(endpoint, role, volumeMib);
            }
        }
    }

    private static String setUp(Endpoint endpoint) {
        try (IamClient iam = endpoint.client(IamClient.builder()); BackupClient backup = backup(endpoint)) {
            String role = iam.createRole(r -> r.roleName("AWSBackupDefaultServiceRole").path("/service-role/")
                    .assumeRolePolicyDocument(TRUST)).role().arn();
            for (String policy : List.of("AWSBackupServiceRolePolicyForBackup",
                    "AWSBackupServiceRolePolicyForRestores")) {
                iam.attachRolePolicy(r -> r.roleName("AWSBackupDefaultServiceRole")
                        .policyArn("arn:aws:iam::aws:policy/service-role/" + policy));
            }
            backup.createBackupVault(r -> r.backupVaultName(VAULT));
            return role;
        }
    }

    private static BackupClient backup(Endpoint endpoint) {
        return endpoint.client(BackupClient.builder());
    }

    private static void tables(Endpoint endpoint, String role, int count, int items, int threads) throws Exception {
        List<String> arns = new ArrayList<>();
        try (DynamoDbClient ddb = endpoint.client(DynamoDbClient.builder())) {
            SplittableRandom random = new SplittableRandom(7);
            for (int t = 0; t < count; t++) {
                String name = "bench-" + t;
                arns.add(ddb.createTable(r -> r.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
                        .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH))
                        .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S)))
                        .tableDescription().tableArn());
                for (int i = 0; i < items; i++) {
                    String pk = "item-" + i;
                    String payload = Long.toHexString(random.nextLong()).repeat(8);
                    ddb.putItem(r -> r.tableName(name).item(Map.of("pk", AttributeValue.fromS(pk),
                            "payload", AttributeValue.fromS(payload))));
                }
            }
        }
        Result backups = run(endpoint, threads, count, i -> backup(endpoint).startBackupJob(r -> r
                .backupVaultName(VAULT).resourceArn(arns.get(i)).iamRoleArn(role)).backupJobId(), true);
        report("backup", count + " DynamoDB tables x " + items + " items", backups);
        List<String> points = new ArrayList<>();
        try (BackupClient backup = backup(endpoint)) {
            for (String job : backups.jobIds()) {
                points.add(backup.describeBackupJob(r -> r.backupJobId(job)).recoveryPointArn());
            }
        }
        Result restores = run(endpoint, threads, count, i -> backup(endpoint).startRestoreJob(r -> r
                .recoveryPointArn(points.get(i)).iamRoleArn(role)
                .metadata(Map.of("targetTableName", "restored-" + i))).restoreJobId(), false);
        report("restore", count + " DynamoDB tables x " + items + " items", restores);
    }

    private static void volume(Endpoint endpoint, String role, int mib) throws Exception {
        String volumeId;
        try (Ec2Client ec2 = endpoint.client(Ec2Client.builder())) {
            int gib = Math.max(1, (mib + 1023) / 1024);
            volumeId = ec2.createVolume(r -> r.availabilityZone("eu-west-1a").size(gib)).volumeId();
        }
        Path image = endpoint.dataDir().resolve("ebs").resolve(volumeId + ".img");
        String original = fill(image, (long) mib << 20);
        String accountArn = volumeArn(endpoint, volumeId);
        Result backups = run(endpoint, 1, 1, i -> backup(endpoint).startBackupJob(r -> r.backupVaultName(VAULT)
                .resourceArn(accountArn).iamRoleArn(role)).backupJobId(), true);
        report("backup", "one EBS volume of " + mib + " MiB", backups);
        String point;
        try (BackupClient backup = backup(endpoint)) {
            point = backup.describeBackupJob(r -> r.backupJobId(backups.jobIds().get(0))).recoveryPointArn();
        }
        Result restores = run(endpoint, 1, 1, i -> backup(endpoint).startRestoreJob(r -> r.recoveryPointArn(point)
                .iamRoleArn(role).metadata(Map.of("availabilityZone", "eu-west-1a"))).restoreJobId(), false);
        report("restore", "one EBS volume of " + mib + " MiB", restores);
        try (BackupClient backup = backup(endpoint)) {
            String created = backup.describeRestoreJob(r -> r.restoreJobId(restores.jobIds().get(0)))
                    .createdResourceArn();
            String restoredId = created.substring(created.lastIndexOf('/') + 1);
            String copy = sha256(endpoint.dataDir().resolve("ebs").resolve(restoredId + ".img"));
            System.out.println("restored volume " + restoredId + (copy.equals(original) ? " equals" : " DIFFERS from")
                    + " the original (SHA-256 " + original.substring(0, 16) + "...)");
        }
    }

    /** The volume's ARN: it belongs to the management account the harness runs as. */
    private static String volumeArn(Endpoint endpoint, String volumeId) {
        try (software.amazon.awssdk.services.sts.StsClient sts = endpoint.client(
                     software.amazon.awssdk.services.sts.StsClient.builder())) {
            String account = sts.getCallerIdentity().account();
            return "arn:aws:ec2:eu-west-1:" + account + ":volume/" + volumeId;
        }
    }

    /** What one batch of jobs took: ids, wall seconds from the first start to the last completion, bytes. */
    record Result(List<String> jobIds, double startSeconds, double totalSeconds, long bytes) {
    }

    private static Result run(Endpoint endpoint, int threads, int count, IntFunction<String> start, boolean backups)
            throws Exception {
        long t0 = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<String>> futures = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int n = i;
            futures.add(pool.submit(() -> start.apply(n)));
        }
        List<String> ids = new ArrayList<>();
        for (Future<String> f : futures) {
            ids.add(f.get());
        }
        pool.shutdown();
        double started = (System.nanoTime() - t0) / 1e9;
        endpoint.admin().advance(Duration.ofHours(2));
        long bytes = 0;
        try (BackupClient backup = backup(endpoint)) {
            for (String id : ids) {
                if (backups) {
                    var job = backup.describeBackupJob(r -> r.backupJobId(id));
                    if (!"COMPLETED".equals(job.stateAsString())) {
                        throw new IllegalStateException("backup job " + id + " is " + job.stateAsString() + ": "
                                + job.statusMessage());
                    }
                    bytes += job.backupSizeInBytes();
                } else {
                    var job = backup.describeRestoreJob(r -> r.restoreJobId(id));
                    if (!"COMPLETED".equals(job.statusAsString())) {
                        throw new IllegalStateException("restore job " + id + " is " + job.statusAsString() + ": "
                                + job.statusMessage());
                    }
                    bytes += job.backupSizeInBytes();
                }
            }
        }
        return new Result(ids, started, (System.nanoTime() - t0) / 1e9, bytes);
    }

    private static void report(String kind, String what, Result r) {
        System.out.printf(Locale.ROOT, "%-7s %-40s %6d jobs  %8.2f s  %8.1f jobs/s  %8.1f MB/s  (start calls %.2f s)%n",
                kind, what, r.jobIds().size(), r.totalSeconds(), r.jobIds().size() / r.totalSeconds(),
                r.bytes() / 1e6 / r.totalSeconds(), r.startSeconds());
    }

    private static String fill(Path image, long bytes) throws IOException {
        MessageDigest sha = sha();
        SplittableRandom random = new SplittableRandom(11);
        byte[] block = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(image)) {
            for (long written = 0; written < bytes; written += block.length) {
                for (int i = 0; i < block.length; i += 8) {
                    long v = random.nextLong();
                    for (int b = 0; b < 8; b++) {
                        block[i + b] = (byte) (v >>> (8 * b));
                    }
                }
                out.write(block);
                sha.update(block);
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static String sha256(Path file) throws IOException {
        MessageDigest sha = sha();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 20];
            for (int n; (n = in.read(buffer)) > 0; ) {
                sha.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static MessageDigest sha() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String commit() {
        try {
            Process git = new ProcessBuilder("git", "rev-parse", "--short", "HEAD").start();
            return new String(git.getInputStream().readAllBytes()).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
