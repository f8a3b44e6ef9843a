package io.strongroom.server;

import io.strongroom.api.ServiceApi;
import io.strongroom.api.accessanalyzer.AccessAnalyzerApi;
import io.strongroom.api.cloudtrail.CloudTrailApi;
import io.strongroom.api.dynamodb.DynamoDbApi;
import io.strongroom.api.efs.EfsApi;
import io.strongroom.api.ec2.Ec2Api;
import io.strongroom.api.kms.KmsApi;
import io.strongroom.api.backup.BackupApi;
import io.strongroom.engine.backup.BackupOptions;
import io.strongroom.engine.backup.BackupTags;
import io.strongroom.engine.backup.PlanScheduler;
import io.strongroom.engine.backup.OrgBackupPlans;
import io.strongroom.engine.backup.PlanService;
import io.strongroom.engine.backup.ProtectionOverview;
import io.strongroom.engine.backup.RegionSettingsService;
import io.strongroom.engine.backup.SelectionService;
import io.strongroom.engine.backup.VaultAccessPolicies;
import io.strongroom.engine.backup.BackupAudit;
import io.strongroom.engine.backup.BackupJobs;
import io.strongroom.engine.cluster.Nodes;
import io.strongroom.engine.backup.Membership;
import io.strongroom.engine.backup.RecordedVaultContents;
import io.strongroom.engine.identity.Principal;
import io.strongroom.engine.kms.KeyService;
import io.strongroom.engine.kms.KmsKeyManagement;
import io.strongroom.vaultstorage.VaultStorage;
import io.strongroom.vaultstorage.local.LocalVaultStorage;
import io.strongroom.engine.backup.KmsVaultKeys;
import io.strongroom.engine.backup.VaultService;
import io.strongroom.engine.kms.KmsCrypto;
import io.strongroom.engine.kms.KmsGrants;
import io.strongroom.engine.kms.KmsKeyRotation;
import io.strongroom.engine.kms.KmsKeyPolicies;
import io.strongroom.engine.kms.KmsService;
import io.strongroom.engine.kms.MasterKey;
import io.strongroom.engine.kms.RandomBytes;
import io.strongroom.api.rds.RdsApi;
import io.strongroom.rds.AuroraProvider;
import io.strongroom.rds.RdsProvider;
import io.strongroom.rds.RdsService;
import io.strongroom.rds.h2.H2Databases;
import io.strongroom.ec2.EbsProvider;
import io.strongroom.ec2.Ec2InstanceProvider;
import io.strongroom.ec2.Ec2Service;
import io.strongroom.ec2.OwnSnapshotService;
import io.strongroom.ec2.InstanceService;
import io.strongroom.efs.EfsProvider;
import io.strongroom.efs.EfsService;
import io.strongroom.dynamodb.DynamoDbService;
import io.strongroom.dynamodb.ItemHistory;
import io.strongroom.dynamodb.TimeToLiveSweep;
import io.strongroom.api.iam.IamApi;
import io.strongroom.engine.iam.IamService;
import io.strongroom.api.organizations.OrganizationsApi;
import io.strongroom.api.tagging.TaggingApi;
import io.strongroom.dynamodb.DynamoDbProvider;
import io.strongroom.engine.tagging.TaggingService;
import io.strongroom.resource.ProtectedResource;
import io.strongroom.resource.ResourceProvider;
import io.strongroom.s3.S3Provider;
import io.strongroom.engine.iam.IamRoles;
import io.strongroom.engine.organizations.Organizations;
import io.strongroom.engine.organizations.PolicyTypes;
import io.strongroom.api.s3.S3Api;
import io.strongroom.api.sts.StsApi;
import io.strongroom.s3.S3Service;
import io.strongroom.engine.access.Authorizer;
import io.strongroom.engine.cloudtrail.EventHistory;
import io.strongroom.engine.cloudtrail.TrailDelivery;
import io.strongroom.engine.cloudtrail.TrailService;
import io.strongroom.engine.identity.Credential;
import io.strongroom.engine.identity.IdentityService;
import io.strongroom.engine.ids.IdGenerator;
import io.strongroom.engine.sts.StsService;
import io.strongroom.engine.time.ClockService;
import io.strongroom.engine.time.TimerHandler;
import io.strongroom.server.admin.AdminApi;
import io.strongroom.server.dashboard.Dashboard;
import io.strongroom.server.dashboard.DashboardReadModel;
import io.strongroom.server.http.JettyAdapter;
import io.strongroom.server.pipeline.InternalInvoker;
import io.strongroom.server.pipeline.RequestPipeline;
import io.strongroom.storage.Store;
import io.strongroom.storage.jdbc.StoreFactory;
import io.strongroom.wire.Wire;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The composition root: opens the store and the clock, builds the engine and the APIs, and serves them
 * over HTTP. Nothing else wires components together.
 */
public final class Strongroom implements AutoCloseable {
    private static final String BOOTSTRAP = "bootstrap";

    private final ServerOptions options;
    private final DataDir dataDir;
    private final Store store;
    private final ClockService clock;
    /**
     * The threads jobs move their data on (D57): as many as SQLite's reader connections, since a backup streams its
     * snapshot inside a read transaction (D53).
     */
    private final java.util.concurrent.ExecutorService dataMoves = java.util.concurrent.Executors.newFixedThreadPool(8,
            r -> {
                Thread t = new Thread(r, "strongroom-data-move");
                t.setDaemon(true);
                return t;
            });
    private final Server http;
    private final AtomicBoolean ready = new AtomicBoolean();
    private final String adminToken;
    private final Credential managementRoot;
    private final List<ServiceApi> apis;
    private final List<ResourceProvider> providers;
    private final Wire wire;
    private final H2Databases rdsDatabases;
    private VaultStorage vaultStorage;
    private SystemClockTicker ticker;
    private SharedClockFollower clockFollower;
    private NodeHeartbeat heartbeat;
    private final io.strongroom.engine.backup.MoveWatchdog watchdog;
    private final Clock wall = Clock.systemUTC();
    private io.strongroom.server.demo.DemoSeed.Outcome demo;
    /** With --demo, once the demo is there: the seed's StackSet gives every account created later its backup role. */
    private final Runnable demoStackSet;

    private Strongroom(ServerOptions options, Server http) {
        this.options = options;
        this.http = http;
        this.dataDir = new DataDir(options.dataDir());
        dataDir.create();
        this.store = StoreFactory.open(options.storeLocation() != null ? options.storeLocation()
                : dataDir.storeFile().toString());
        this.clock = ClockService.open(store, options.simulatedClock(), options.start(), wall);
        clock.moves().runOn(dataMoves);
        IdGenerator ids = new IdGenerator(seed(options.seed()));
        SecureSecrets secrets = new SecureSecrets(new SecureRandom());
        IdentityService identity = new IdentityService(clock.clock(), secrets);
        EventHistory history = new EventHistory(clock.clock(), ids);
        this.managementRoot = bootstrap(identity, options.managementAccount());
        dataDir.writeCredentials(managementRoot.accessKeyId(), managementRoot.secretAccessKey());
        this.adminToken = dataDir.adminToken();

        IamRoles roles = new IamRoles(ids, clock.clock());
        IamService iam = new IamService(roles, identity, ids, secrets, clock.clock(), new QrCodes());
        Organizations organizations = new Organizations(ids, clock.clock(), identity, roles, Duration.ZERO);
        Authorizer authorizer = new Authorizer(iam, organizations, clock.clock());
        authorizer.addResourcePolicySource(new io.strongroom.s3.S3BucketPolicies());
        organizations.timerHandlers().forEach(clock::register);
        this.demoStackSet = () -> io.strongroom.server.demo.DemoStackSet.deployToNewAccounts(organizations.accounts(),
                roles);
        SecureRandom keyRandom = new SecureRandom();
        RandomBytes randomBytes = n -> {
            byte[] bytes = new byte[n];
            keyRandom.nextBytes(bytes);
            return bytes;
        };
        KmsService kms = new KmsService(clock.clock(), ids, randomBytes,
                new MasterKey(dataDir.kmsMasterKey(), randomBytes), authorizer);
        KmsCrypto kmsCrypto = new KmsCrypto(kms, randomBytes, authorizer);
        authorizer.addResourcePolicySource(new KmsKeyPolicies(kms));
        clock.register(TimerHandler.of(KmsService.DELETION_TIMER, kms::onDeletionTimer));
        DynamoDbService dynamoDb = new DynamoDbService(clock.clock(), ids::uuid);
        clock.register(TimerHandler.of(TimeToLiveSweep.TIMER, dynamoDb.timeToLiveSweep()::onTimer));
        clock.register(TimerHandler.of(ItemHistory.TIMER, dynamoDb.settings()::onHistoryTimer));
        S3Service s3 = new S3Service(clock.clock());
        // Trails deliver the events recorded into their buckets on the clock (D133).
        CloudTrailOrganizations trailOrganizations = new CloudTrailOrganizations(organizations);
        S3TrailBuckets trailBuckets = new S3TrailBuckets(s3, authorizer);
        TrailService trails = new TrailService(trailOrganizations, trailBuckets, clock.clock());
        TrailDelivery trailDelivery = new TrailDelivery(trails, history, trailOrganizations, trailBuckets, ids,
                clock.clock());
        history.onRecord(trailDelivery::recorded);
        clock.register(trailDelivery.timerHandler());
        EfsService efs = new EfsService(clock.clock(), tx -> ids.hex(tx, 17), dataDir.efsFileSystems());
        Ec2Service ec2 = new Ec2Service(clock.clock(), tx -> ids.hex(tx, 17), dataDir.ebsVolumes());
        OwnSnapshotService ec2Snapshots = new OwnSnapshotService(ec2, clock.clock(), tx -> ids.hex(tx, 17),
                dataDir.ebsSnapshots());
        clock.register(TimerHandler.of(OwnSnapshotService.TIMER, ec2Snapshots::onTimer));
        store.write(tx -> { // the data files match the store again after a crash or a rollback
            efs.reconcile(tx);
            ec2.reconcile(tx);
            ec2Snapshots.reconcile(tx);
            return null;
        });
        InstanceService ec2Instances = new InstanceService(ec2, clock.clock(), tx -> ids.hex(tx, 17));
        clock.register(TimerHandler.of(InstanceService.TIMER, ec2Instances::onTimer));
        this.rdsDatabases = new H2Databases(dataDir.rdsDatabases());
        RdsService rds = new RdsService(clock.clock(), tx -> ids.iamId(tx, "", 26), rdsDatabases);
        // Every database is served again from the start: clients reach it on the port its record names.
        store.write(tx -> {
            rds.startAll(tx);
            return null;
        });
        // Manual snapshots shared with other accounts through their restore attribute (D144).
        authorizer.addResourcePolicySource(new io.strongroom.rds.SharedSnapshotPolicies(rds));
        this.providers = List.of(new DynamoDbProvider(dynamoDb), new S3Provider(s3),
                new EfsProvider(efs), new EbsProvider(ec2),
                new Ec2InstanceProvider(ec2Instances, ec2), new RdsProvider(rds), new AuroraProvider(rds));
        VaultService vaults = new VaultService(clock.clock(), new KmsVaultKeys(kms), new RecordedVaultContents(),
                BackupOptions.DEFAULT);
        authorizer.addResourcePolicySource(new VaultAccessPolicies(vaults));
        PlanService plans = new PlanService(vaults, clock.clock(), ids);
        BackupTags backupTags = new BackupTags(vaults, plans);
        registerTagSources(authorizer, providers, backupTags, ec2Snapshots);
        RegionSettingsService regionSettings = new RegionSettingsService(vaults);
        SelectionService selections = new SelectionService(vaults, plans, regionSettings, iam, authorizer, providers,
                clock.clock(), ids);
        OrgBackupPlans orgPlans = new OrgBackupPlans(plans, selections);
        organizations.effectivePolicies().addListener((tx, account, type, content) -> {
            if (PolicyTypes.BACKUP.equals(type)) {
                orgPlans.effectivePolicyChanged(tx, account, content);
            }
        });
        // The vault storage asks KMS for its data keys as AWS Backup acting for the vault's account.
        this.vaultStorage = LocalVaultStorage.open(dataDir.vaultStorage(), new KmsKeyManagement(store, kmsCrypto,
                context -> new KeyService.Caller(Principal.root(context.get("aws:backup:account"), null),
                        context.get("aws:backup:region"), "backup")), clock.clock());
        BackupJobs backupJobs = new BackupJobs(store, vaults, regionSettings, providers, vaultStorage, iam,
                authorizer, history, clock.clock(), clock.moves(), ids, (tx, account) -> organizations.membership(tx, account, "backup.amazonaws.com")
                .map(m -> new Membership.Org(m.organizationId(), m.managementAccountId(), m.administrators())),
                new Nodes(java.util.UUID.randomUUID().toString()));
        backupJobs.timerHandlers().forEach(clock::register);
        clock.register(BackupJobs.handler(new PlanScheduler(plans, selections, backupJobs, clock.clock())));
        store.write(tx -> {
            backupJobs.start(tx);
            return null;
        });
        // Data moves a stop interrupted run again (D64): on a store of its own at once, since the process that moved
        // them is gone; on a shared store once their node's lease has run out, whichever node notices first.
        this.watchdog = backupJobs.watchdog();
        if (sharedStore()) {
            watchdog.renew(wall.instant());
        } else {
            watchdog.takeOverAll();
        }
        // Reports go into S3 as S3 PutObject calls made by Backup Audit Manager's service-linked role (D65), through
        // the invoker of every API, made once they all exist.
        AtomicReference<InternalInvoker> internalCalls = new AtomicReference<>();
        BackupAudit audit = new BackupAudit(vaults, selections,
                new S3ReportDelivery(s3, internalCalls::get), iam.roles()::serviceLinkedRole,
                (tx, account) -> organizations.accountPolicyView(tx, account)
                .filter(v -> v.isManagementAccount(account)
                        || organizations.isDelegatedAdministrator(tx, account, "backup.amazonaws.com"))
                .map(v -> {
                    java.util.Map<String, String> paths = new java.util.TreeMap<>();
                    for (String member : organizations.organizationAccounts(tx, account)) {
                        organizations.accountPolicyView(tx, member).ifPresent(m -> paths.put(member, m.path()));
                    }
                    return paths;
                }), clock.clock(), ids);
        clock.register(audit.timerHandler());
        // The other tagged kinds of AWS Backup resource (D126).
        backupTags.add(backupJobs.legalHolds()::tagged);
        backupTags.add(backupJobs.restoreTesting()::tagged);
        backupTags.add(audit.frameworks()::tagged);
        backupTags.add(audit.reports()::tagged);
        BackupEc2Images backupImages = new BackupEc2Images(backupJobs.recoveryPoints());
        backupJobs.recoveryPoints().removal(new Ec2TagEditsRemoval()); // EC2's tag edits go with the point (D122)
        this.apis = List.of(StsApi.create(new StsService(identity, iam, authorizer, clock.clock())),
                CloudTrailApi.create(history, trails), OrganizationsApi.create(organizations),
                IamApi.create(iam, authorizer.simulator()),
                AccessAnalyzerApi.create(),
                DynamoDbApi.create(dynamoDb, new io.strongroom.dynamodb.TableBackupService(dynamoDb,
                        new BackupDynamoDbBackups(backupJobs.recoveryPoints()), clock.clock(),
                        tx -> ids.hex(tx, 8))),
                S3Api.create(s3),
                EfsApi.create(efs),
                KmsApi.create(kms, kmsCrypto, new KmsGrants(kms, ids, clock.clock()),
                        new KmsKeyRotation(kms, clock.clock())),
                Ec2Api.create(ec2, ec2Instances, new io.strongroom.ec2.SnapshotService(
                        new BackupEbsSnapshots(backupJobs.recoveryPoints()), backupImages, ec2Snapshots),
                        new io.strongroom.ec2.ImageService(backupImages), ec2Snapshots,
                        new io.strongroom.ec2.MultiVolumeSnapshots(ec2Instances, ec2, ec2Snapshots)),
                RdsApi.create(rds, new io.strongroom.rds.DbSnapshotService(rds.manualSnapshots(),
                        new BackupRdsSnapshots(backupJobs.recoveryPoints())),
                        new io.strongroom.rds.DbClusterSnapshotService(rds.manualClusterSnapshots(),
                                new BackupRdsClusterSnapshots(backupJobs.recoveryPoints()))),
                BackupApi.create(vaults, plans, selections, backupTags, regionSettings,
                        backupJobs, audit),
                TaggingApi.create(new TaggingService(providers)));
        this.wire = Wire.forServices(apis.stream().map(ServiceApi::serviceName).toList());
        internalCalls.set(new InternalInvoker(wire, apis, authorizer));
        RequestPipeline pipeline = new RequestPipeline(wire, apis, store, identity, authorizer, history,
                clock.clock(), wall, clock::runDue);
        identity.onAccessKeyChange(pipeline::forgetCredential);
        AdminApi admin = new AdminApi(adminToken, clock, ready::get, new AdminAccountsImpl(store, identity, ids),
                (account, type) -> store.read(tx -> organizations.explainEffectivePolicy(tx, account, type)
                        .map(e -> (Object) java.util.Map.of("accountId", account, "policyType", type,
                                "effectivePolicy", e.content() == null ? "" : e.content(),
                                "validationErrors", e.errors(), "explanation", e.explanation()))),
                new AdminEfsFilesImpl(store, efs), new AdminEbsDataImpl(store, ec2))
                .withBackup(new AdminBackupImpl(store, selections));
        Dashboard dashboard = new Dashboard(new DashboardReadModel(store, organizations,
                new ProtectionOverview(vaults, selections, clock.clock()), audit, selections, history),
                store, identity, organizations, adminToken, options.managementAccount(),
                List.of(DataDir.DEFAULT_REGION));
        http.setHandler(new JettyAdapter(request -> Dashboard.handles(request) ? dashboard.handle(request)
                : AdminApi.handles(request) ? admin.handle(request) : pipeline.handle(request),
                pipeline.bodyProblems()));
    }

    /** Where aws:ResourceTag conditions read tags (D104): the protectable resources, and AWS Backup's own. */
    private static void registerTagSources(Authorizer authorizer, List<ResourceProvider> providers,
                                           BackupTags backupTags, OwnSnapshotService ec2Snapshots) {
        authorizer.addResourceTagSource(new Authorizer.ResourceTagSource() {
            @Override
            public boolean owns(String arn) {
                return providers.stream().anyMatch(p -> p.owns(arn));
            }

            @Override
            public Map<String, String> tags(io.strongroom.storage.Tx tx, String arn) {
                return providers.stream().filter(p -> p.owns(arn)).findFirst().flatMap(p -> p.find(tx, arn))
                        .map(ProtectedResource::tags).orElse(null);
            }
        });
        authorizer.addResourceTagSource(new Authorizer.ResourceTagSource() {
            @Override
            public boolean owns(String arn) {
                return arn.startsWith("arn:aws:backup:");
            }

            @Override
            public Map<String, String> tags(io.strongroom.storage.Tx tx, String arn) {
                return backupTags.tagsOrNull(tx, arn);
            }
        });
        // The snapshots accounts make with CreateSnapshot (D127, D132).
        authorizer.addResourceTagSource(new Authorizer.ResourceTagSource() {
            @Override
            public boolean owns(String arn) {
                return arn.startsWith("arn:aws:ec2:") && arn.contains("::snapshot/snap-");
            }

            @Override
            public Map<String, String> tags(io.strongroom.storage.Tx tx, String arn) {
                return ec2Snapshots.tagsOf(tx, arn).orElse(null);
            }
        });
    }

    /** Opens the store, starts serving, and returns once the server answers. */
    public static Strongroom start(ServerOptions options) throws Exception {
        // The port is taken first: a port in use fails at once, and no other process can take it while the store
        // opens and interrupted data moves run again before serving, which may take a while.
        Server http = httpServer(options);
        ServerConnector connector = (ServerConnector) http.getConnectors()[0];
        connector.open();
        Strongroom server;
        try {
            server = new Strongroom(options, http);
        } catch (RuntimeException | Error e) {
            connector.close();
            throw e;
        }
        try {
            server.http.start();
        } catch (Exception e) {
            server.close();
            throw e;
        }
        if (!options.simulatedClock()) {
            server.ticker = SystemClockTicker.start(server.clock);
        } else if (server.sharedStore()) {
            server.clockFollower = SharedClockFollower.start(server.clock, Duration.ofMillis(500));
        }
        if (server.sharedStore()) {
            server.heartbeat = NodeHeartbeat.start(server.watchdog, server.wall, server.dataMoves);
        }
        if (options.demo()) {
            // Health says ready only once the demo organisation is there, so scripts may start right away.
            try {
                server.demo = io.strongroom.server.demo.DemoSeed.ensure(java.net.URI.create(server.endpoint()),
                        server.adminToken, server.managementRoot.accessKeyId(),
                        server.managementRoot.secretAccessKey(), server.dataDir.root());
                server.demoStackSet.run();
            } catch (RuntimeException e) {
                server.close();
                throw new IllegalStateException("the demo organisation could not be built: " + e.getMessage(), e);
            }
        }
        server.dataDir.writeEndpoint(server.endpoint());
        server.ready.set(true);
        return server;
    }

    /** What {@code --demo} did on this start (null without it). */
    public io.strongroom.server.demo.DemoSeed.Outcome demo() {
        return demo;
    }

    public String endpoint() {
        ServerConnector connector = (ServerConnector) http.getConnectors()[0];
        String host = options.host().contains(":") ? "[" + options.host() + "]" : options.host();
        return "http://" + host + ":" + connector.getLocalPort();
    }

    public int port() {
        return ((ServerConnector) http.getConnectors()[0]).getLocalPort();
    }

    public DataDir dataDir() {
        return dataDir;
    }

    public String adminToken() {
        return adminToken;
    }

    public Credential managementRootCredential() {
        return managementRoot;
    }

    public ClockService clock() {
        return clock;
    }

    /** The services and operations this server serves (docs/coverage.md is rendered from them). */
    public List<ServiceApi> apis() {
        return apis;
    }

    public Wire wire() {
        return wire;
    }

    /** The protectable resource types, and the store they keep their resources in (for in-process tests). */
    public List<ResourceProvider> resourceProviders() {
        return providers;
    }

    public Store store() {
        return store;
    }

    public void join() throws InterruptedException {
        http.join();
    }

    @Override
    public void close() {
        ready.set(false);
        if (ticker != null) {
            ticker.close();
        }
        if (clockFollower != null) {
            clockFollower.close();
        }
        if (heartbeat != null) {
            heartbeat.close();
        }
        try {
            http.stop();
        } catch (Exception e) {
            // Stopping is best effort; the store is closed regardless so every commit is flushed.
        }
        if (rdsDatabases != null) {
            rdsDatabases.close();
        }
        dataMoves.shutdownNow();
        if (vaultStorage != null) {
            vaultStorage.close();
        }
        store.close();
    }

    /** Whether other servers may share this server's store (PostgreSQL; SQLite is one server's own file). */
    private boolean sharedStore() {
        return "postgresql".equals(store.dialect());
    }

    private Credential bootstrap(IdentityService identity, String managementAccount) {
        return store.write(tx -> {
            Optional<String> keyId = tx.get(BOOTSTRAP, "management-root-key")
                    .map(r -> new String(r.value(), StandardCharsets.UTF_8));
            if (keyId.isPresent()) {
                return identity.credential(tx, keyId.get()).orElseThrow();
            }
            identity.ensureAccount(tx, managementAccount, "management", "management@strongroom.local");
            Credential root = identity.createRootAccessKey(tx, managementAccount);
            tx.put(BOOTSTRAP, "management-root-key", root.accessKeyId().getBytes(StandardCharsets.UTF_8),
                    io.strongroom.storage.Tx.ABSENT);
            return root;
        });
    }

    /** The id seed is fixed at first start, so ids stay reproducible across restarts of one data dir. */
    private String seed(String requested) {
        return store.write(tx -> {
            Optional<String> stored = tx.get(BOOTSTRAP, "seed").map(r -> new String(r.value(), StandardCharsets.UTF_8));
            if (stored.isPresent()) {
                return stored.get();
            }
            tx.put(BOOTSTRAP, "seed", requested.getBytes(StandardCharsets.UTF_8), io.strongroom.storage.Tx.ABSENT);
            return requested;
        });
    }

    /** The HTTP server, its handler set once everything it serves exists. */
    private static Server httpServer(ServerOptions options) {
        QueuedThreadPool threads = new QueuedThreadPool(64, 4);
        threads.setName("strongroom-http");
        Server server = new Server(threads);
        HttpConfiguration config = new HttpConfiguration();
        config.setSendServerVersion(false);
        config.setSendDateHeader(true);
        // Signed headers differ on every request, so a per-connection header cache only costs time.
        config.setHeaderCacheSize(0);
        // Signed header values must reach SigV4 exactly as sent: Jetty's built-in field cache would otherwise
        // hand back its own spelling of common values ("charset=utf-8" for the SDK's "charset=UTF-8").
        config.setHeaderCacheCaseSensitive(true);
        // S3 keys and ARNs in paths carry encoded '/' and other characters AWS accepts.
        config.setUriCompliance(UriCompliance.UNSAFE);
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(config));
        connector.setHost(options.host());
        connector.setPort(options.port());
        server.addConnector(connector);
        return server;
    }
}
