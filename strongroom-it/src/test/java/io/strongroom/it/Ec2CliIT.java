package io.strongroom.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.strongroom.testkit.AdminClient;
import io.strongroom.testkit.AwsCli;
import io.strongroom.testkit.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The representative EC2 paths through the AWS CLI: a tagged volume, found by tag, bytes written with dd into
 * its file under the data directory;
 * tagged instances launched and found by tag, their root volumes attached and deleted on termination; AWS Backup's
 * snapshot of a volume tagged with create-tags and found by tag (D122); the account's own snapshot of a volume made
 * with create-snapshot, copied with copy-snapshot and turned back into a volume holding its bytes (D127).
 */
class Ec2CliIT {
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
    void createDescribeAndUseData() throws Exception {
        JsonNode created = cli.json("ec2", "create-volume", "--availability-zone", "eu-west-1a", "--size", "8",
                "--tag-specifications", "ResourceType=volume,Tags=[{Key=Backup,Value=daily-prod},{Key=Name,Value=db}]");
        String id = created.get("VolumeId").asText();
        assertThat(id).matches("vol-[0-9a-f]{17}");
        assertThat(created.get("State").asText()).isEqualTo("available");
        assertThat(created.get("VolumeType").asText()).isEqualTo("gp2");

        JsonNode described = cli.json("ec2", "describe-volumes", "--filters", "Name=tag:Backup,Values=daily-prod");
        assertThat(described.at("/Volumes/0/VolumeId").asText()).isEqualTo(id);
        assertThat(described.at("/Volumes/0/Size").asInt()).isEqualTo(8);
        // Without parameters the CLI itself sends MaxResults=1000 (D91).
        assertThat(cli.json("ec2", "describe-volumes").findValuesAsText("VolumeId")).contains(id);

        AwsCli.Result missing = cli.run("ec2", "describe-volumes", "--volume-ids", "vol-0123456789abcdef0");
        assertThat(missing.exitCode()).isNotZero();
        assertThat(missing.stderr()).contains("InvalidVolume.NotFound");

        // The volume's bytes are a file of the data directory: dd writes into it, the admin API reads it back.
        Path volumeFile = server.dataDir().resolve("ebs").resolve(id + ".img");
        assertThat(volumeFile).isEmptyFile();
        Path input = Files.createTempFile("sector", ".bin");
        Files.writeString(input, "boot sector");
        Process dd = new ProcessBuilder("dd", "if=" + input, "of=" + volumeFile, "bs=512", "seek=1", "conv=notrunc")
                .redirectErrorStream(true).start();
        assertThat(dd.waitFor()).as(new String(dd.getInputStream().readAllBytes())).isZero();
        byte[] expected = new byte[512 + 11];
        System.arraycopy("boot sector".getBytes(StandardCharsets.UTF_8), 0, expected, 512, 11);
        AdminClient admin = server.endpoint().admin();
        assertThat(admin.getEbsData(id).body()).isEqualTo(expected);
        admin.putEbsData(id, "sector".getBytes(StandardCharsets.UTF_8));
        assertThat(volumeFile).hasContent("sector");

        cli.json("ec2", "delete-volume", "--volume-id", id);
        assertThat(volumeFile).doesNotExist();
    }

    @Test
    void runTaggedInstancesAndFindThemByTag() throws Exception {
        String image = cli.json("ec2", "describe-images", "--owners", "amazon", "--filters",
                "Name=name,Values=al2023-ami-*", "Name=architecture,Values=x86_64").at("/Images/0/ImageId").asText();
        JsonNode run = cli.json("ec2", "run-instances", "--image-id", image, "--instance-type", "t3.micro",
                "--count", "2", "--tag-specifications",
                "ResourceType=instance,Tags=[{Key=Backup,Value=daily-prod},{Key=Name,Value=web}]",
                "ResourceType=volume,Tags=[{Key=Backup,Value=daily-prod}]");
        assertThat(run.get("ReservationId").asText()).matches("r-[0-9a-f]{17}");
        assertThat(run.get("Instances")).hasSize(2);
        assertThat(run.at("/Instances/0/State/Name").asText()).isEqualTo("pending");
        String id = run.at("/Instances/0/InstanceId").asText();
        String rootVolume = run.at("/Instances/0/BlockDeviceMappings/0/Ebs/VolumeId").asText();

        JsonNode described = cli.json("ec2", "describe-instances", "--filters", "Name=tag:Backup,Values=daily-prod",
                "Name=instance-state-name,Values=running");
        assertThat(described.get("Reservations")).hasSize(1);
        assertThat(described.at("/Reservations/0/Instances")).hasSize(2);
        assertThat(described.at("/Reservations/0/Instances/0/InstanceId").asText()).isEqualTo(id);
        assertThat(described.at("/Reservations/0/Instances/0/Placement/AvailabilityZone").asText())
                .isEqualTo("eu-west-1a");

        JsonNode volumes = cli.json("ec2", "describe-volumes", "--filters", "Name=attachment.instance-id,Values=" + id);
        assertThat(volumes.at("/Volumes/0/VolumeId").asText()).isEqualTo(rootVolume);
        assertThat(volumes.at("/Volumes/0/Attachments/0/State").asText()).isEqualTo("attached");

        JsonNode terminated = cli.json("ec2", "terminate-instances", "--instance-ids", id);
        assertThat(terminated.at("/TerminatingInstances/0/CurrentState/Name").asText()).isEqualTo("shutting-down");
        AwsCli.Result gone = cli.run("ec2", "describe-volumes", "--volume-ids", rootVolume);
        assertThat(gone.stderr()).contains("InvalidVolume.NotFound");

        AwsCli.Result unknown = cli.run("ec2", "run-instances", "--image-id", "ami-0123456789abcdef0", "--count", "1");
        assertThat(unknown.exitCode()).isNotZero();
        assertThat(unknown.stderr()).contains("InvalidAMIID.NotFound", "ami-0123456789abcdef0");
    }

    @Test
    void tagAwsBackupsSnapshotAndFindItByTag() {
        String account = cli.json("sts", "get-caller-identity").get("Account").asText();
        String role = BackupJobsIT.defaultServiceRole(server, server.endpoint().rootCredentials());
        String volume = cli.json("ec2", "create-volume", "--availability-zone", "eu-west-1a", "--size", "1",
                "--tag-specifications", "ResourceType=volume,Tags=[{Key=Name,Value=cli-data}]").get("VolumeId")
                .asText();
        cli.json("backup", "create-backup-vault", "--backup-vault-name", "cli-vault");
        String job = cli.json("backup", "start-backup-job", "--backup-vault-name", "cli-vault", "--iam-role-arn",
                role, "--resource-arn", "arn:aws:ec2:eu-west-1:" + account + ":volume/" + volume).get("BackupJobId")
                .asText();
        server.endpoint().admin().advance(java.time.Duration.ofHours(1));
        String point = cli.json("backup", "describe-backup-job", "--backup-job-id", job).get("RecoveryPointArn")
                .asText();
        String snapshot = point.substring(point.lastIndexOf('/') + 1);

        AwsCli.Result tagged = cli.run("ec2", "create-tags", "--resources", snapshot, "--tags",
                "Key=Owner,Value=cli-team", "Key=Name,Value=cli-data-nightly");
        assertThat(tagged.exitCode()).as(tagged.stderr()).isZero();
        AwsCli.Result found = cli.run("ec2", "describe-snapshots", "--owner-ids", "self", "--filters",
                "Name=tag:Owner,Values=cli-*", "--query", "Snapshots[].[SnapshotId,VolumeId,Tags[?Key=='Name'].Value"
                        + " | [0]]", "--output", "text");
        assertThat(found.exitCode()).as(found.stderr()).isZero();
        assertThat(found.stdout().strip()).isEqualTo(snapshot + "\t" + volume + "\tcli-data-nightly");
        JsonNode tags = cli.json("ec2", "describe-tags", "--filters", "Name=resource-type,Values=snapshot",
                "Name=key,Values=Owner");
        assertThat(tags.at("/Tags/0/ResourceId").asText()).isEqualTo(snapshot);
        assertThat(tags.at("/Tags/0/ResourceType").asText()).isEqualTo("snapshot");
        assertThat(tags.at("/Tags/0/Value").asText()).isEqualTo("cli-team");

        AwsCli.Result unknown = cli.run("ec2", "create-tags", "--resources", "snap-0123456789abcdef0", "--tags",
                "Key=Owner,Value=cli-team");
        assertThat(unknown.exitCode()).isNotZero();
        assertThat(unknown.stderr()).contains("InvalidSnapshot.NotFound",
                "The snapshot 'snap-0123456789abcdef0' does not exist.");
    }

    @Test
    void createSnapshotThenCreateVolumeFromItGivesTheBytesBack() throws Exception {
        String volume = cli.json("ec2", "create-volume", "--availability-zone", "eu-west-1a", "--size", "2")
                .get("VolumeId").asText();
        Path volumeFile = server.dataDir().resolve("ebs").resolve(volume + ".img");
        Path input = Files.createTempFile("ledger", ".bin");
        Files.writeString(input, "ledger of the night");
        Process dd = new ProcessBuilder("dd", "if=" + input, "of=" + volumeFile, "bs=512", "seek=3", "conv=notrunc")
                .redirectErrorStream(true).start();
        assertThat(dd.waitFor()).as(new String(dd.getInputStream().readAllBytes())).isZero();
        byte[] expected = Files.readAllBytes(volumeFile);

        JsonNode created = cli.json("ec2", "create-snapshot", "--volume-id", volume, "--description", "nightly",
                "--tag-specifications", "ResourceType=snapshot,Tags=[{Key=Team,Value=cli-nightly}]");
        String snapshot = created.get("SnapshotId").asText();
        assertThat(snapshot).matches("snap-[0-9a-f]{17}");
        assertThat(created.get("State").asText()).isEqualTo("pending");
        assertThat(created.get("VolumeId").asText()).isEqualTo(volume);
        assertThat(created.get("VolumeSize").asInt()).isEqualTo(2);
        assertThat(created.at("/Tags/0/Value").asText()).isEqualTo("cli-nightly");
        Files.writeString(volumeFile, "overwritten after the snapshot");

        server.endpoint().admin().advance(java.time.Duration.ofMinutes(2));
        AwsCli.Result listed = cli.run("ec2", "describe-snapshots", "--owner-ids", "self", "--filters",
                "Name=tag:Team,Values=cli-nightly", "--query", "Snapshots[].[SnapshotId,State,Description]",
                "--output", "text");
        assertThat(listed.exitCode()).as(listed.stderr()).isZero();
        assertThat(listed.stdout().strip()).isEqualTo(snapshot + "\tcompleted\tnightly");

        JsonNode fromSnapshot = cli.json("ec2", "create-volume", "--availability-zone", "eu-west-1b",
                "--snapshot-id", snapshot);
        assertThat(fromSnapshot.get("SnapshotId").asText()).isEqualTo(snapshot);
        assertThat(fromSnapshot.get("Size").asInt()).isEqualTo(2);
        assertThat(server.endpoint().admin().getEbsData(fromSnapshot.get("VolumeId").asText()).body())
                .isEqualTo(expected);

        AwsCli.Result smaller = cli.run("ec2", "create-volume", "--availability-zone", "eu-west-1b", "--snapshot-id",
                snapshot, "--size", "1");
        assertThat(smaller.exitCode()).isNotZero();
        assertThat(smaller.stderr()).contains("InvalidParameterValue", "is smaller than snapshot");
        JsonNode copied = cli.json("ec2", "copy-snapshot", "--source-snapshot-id", snapshot, "--source-region",
                "eu-west-1", "--description", "cli copy");
        String copy = copied.get("SnapshotId").asText();
        assertThat(copy).matches("snap-[0-9a-f]{17}").isNotEqualTo(snapshot);
        assertThat(cli.json("ec2", "describe-snapshots", "--snapshot-ids", copy).at("/Snapshots/0/Description")
                .asText()).isEqualTo("cli copy");
        AwsCli.Result deleted = cli.run("ec2", "delete-snapshot", "--snapshot-id", snapshot);
        assertThat(deleted.exitCode()).as(deleted.stderr()).isZero();
        AwsCli.Result gone = cli.run("ec2", "describe-snapshots", "--snapshot-ids", snapshot);
        assertThat(gone.exitCode()).isNotZero();
        assertThat(gone.stderr()).contains("InvalidSnapshot.NotFound");
    }
}
