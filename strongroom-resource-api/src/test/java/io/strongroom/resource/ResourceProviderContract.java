package io.strongroom.resource;

import io.strongroom.storage.Store;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every resource provider must do: a snapshot taken before a change restores, into a new resource,
 * exactly the data of that moment, leaving the source as it is; listings and descriptions agree; impossible restores are refused.
 */
public abstract class ResourceProviderContract {
    protected static final String ACCOUNT = "222222222222";
    protected static final String REGION = "eu-west-1";

    protected Store store;
    protected ResourceProvider provider;

    /** A fresh store with whatever the provider's schema needs. */
    protected abstract Store newStore();

    protected abstract ResourceProvider newProvider(Store store);

    /** Creates a resource named {@code name} with {@code tags} and some data; returns its ARN. */
    protected abstract String createResourceWithData(String name, Map<String, String> tags);

    /** Changes the resource's data so that a restore of an earlier snapshot is distinguishable. */
    protected abstract void changeData(String arn);

    /** A comparable rendering of the resource's data (items, objects, rows). */
    protected abstract Object readData(String arn);

    /** Restore metadata naming a new resource called {@code newName}. */
    protected abstract Map<String, String> restoreMetadataFor(String newName);

    @BeforeEach
    void open() {
        store = newStore();
        provider = newProvider(store);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void listsAndDescribesWhatItCreated() {
        String arn = createResourceWithData("contract-one", Map.of("Backup", "daily-prod"));
        assertThat(provider.owns(arn)).isTrue();
        java.util.Optional<ProtectedResource> found = store.read(tx -> provider.describe(tx, arn));
        ProtectedResource described = found.orElseThrow();
        assertThat(described.tags()).containsEntry("Backup", "daily-prod");
        assertThat(described.accountId()).isEqualTo(ACCOUNT);
        assertThat(described.region()).isIn(REGION, "");
        java.util.List<ProtectedResource> listed = store.read(tx -> provider.list(tx, ACCOUNT, REGION));
        assertThat(listed).extracting(ProtectedResource::arn).contains(arn);
        java.util.Optional<ProtectedResource> missing = store.read(tx -> provider.describe(tx, arn + "-missing"));
        assertThat(missing).isEmpty();
    }

    /** Selections, controls and the dashboard read the inventory: every listed resource, sizes aside (D66). */
    @Test
    void theInventoryIsTheListingWithoutSizes() {
        createResourceWithData("contract-inventory-a", Map.of("Backup", "daily-prod"));
        createResourceWithData("contract-inventory-b", Map.of());
        java.util.List<ProtectedResource> listed = store.read(tx -> provider.list(tx, ACCOUNT, REGION));
        java.util.List<ProtectedResource> inventory = store.read(tx -> provider.inventory(tx, ACCOUNT, REGION));
        assertThat(inventory).usingRecursiveFieldByFieldElementComparatorIgnoringFields("sizeBytes")
                .containsExactlyInAnyOrderElementsOf(listed).hasSizeGreaterThanOrEqualTo(2);
        assertThat(inventory).allSatisfy(r -> assertThat(r.sizeBytes()).isIn(0L,
                listed.stream().filter(l -> l.arn().equals(r.arn())).findFirst().orElseThrow().sizeBytes()));
    }

    /** A backup job, tagging and selection verdicts find one resource without its size. */
    @Test
    void findingAResourceIsDescribingItSizeAside() {
        String arn = createResourceWithData("contract-find", Map.of("Backup", "daily-prod"));
        ProtectedResource described = store.read(tx -> provider.describe(tx, arn)).orElseThrow();
        ProtectedResource found = store.read(tx -> provider.find(tx, arn)).orElseThrow();
        assertThat(found).usingRecursiveComparison().ignoringFields("sizeBytes").isEqualTo(described);
        assertThat(found.sizeBytes()).isIn(0L, described.sizeBytes());
        java.util.Optional<ProtectedResource> missing = store.read(tx -> provider.find(tx, arn + "-missing"));
        assertThat(missing).isEmpty();
    }

    @Test
    void restoresTheDataOfTheSnapshotIntoANewResource() {
        String arn = createResourceWithData("contract-two", Map.of());
        Object before = readData(arn);
        Snapshot snapshot = store.read(tx -> provider.snapshot(tx, arn).inMemory());
        changeData(arn);
        Object changed = readData(arn);
        assertThat(changed).isNotEqualTo(before);

        ProtectedResource restored = store.write(tx -> provider.restore(tx, ACCOUNT, REGION, snapshot,
                restoreMetadataFor("contract-two-restored")));

        assertThat(restored.arn()).isNotEqualTo(arn);
        assertThat(readData(restored.arn())).isEqualTo(before);
        assertThat(readData(arn)).as("the source is untouched by the restore").isEqualTo(changed);
        assertThat(snapshot.restoreMetadata()).isNotEmpty();
    }

    @Test
    void refusesARestoreOntoAnExistingName() {
        String arn = createResourceWithData("contract-three", Map.of());
        Snapshot snapshot = store.read(tx -> provider.snapshot(tx, arn).inMemory());
        assertThatThrownBy(() -> store.write(tx -> provider.restore(tx, ACCOUNT, REGION, snapshot,
                restoreMetadataFor("contract-three")))).isInstanceOf(ResourceProvider.RestoreRejected.class);
    }

    @Test
    void aSnapshotIsReadAsAStreamAPieceAtATime() {
        String arn = createResourceWithData("contract-four", Map.of());
        Object before = readData(arn);
        byte[] streamed = store.read(tx -> {
            try (InputStream in = new Trickle(provider.snapshot(tx, arn).data().open())) {
                return in.readAllBytes();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        Snapshot taken = store.read(tx -> provider.snapshot(tx, arn).inMemory());
        assertThat(streamed).as("the stream read in small pieces is the snapshot").isEqualTo(taken.data().readAllBytes());
        changeData(arn);

        Snapshot trickling = new Snapshot(() -> new Trickle(taken.data().open()), taken.restoreMetadata(), taken.tags());
        ProtectedResource restored = store.write(tx -> provider.restore(tx, ACCOUNT, REGION, trickling,
                restoreMetadataFor("contract-four-restored")));
        assertThat(readData(restored.arn())).isEqualTo(before);
    }

    @Test
    void refusesASnapshotCutShort() {
        String arn = createResourceWithData("contract-five", Map.of());
        Snapshot taken = store.read(tx -> provider.snapshot(tx, arn).inMemory());
        byte[] bytes = taken.data().readAllBytes();
        int resources = store.read(tx -> provider.list(tx, ACCOUNT, REGION)).size();
        Snapshot cut = new Snapshot(SnapshotData.of(Arrays.copyOf(bytes, bytes.length - 1)), taken.restoreMetadata(),
                taken.tags());
        assertThatThrownBy(() -> store.write(tx -> provider.restore(tx, ACCOUNT, REGION, cut,
                restoreMetadataFor("contract-five-restored")))).isNotInstanceOf(ResourceProvider.RestoreRejected.class);
        java.util.List<ProtectedResource> after = store.read(tx -> provider.list(tx, ACCOUNT, REGION));
        assertThat(after).as("nothing restored").hasSize(resources);
    }

    /** A stream that hands out at most a few bytes per read, as a network or a chunked store may. */
    private static final class Trickle extends FilterInputStream {
        private int next;

        Trickle(InputStream in) {
            super(in);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            next = next % 7 + 1;
            return super.read(b, off, Math.min(len, next));
        }
    }
}
