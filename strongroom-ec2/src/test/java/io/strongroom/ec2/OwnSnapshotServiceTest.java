package io.strongroom.ec2;

import io.strongroom.kernel.ServiceException;
import io.strongroom.storage.Store;
import io.strongroom.storage.Timer;
import io.strongroom.storage.jdbc.StoreFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The account's own snapshots (D127) against a temporary SQLite store: their bytes in a file written before the record
 * commits, completion on the timer, deletion after commit, orphan files removed at start-up, and how SnapshotService
 * shows them beside AWS Backup's.
 */
class OwnSnapshotServiceTest {
    static final String ACCOUNT = "222222222222";
    static final String REGION = "eu-west-1";
    static final Instant NOW = Instant.parse("2027-03-01T02:00:00Z");
    static final Snapshot BACKUPS = new Snapshot("snap-0ccccccccccccccc0", "vol-0abc", "completed", NOW, ACCOUNT,
            "This snapshot is created by the AWS Backup service.", 1, false, null, "standard", Map.of());

    @TempDir
    Path dir;
    Store store;
    Ec2Service volumes;
    OwnSnapshotService own;
    SnapshotService snapshots;

    @BeforeEach
    void open() {
        store = StoreFactory.open(dir.resolve("store.db").toString());
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        // Ids from a store sequence, as the server's: a rolled-back transaction hands its id out again.
        volumes = new Ec2Service(clock, tx -> String.format("%017x", tx.nextSequence("ids")), dir.resolve("ebs"));
        own = new OwnSnapshotService(volumes, clock, tx -> String.format("%017x", tx.nextSequence("ids")),
                dir.resolve("ebs-snapshots"));
        snapshots = new SnapshotService((tx, account, region) -> account.equals(ACCOUNT) ? List.of(BACKUPS)
                : List.of(), (tx, account, region) -> List.of(), own);
    }

    @AfterEach
    void close() {
        store.close();
    }

    Volume volume(byte[] bytes) {
        return store.write(tx -> {
            Volume v = volumes.createVolume(tx, ACCOUNT, REGION, new Inputs.CreateVolume(REGION + "a", 1, null, null,
                    null, null, null, Map.of()));
            volumes.putData(tx, v.id(), bytes);
            return v;
        });
    }

    List<OwnSnapshot> listed(String account, String region) {
        return store.read(tx -> own.list(tx, account, region));
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aSnapshotKeepsTheBytesUpToTheLastNonZeroOneAndCompletesOnItsTimer() throws Exception {
        byte[] written = new byte[4096];
        System.arraycopy(bytes("boot"), 0, written, 100, 4);
        Volume v = volume(written);

        OwnSnapshot s = store.write(tx -> own.create(tx, ACCOUNT, REGION, v.id(), null, Map.of("Team", "a")));

        assertThat(s.state()).isEqualTo("pending");
        assertThat(s.description()).isEmpty();
        assertThat(s.length()).isEqualTo(104);
        assertThat(Files.readAllBytes(own.dataFile(s.id()))).isEqualTo(java.util.Arrays.copyOf(written, 104));
        assertThat(s.completeTime()).isEqualTo(NOW.plus(Duration.ofMinutes(1)).plusMillis(1));
        List<Timer> due = store.write(tx -> tx.timers().due(s.completeTime(), 10));
        assertThat(due).extracting(Timer::type).containsExactly(OwnSnapshotService.TIMER);
        List<Timer> early = store.write(tx -> tx.timers().due(s.completeTime().minusMillis(1), 10));
        assertThat(early).isEmpty();

        store.write(tx -> {
            own.onTimer(tx, due.get(0).payload());
            return null;
        });
        assertThat(store.read(tx -> own.find(tx, ACCOUNT, REGION, s.id())).orElseThrow().state())
                .isEqualTo("completed");
        java.util.Optional<OwnSnapshot> other = store.read(tx -> own.find(tx, "333333333333", REGION, s.id()));
        assertThat(other).as("another account's").isEmpty();
    }

    @Test
    void theTransferTimeIsAMinutePlusTheBytesAtAHundredMebibytesASecond() {
        assertThat(OwnSnapshotService.transferTime(0)).isEqualTo(Duration.ofMinutes(1));
        assertThat(OwnSnapshotService.transferTime(100L * 1024 * 1024 * 30)).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void aRolledBackCreateOrCopyLeavesNoFileAndARolledBackDeleteKeepsTheBytes() throws Exception {
        Volume v = volume(bytes("data"));
        String[] id = new String[1];
        assertThatThrownBy(() -> store.write(tx -> {
            id[0] = own.create(tx, ACCOUNT, REGION, v.id(), "lost", Map.of()).id();
            assertThat(own.dataFile(id[0])).as("written before the commit").exists();
            throw new IllegalStateException("the call failed after the bytes were written");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(own.dataFile(id[0])).as("removed at once, not at the next start").doesNotExist();
        // The same id is handed out again, and its file is the new snapshot's.
        OwnSnapshot source = store.write(tx -> own.create(tx, ACCOUNT, REGION, v.id(), "source", Map.of()));
        assertThat(source.id()).isEqualTo(id[0]);
        assertThat(Files.readAllBytes(own.dataFile(source.id()))).isEqualTo(bytes("data"));
        store.write(tx -> {
            own.onTimer(tx, source.id().getBytes(StandardCharsets.UTF_8));
            return null;
        });
        assertThatThrownBy(() -> store.write(tx -> {
            id[0] = own.copy(tx, ACCOUNT, REGION, source.id(), REGION, null, null, null, Map.of()).id();
            throw new IllegalStateException("the copy failed after the bytes were written");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(own.dataFile(id[0])).doesNotExist();
        assertThat(own.dataFile(source.id())).exists();

        OwnSnapshot kept = store.write(tx -> own.create(tx, ACCOUNT, REGION, v.id(), "kept", Map.of()));
        assertThatThrownBy(() -> store.write(tx -> {
            snapshots.delete(tx, ACCOUNT, REGION, kept.id());
            throw new IllegalStateException("rolled back");
        })).isInstanceOf(IllegalStateException.class);
        store.write(tx -> {
            own.reconcile(tx);
            return null;
        });
        assertThat(own.dataFile(kept.id())).exists();
        store.write(tx -> {
            snapshots.delete(tx, ACCOUNT, REGION, kept.id());
            return null;
        });
        assertThat(own.dataFile(kept.id())).doesNotExist();
        java.util.Optional<OwnSnapshot> gone = store.read(tx -> own.find(tx, ACCOUNT, REGION, kept.id()));
        assertThat(gone).isEmpty();
    }

    @Test
    void theAccountsSnapshotsAreListedFromItsIndexWhichStartUpBuildsForAStoreKeptWithoutIt() {
        Volume v = volume(bytes("data"));
        OwnSnapshot mine = store.write(tx -> own.create(tx, ACCOUNT, REGION, v.id(), "mine", Map.of()));
        // A snapshot as a store kept before the index existed: its record only.
        OwnSnapshot older = new OwnSnapshot(ACCOUNT, REGION, "snap-00000000000000000", v.id(), 1, "older", NOW, NOW,
                OwnSnapshot.COMPLETED, false, null, 0, Map.of());
        OwnSnapshot others = new OwnSnapshot("333333333333", REGION, "snap-0000000000000000f", "vol-0other", 1, "",
                NOW, NOW, OwnSnapshot.COMPLETED, false, null, 0, Map.of());
        store.write(tx -> {
            new io.strongroom.storage.Collection<>("ec2.snapshots", io.strongroom.ec2.codec.Ec2Codecs.OWN_SNAPSHOT)
                    .put(tx, older.id(), older);
            new io.strongroom.storage.Collection<>("ec2.snapshots", io.strongroom.ec2.codec.Ec2Codecs.OWN_SNAPSHOT)
                    .put(tx, others.id(), others);
            return null;
        });
        assertThat(listed(ACCOUNT, REGION)).as("unindexed").extracting(OwnSnapshot::id)
                .containsExactly(mine.id());

        store.write(tx -> {
            own.reconcile(tx);
            return null;
        });

        assertThat(listed(ACCOUNT, REGION)).extracting(OwnSnapshot::id)
                .containsExactly(older.id(), mine.id());
        assertThat(listed("333333333333", REGION)).containsExactly(others);
        assertThat(listed(ACCOUNT, "us-east-1")).isEmpty();
        store.write(tx -> {
            snapshots.delete(tx, ACCOUNT, REGION, older.id());
            return null;
        });
        assertThat(listed(ACCOUNT, REGION)).extracting(OwnSnapshot::id)
                .containsExactly(mine.id());
    }

    @Test
    void snapshotServiceListsOwnSnapshotsBesideAwsBackupsAndDeletesOnlyTheOwn() {
        Volume v = volume(bytes("data"));
        OwnSnapshot s = store.write(tx -> own.create(tx, ACCOUNT, REGION, v.id(), "mine", Map.of("Team", "a")));

        assertThat(store.read(tx -> snapshots.describe(tx, ACCOUNT, REGION, null, List.of("self"), null, null, null))
                .snapshots()).extracting(Snapshot::id).containsExactly(s.id(), BACKUPS.id());
        store.write(tx -> {
            snapshots.replaceTags(tx, ACCOUNT, REGION, s.id(), Map.of("Team", "b"));
            return null;
        });
        Map<String, String> tags = store.read(tx -> snapshots.tagsOf(tx, ACCOUNT, REGION, s.id()));
        assertThat(tags).isEqualTo(Map.of("Team", "b"));
        ServiceException managed = catchThrowableOfType(ServiceException.class, () -> store.write(tx -> {
            snapshots.delete(tx, ACCOUNT, REGION, BACKUPS.id());
            return null;
        }));
        assertThat(managed.code()).isEqualTo("InvalidParameterValue");
        store.write(tx -> {
            snapshots.delete(tx, ACCOUNT, REGION, s.id());
            return null;
        });
        assertThat(store.read(tx -> snapshots.describe(tx, ACCOUNT, REGION, null, null, null, null, null))
                .snapshots()).extracting(Snapshot::id).containsExactly(BACKUPS.id());
    }

    @Test
    void aVolumeFromASnapshotHoldsItsBytesAndItsEncryption() {
        Volume v = store.write(tx -> {
            Volume created = volumes.createVolume(tx, ACCOUNT, REGION, new Inputs.CreateVolume(REGION + "a", 3, null,
                    null, true, "key-1", null, Map.of()));
            volumes.putData(tx, created.id(), bytes("secret"));
            return created;
        });
        OwnSnapshot s = store.write(tx -> own.create(tx, ACCOUNT, REGION, v.id(), "", Map.of()));
        Inputs.CreateVolume from = new Inputs.CreateVolume(REGION + "b", null, null, null, null, null, s.id(),
                Map.of());
        ServiceException pending = catchThrowableOfType(ServiceException.class,
                () -> store.write(tx -> own.createVolume(tx, ACCOUNT, REGION, from)));
        assertThat(pending.code()).isEqualTo("IncorrectState");
        store.write(tx -> {
            own.onTimer(tx, s.id().getBytes(StandardCharsets.UTF_8));
            return null;
        });

        Volume made = store.write(tx -> own.createVolume(tx, ACCOUNT, REGION, from));

        assertThat(made.size()).isEqualTo(3);
        assertThat(made.snapshotId()).isEqualTo(s.id());
        assertThat(made.encrypted()).isTrue();
        assertThat(made.kmsKeyId()).isEqualTo("arn:aws:kms:eu-west-1:222222222222:key/key-1");
        byte[] data = store.read(tx -> volumes.getData(tx, made.id()));
        assertThat(data).isEqualTo(bytes("secret"));
    }

}
