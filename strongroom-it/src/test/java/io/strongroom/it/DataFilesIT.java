package io.strongroom.it;

import io.strongroom.resource.ProtectedResource;
import io.strongroom.resource.ResourceProvider;
import io.strongroom.resource.Snapshot;
import io.strongroom.server.ServerOptions;
import io.strongroom.storage.Store;
import io.strongroom.testkit.AdminClient;
import io.strongroom.testkit.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.InstanceType;
import software.amazon.awssdk.services.efs.EfsClient;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The data plane as a user sees it: an EBS volume's bytes are {@code <data>/ebs/<vol-id>.img} and an EFS file
 * system's content is {@code <data>/efs/<fs-id>/}. The tests write there with plain file I/O, as {@code dd} and
 * {@code cp} would, and read back identical data after a snapshot and a restore through the resource providers
 * (AWS Backup is not served yet, so they are driven in process).
 */
class DataFilesIT {
    private static final String ACCOUNT = "111111111111";
    private static final String REGION = "eu-west-1";

    static TestServer server;
    static Ec2Client ec2;
    static EfsClient efs;

    @TempDir
    Path temp;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        ec2 = server.endpoint().client(Ec2Client.builder());
        efs = server.endpoint().client(EfsClient.builder());
    }

    @AfterAll
    static void stop() {
        ec2.close();
        efs.close();
        server.close();
    }

    static ResourceProvider provider(TestServer s, String type) {
        return s.server().resourceProviders().stream().filter(p -> p.resourceType().equals(type)).findFirst()
                .orElseThrow();
    }

    static Path volumeFile(TestServer s, String volumeId) {
        return s.dataDir().resolve("ebs").resolve(volumeId + ".img");
    }

    static Path fileSystemDirectory(TestServer s, String fsId) {
        return s.dataDir().resolve("efs").resolve(fsId);
    }

    /** Writes {@code bytes} at {@code offset} without truncating, as {@code dd seek=... conv=notrunc} does. */
    static void writeAt(Path file, long offset, byte[] bytes) throws IOException {
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.WRITE)) {
            out.write(ByteBuffer.wrap(bytes), offset);
        }
    }

    static byte[] random(int length, long seed) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    @Test
    void volumeBytesWrittenIntoTheFileComeBackIdenticalAfterSnapshotAndRestore() throws IOException {
        String id = ec2.createVolume(r -> r.availabilityZone("eu-west-1a").size(1)).volumeId();
        Path file = volumeFile(server, id);
        assertThat(file).isRegularFile().isEmptyFile();
        writeAt(file, 0, random(64 * 1024, 1));
        writeAt(file, 10L << 20, "end of the data".getBytes());
        byte[] original = Files.readAllBytes(file);

        String arn = "arn:aws:ec2:" + REGION + ":" + ACCOUNT + ":volume/" + id;
        ResourceProvider ebs = provider(server, "EBS");
        Store store = server.server().store();
        assertThat(store.read(tx -> ebs.describe(tx, arn)).orElseThrow().sizeBytes()).isEqualTo(original.length);
        Snapshot snapshot = store.read(tx -> ebs.snapshot(tx, arn).inMemory());
        writeAt(file, 0, random(64 * 1024, 2));

        ProtectedResource restored = store.write(tx -> ebs.restore(tx, ACCOUNT, REGION, snapshot,
                Map.of("Name", "restored-volume")));
        assertThat(Files.readAllBytes(volumeFile(server, restored.name()))).isEqualTo(original);
        AdminClient admin = server.endpoint().admin();
        assertThat(admin.getEbsData(restored.name()).body()).isEqualTo(original);
        assertThat(admin.getEbsData(id).body()).isEqualTo(Files.readAllBytes(file)).isNotEqualTo(original);

        ec2.deleteVolume(r -> r.volumeId(id));
        assertThat(file).doesNotExist();
        assertThat(volumeFile(server, restored.name())).exists();
    }

    /** The admin API reads and writes the same file. */
    @Test
    void theAdminApiAndTheFileAreTheSameBytes() throws IOException {
        String id = ec2.createVolume(r -> r.availabilityZone("eu-west-1a").size(1)).volumeId();
        AdminClient admin = server.endpoint().admin();
        assertThat(admin.putEbsData(id, "from the admin API".getBytes()).status()).isEqualTo(200);
        assertThat(volumeFile(server, id)).hasContent("from the admin API");
        Files.writeString(volumeFile(server, id), "from the file");
        assertThat(new String(admin.getEbsData(id).body())).isEqualTo("from the file");
    }

    @Test
    void anInstancesRootVolumeIsSuchAFileAndGoesWithTheInstance() throws IOException {
        String image = ec2.describeImages(r -> r.owners("amazon")).images().get(0).imageId();
        var instance = ec2.runInstances(r -> r.imageId(image).instanceType(InstanceType.T3_MICRO).minCount(1)
                .maxCount(1)).instances().get(0);
        String root = instance.blockDeviceMappings().get(0).ebs().volumeId();
        Path file = volumeFile(server, root);
        writeAt(file, 0, "GRUB".getBytes());
        byte[] original = Files.readAllBytes(file);
        ResourceProvider ec2Provider = provider(server, "EC2");
        Store store = server.server().store();
        String arn = "arn:aws:ec2:" + REGION + ":" + ACCOUNT + ":instance/" + instance.instanceId();
        Snapshot snapshot = store.read(tx -> ec2Provider.snapshot(tx, arn).inMemory());

        ec2.terminateInstances(r -> r.instanceIds(instance.instanceId()));
        server.endpoint().admin().advance(Duration.ZERO);
        assertThat(file).doesNotExist();

        ProtectedResource restored = store.write(tx -> ec2Provider.restore(tx, ACCOUNT, REGION, snapshot, Map.of()));
        String copyRoot = ec2.describeInstances(r -> r.instanceIds(restored.name())).reservations().get(0)
                .instances().get(0).blockDeviceMappings().get(0).ebs().volumeId();
        assertThat(Files.readAllBytes(volumeFile(server, copyRoot))).isEqualTo(original);
    }

    @Test
    void filesWrittenIntoTheDirectoryComeBackIdenticalAfterSnapshotAndRestore() throws IOException {
        String id = efs.createFileSystem(r -> r.creationToken("user-files")).fileSystemId();
        Path root = fileSystemDirectory(server, id);
        assertThat(root).isEmptyDirectory();
        Files.createDirectories(root.resolve("srv/www"));
        Files.createDirectories(root.resolve("var/empty"));
        Files.writeString(root.resolve("srv/www/index.html"), "<h1>hello</h1>");
        Files.write(root.resolve("srv/blob.bin"), random(200_000, 3));
        Files.writeString(root.resolve("README"), "top level");
        Map<String, String> original = tree(root);
        long size = 14 + 200_000 + 9;
        assertThat(efs.describeFileSystems(r -> r.fileSystemId(id)).fileSystems().get(0).sizeInBytes().value())
                .isEqualTo(size);
        AdminClient admin = server.endpoint().admin();
        assertThat(admin.get("efs/" + id + "/files").body().get("files").toString())
                .isEqualTo("[\"README\",\"srv/blob.bin\",\"srv/www/index.html\"]");
        assertThat(new String(admin.getEfsFile(id, "srv/www/index.html").body())).isEqualTo("<h1>hello</h1>");

        String arn = "arn:aws:elasticfilesystem:" + REGION + ":" + ACCOUNT + ":file-system/" + id;
        ResourceProvider provider = provider(server, "EFS");
        Store store = server.server().store();
        Snapshot snapshot = store.read(tx -> provider.snapshot(tx, arn).inMemory());
        Files.writeString(root.resolve("README"), "changed after the backup");
        Files.delete(root.resolve("srv/www/index.html"));

        store.write(tx -> provider.restore(tx, ACCOUNT, REGION, snapshot, Map.of("file-system-id", id)));
        Path restored;
        try (Stream<Path> top = Files.list(root)) {
            restored = top.filter(p -> p.getFileName().toString().startsWith("aws-backup-restore_")).findFirst()
                    .orElseThrow();
        }
        assertThat(restored.getFileName().toString()).matches("aws-backup-restore_\\d{14}");
        assertThat(tree(restored)).isEqualTo(original);
        assertThat(root.resolve("README")).hasContent("changed after the backup");

        String copy = store.write(tx -> provider.restore(tx, ACCOUNT, REGION, snapshot,
                Map.of("newFileSystem", "true", "CreationToken", "user-files-copy"))).name();
        Path copyRoot = fileSystemDirectory(server, copy);
        try (Stream<Path> top = Files.list(copyRoot)) {
            assertThat(tree(top.findFirst().orElseThrow())).isEqualTo(original);
        }

        efs.deleteFileSystem(r -> r.fileSystemId(id));
        assertThat(root).doesNotExist();
        assertThat(copyRoot).isDirectory();
    }

    /** Every file and directory below {@code root}: path to content, directories as {@code <dir>}. */
    static Map<String, String> tree(Path root) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.filter(p -> !p.equals(root)).toList()) {
                out.put(root.relativize(p).toString(), Files.isDirectory(p) ? "<dir>"
                        : java.util.HexFormat.of().formatHex(Files.readAllBytes(p)));
            }
        }
        return out;
    }

    /** Files left by a crash (no record behind them) go at the next start; the data of live resources stays. */
    @Test
    void aRestartRemovesOrphanFilesAndKeepsTheRest() throws IOException {
        Path data = temp.resolve("data");
        String volumeId;
        String fsId;
        try (TestServer own = TestServer.start(ServerOptions.defaults(data).withPort(0));
             Ec2Client client = own.endpoint().client(Ec2Client.builder());
             EfsClient efsClient = own.endpoint().client(EfsClient.builder())) {
            volumeId = client.createVolume(r -> r.availabilityZone("eu-west-1a").size(1)).volumeId();
            fsId = efsClient.createFileSystem(r -> r.creationToken("kept")).fileSystemId();
            Files.writeString(volumeFile(own, volumeId), "kept bytes");
            Files.writeString(fileSystemDirectory(own, fsId).resolve("kept.txt"), "kept file");
        }
        Files.writeString(data.resolve("ebs/vol-0123456789abcdef0.img"), "orphan");
        Files.createDirectories(data.resolve("efs/fs-0123456789abcdef0/dir"));
        Files.createDirectories(data.resolve("efs/.restores/" + fsId + "/aws-backup-restore_20270201000000"));
        Files.writeString(data.resolve("ebs/notes.txt"), "not ours");

        try (TestServer own = TestServer.start(ServerOptions.defaults(data).withPort(0));
             Ec2Client client = own.endpoint().client(Ec2Client.builder())) {
            assertThat(data.resolve("ebs/vol-0123456789abcdef0.img")).doesNotExist();
            assertThat(data.resolve("efs/fs-0123456789abcdef0")).doesNotExist();
            assertThat(data.resolve("efs/.restores")).doesNotExist();
            assertThat(data.resolve("ebs/notes.txt")).exists();
            assertThat(volumeFile(own, volumeId)).hasContent("kept bytes");
            assertThat(fileSystemDirectory(own, fsId).resolve("kept.txt")).hasContent("kept file");
            assertThat(new String(own.endpoint().admin().getEbsData(volumeId).body())).isEqualTo("kept bytes");
            Throwable gone = catchThrowable(() -> client.describeVolumes(r -> r.volumeIds("vol-0123456789abcdef0")));
            assertThat(gone).isInstanceOf(Ec2Exception.class);
        }
    }
}
