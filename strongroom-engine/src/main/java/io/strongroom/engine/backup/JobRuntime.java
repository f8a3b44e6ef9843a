package io.strongroom.engine.backup;

import io.strongroom.engine.time.DataMoves;

import io.strongroom.engine.cluster.Nodes;
import io.strongroom.engine.ids.IdGenerator;
import io.strongroom.resource.ResourceProvider;
import io.strongroom.storage.Store;
import io.strongroom.storage.Tx;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What every job service shares: the store (jobs move data outside transactions, then record the outcome in one),
 * the vaults, the resource providers, the vault storage, the job role check, the events and the clock.
 */
final class JobRuntime {
    /** How fast a job moves data on the simulated clock (decision D41), after a minute of setting up. */
    static final long BYTES_PER_SECOND = 100L << 20;

    final Store store;
    final VaultService vaults;
    final RegionSettingsService settings;
    final List<ResourceProvider> providers;
    final JobStore jobs = new JobStore();
    final VaultData data;
    final JobRole role;
    final BackupEvents events;
    final Clock clock;
    /** Where jobs move their data: in parallel within one instant of the clock, recorded in order. */
    final DataMoves moves;
    final IdGenerator ids;
    final Membership membership;
    /** This server among the servers sharing the store: who owns a data move in flight (D64). */
    final Nodes nodes;

    JobRuntime(Store store, VaultService vaults, RegionSettingsService settings, List<ResourceProvider> providers,
               VaultData data, JobRole role, BackupEvents events, Clock clock, DataMoves moves, IdGenerator ids,
               Membership membership, Nodes nodes) {
        this.store = store;
        this.vaults = vaults;
        this.settings = settings;
        this.providers = List.copyOf(providers);
        this.data = data;
        this.role = role;
        this.events = events;
        this.clock = clock;
        this.moves = moves;
        this.ids = ids;
        this.membership = membership;
        this.nodes = nodes;
    }

    /** The job turned RUNNING in {@code tx}: this node moves its data, once {@code tx} commits (D64). */
    void startMove(Tx tx, String kind, String account, String region, String jobId) {
        jobs.putMove(tx, new InFlightMove(kind, account, region, jobId, nodes.self()));
    }

    /**
     * Ends a job's move as its outcome is recorded; false when this node no longer owns it (another node took it
     * over after this one's lease ran out, or the job ended meanwhile): then that outcome must not be recorded.
     */
    boolean endMove(Tx tx, String kind, String account, String region, String jobId) {
        return jobs.deleteOwnMove(tx, new InFlightMove(kind, account, region, jobId, nodes.self()));
    }

    /** The job ended (stopped, failed, out of its window): its move, if still in flight, has nothing to record. */
    void dropMove(Tx tx, String kind, String account, String region, String jobId) {
        jobs.deleteMove(tx, kind, account, region, jobId);
    }

    Optional<ResourceProvider> provider(String arn) {
        return providers.stream().filter(p -> p.owns(arn)).findFirst();
    }

    ResourceProvider providerOfType(String type) {
        return providers.stream().filter(p -> p.resourceType().equals(type)).findFirst()
                .orElseThrow(() -> BackupErrors.invalidRequest("Resource type " + type + " is not supported."));
    }

    Optional<BackupVault> vault(Tx tx, String account, String region, String name) {
        return vaults.store().vault(tx, account, region, name);
    }

    ResourceTypes.Capabilities capabilities(Tx tx, String account, String region, String type) {
        return ResourceTypes.of(type, settings.settings(tx, account, region))
                .orElseThrow(() -> BackupErrors.invalidRequest("Resource type " + type + " is not supported."));
    }

    static Duration transferTime(long bytes) {
        return Duration.ofMinutes(1).plusSeconds(bytes / BYTES_PER_SECOND);
    }
}
