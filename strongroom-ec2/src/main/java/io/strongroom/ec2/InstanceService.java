package io.strongroom.ec2;

import io.strongroom.ec2.codec.Ec2Codecs;
import io.strongroom.resource.Inventories;
import io.strongroom.storage.Tx;
import io.strongroom.storage.WatchedCollection;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * EC2 instances, kept in the store under {@code ec2.instances} by id. Each has EBS volumes of {@link Ec2Service},
 * attached at its device names. States move on commands and on timers, never on reads: RunInstances leaves an
 * instance {@code pending} and schedules {@code running} for the same instant, so it is running from the next
 * call on; TerminateInstances ({@code shutting-down} → {@code terminated}) and StopInstances ({@code stopping} →
 * {@code stopped}) likewise; a terminated instance is forgotten an hour later.
 */
public final class InstanceService implements TaggedResources {
    /** The timer type of instance state changes; its payload is the instance id. */
    public static final String TIMER = "ec2.instance-state";
    /** How long DescribeInstances still shows a terminated instance. */
    public static final Duration TERMINATED_VISIBLE = Duration.ofHours(1);
    /** Pending and running instances an account may have in a Region (AWS's historical default). */
    public static final int INSTANCE_LIMIT = 20;
    private static final Pattern INSTANCE_ID = Pattern.compile("i-[0-9a-f]{8}([0-9a-f]{9})?");
    private static final Set<String> FILTERS = Set.of("instance-id", "instance-state-name", "instance-state-code",
            "tag-key", "availability-zone", "instance-type", "image-id", "reservation-id", "architecture",
            "block-device-mapping.volume-id", "block-device-mapping.device-name", "root-device-name",
            "root-device-type", "owner-id", "client-token");

    /** Every write of an instance (its state too) moves its account's inventory generation (D71). */
    private final WatchedCollection<Instance> instances = Inventories.collection("ec2.instances",
            Ec2Codecs.INSTANCE, Instance::accountId, Instance::region);
    private final Ec2Service volumes;
    private final Clock clock;
    private final Function<Tx, String> hexIds;

    /** @param hexIds hands out 17 hex digits for {@code i-} and {@code r-} ids from the server's seeded generator */
    public InstanceService(Ec2Service volumes, Clock clock, Function<Tx, String> hexIds) {
        this.volumes = volumes;
        this.clock = clock;
        this.hexIds = hexIds;
    }

    public record Reservation(String id, String ownerId, List<Instance> instances) {
    }

    /** RunInstances: MaxCount instances (at least MinCount within the limit), each with its own volumes. */
    public Reservation runInstances(Tx tx, String account, String region, Inputs.RunInstances in) {
        if (in.clientToken() != null && !in.clientToken().isEmpty()) {
            List<Instance> earlier = all(tx, account, region).stream()
                    .filter(i -> in.clientToken().equals(i.clientToken())).toList();
            if (!earlier.isEmpty()) {
                return new Reservation(earlier.get(0).reservationId(), account, earlier);
            }
        }
        Image image = ImageCatalogue.image(region, in.imageId());
        String type = in.instanceType() == null ? "m1.small" : in.instanceType();
        if (!InstanceTypes.exists(type)) {
            throw Ec2Errors.invalidInstanceType(type);
        }
        if (InstanceTypes.needsDedicatedHost(type)) {
            throw new io.strongroom.kernel.ServiceException(io.strongroom.kernel.ErrorCode.of("Unsupported"),
                    "The requested configuration is currently not supported. Please check the documentation for "
                            + "supported configurations.");
        }
        if (!InstanceTypes.architecture(type).equals(image.architecture())) {
            throw Ec2Errors.architectureMismatch(InstanceTypes.architecture(type), image.id(), image.architecture());
        }
        int min = count(in.minCount(), "MinCount", "Minimum");
        int max = count(in.maxCount(), "MaxCount", "Maximum");
        if (min > max) {
            throw Ec2Errors.invalidParameterValue("Minimum instance count must be less than or equal to the "
                    + "maximum instance count.");
        }
        String zone = in.availabilityZone() == null || in.availabilityZone().isEmpty() ? region + "a"
                : in.availabilityZone();
        Ec2Service.checkZone(region, zone);
        checkUnservedReferences(in);
        Map<String, String> instanceTags = TagRules.nonNull(in.instanceTags());
        TagRules.validate(instanceTags);
        List<PlannedVolume> planned = LaunchPlan.volumes(image, in.blockDeviceMappings());
        long active = all(tx, account, region).stream()
                .filter(i -> i.state().equals(Instance.PENDING) || i.state().equals(Instance.RUNNING)).count();
        int room = (int) Math.max(0, INSTANCE_LIMIT - active);
        if (room < min) {
            throw Ec2Errors.instanceLimitExceeded(min, INSTANCE_LIMIT);
        }
        int launching = Math.min(max, room);
        String reservationId = "r-" + hexIds.apply(tx);
        Instant now = Instant.now(clock);
        List<Instance> launched = new ArrayList<>();
        for (int index = 0; index < launching; index++) {
            String id = "i-" + hexIds.apply(tx);
            List<Instance.Device> devices = new ArrayList<>();
            for (PlannedVolume p : planned) {
                Volume v = volumes.createAttached(tx, account, region, new Inputs.CreateVolume(zone, p.size(),
                                p.volumeType(), p.iops(), p.encrypted(), p.kmsKeyId(), null, in.volumeTags()),
                        new Volume.Attachment(id, p.deviceName(), now, p.deleteOnTermination()));
                devices.add(new Instance.Device(p.deviceName(), v.id(), now, p.deleteOnTermination()));
            }
            Instance instance = new Instance(account, region, id, reservationId, image.id(), type, zone,
                    image.architecture(), image.rootDeviceName(), index, Instance.PENDING, now, now, devices,
                    instanceTags, in.clientToken(), Boolean.TRUE.equals(in.disableApiTermination()), null);
            instances.put(tx, id, instance, Tx.ABSENT);
            scheduleNextState(tx, id, now);
            launched.add(instance);
        }
        return new Reservation(reservationId, account, launched);
    }

    private static int count(Integer value, String parameter, String word) {
        if (value == null) {
            throw Ec2Errors.missingParameter(parameter);
        }
        if (value < 1) {
            throw Ec2Errors.invalidParameterValue(word + " instance count must be greater than zero");
        }
        return value;
    }

    /** Key pairs, subnets and security groups are not served, so any one named does not exist. */
    private static void checkUnservedReferences(Inputs.RunInstances in) {
        if (in.keyName() != null && !in.keyName().isEmpty()) {
            throw Ec2Errors.keyPairNotFound(in.keyName());
        }
        if (in.subnetId() != null && !in.subnetId().isEmpty()) {
            throw Ec2Errors.subnetNotFound(in.subnetId());
        }
        if (in.securityGroupIds() != null && !in.securityGroupIds().isEmpty()) {
            throw Ec2Errors.securityGroupNotFound(in.securityGroupIds().get(0));
        }
    }

    /** A volume the launch creates at a device name (the root volume from the image, others as mapped). */
    record PlannedVolume(String deviceName, int size, String volumeType, Integer iops, Boolean encrypted,
                         String kmsKeyId, boolean deleteOnTermination) {
    }

    /** Restores: an instance of a given configuration whose volumes, already created, are attached to it. */
    Instance launchRestored(Tx tx, String account, String region, String imageId, String type, String zone,
                            String architecture, String rootDeviceName, Map<String, String> tags,
                            boolean disableApiTermination, List<Instance.Device> devices, String restoredFrom) {
        String id = "i-" + hexIds.apply(tx);
        Instant now = Instant.now(clock);
        List<Instance.Device> attached = new ArrayList<>();
        for (Instance.Device d : devices) {
            volumes.attach(tx, d.volumeId(), new Volume.Attachment(id, d.deviceName(), now, d.deleteOnTermination()));
            attached.add(new Instance.Device(d.deviceName(), d.volumeId(), now, d.deleteOnTermination()));
        }
        Instance instance = new Instance(account, region, id, "r-" + hexIds.apply(tx), imageId, type, zone,
                architecture, rootDeviceName, 0, Instance.PENDING, now, now, attached, tags, null,
                disableApiTermination, restoredFrom);
        instances.put(tx, id, instance, Tx.ABSENT);
        scheduleNextState(tx, id, now);
        return instance;
    }

    // ---- reads

    /**
     * Every instance the account has in the Region (terminated ones while still visible), by reservation and
     * launch index, so that a reservation's instances are listed together and in launch order.
     */
    public List<Instance> all(Tx tx, String account, String region) {
        return instances.list(tx, "").stream()
                .filter(i -> i.accountId().equals(account) && i.region().equals(region))
                .sorted(Comparator.comparing(InstanceService::listingKey)).toList();
    }

    private static String listingKey(Instance i) {
        return i.reservationId() + "/" + String.format("%05d", i.launchIndex());
    }

    /** Instances AWS Backup and the Tagging API see: neither shutting down nor terminated. */
    public List<Instance> live(Tx tx, String account, String region) {
        return all(tx, account, region).stream().filter(Instance::live).toList();
    }

    public Optional<Instance> find(Tx tx, String account, String region, String idOrArn) {
        String id = Ec2Service.idOf(idOrArn);
        return id == null || id.isEmpty() ? Optional.empty() : instances.get(tx, id)
                .filter(i -> i.accountId().equals(account) && i.region().equals(region));
    }

    public Instance instance(Tx tx, String account, String region, String idOrArn) {
        String id = Ec2Service.idOf(idOrArn);
        checkId(id);
        return find(tx, account, region, id).orElseThrow(() -> Ec2Errors.instanceNotFound(List.of(id)));
    }

    private static void checkId(String id) {
        if (id == null || !INSTANCE_ID.matcher(id).matches()) {
            throw Ec2Errors.malformedInstanceId(id);
        }
    }

    /** All of the ids, each the caller's; the unknown ones are named together. */
    private List<Instance> instances(Tx tx, String account, String region, List<String> ids) {
        if (ids == null || ids.isEmpty()) {
            throw Ec2Errors.missingParameter("InstanceId");
        }
        ids.forEach(InstanceService::checkId);
        List<Instance> found = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String id : new java.util.LinkedHashSet<>(ids)) {
            find(tx, account, region, id).ifPresentOrElse(found::add, () -> missing.add(id));
        }
        if (!missing.isEmpty()) {
            throw Ec2Errors.instanceNotFound(missing);
        }
        return found;
    }

    public record Page(List<Instance> instances, String nextToken) {
    }

    /** DescribeInstances: by ids (all must exist), filtered, in pages of 5 to 1000 instances. */
    public Page describe(Tx tx, String account, String region, List<String> ids, List<Inputs.Filter> filters,
                         Integer maxResults, String nextToken) {
        List<Inputs.Filter> fs = filters == null ? List.of() : filters;
        fs.forEach(f -> Listing.checkFilter(f, FILTERS));
        List<Instance> candidates;
        if (ids != null && !ids.isEmpty()) {
            if (maxResults != null) {
                throw Ec2Errors.invalidParameterCombination("The parameter instancesSet cannot be used with the "
                        + "parameter maxResults");
            }
            candidates = instances(tx, account, region, ids).stream()
                    .sorted(Comparator.comparing(InstanceService::listingKey)).toList();
        } else {
            candidates = all(tx, account, region);
        }
        List<Instance> matching = candidates.stream().filter(i -> fs.stream().allMatch(f -> matches(i, f))).toList();
        return Listing.page(matching, InstanceService::listingKey, maxResults, nextToken, 5, 1000, Page::new);
    }

    private static boolean matches(Instance i, Inputs.Filter f) {
        List<String> v = Listing.values(f);
        if (f.name().startsWith("tag:")) {
            return Listing.tagMatches(i.tags(), f);
        }
        return switch (f.name()) {
            case "instance-id" -> Listing.anyGlob(v, i.id());
            case "instance-state-name" -> Listing.anyGlob(v, i.state());
            case "instance-state-code" -> Listing.anyGlob(v, Integer.toString(Instance.stateCode(i.state())));
            case "tag-key" -> i.tags().keySet().stream().anyMatch(k -> Listing.anyGlob(v, k));
            case "availability-zone" -> Listing.anyGlob(v, i.availabilityZone());
            case "instance-type" -> Listing.anyGlob(v, i.instanceType());
            case "image-id" -> Listing.anyGlob(v, i.imageId());
            case "reservation-id" -> Listing.anyGlob(v, i.reservationId());
            case "architecture" -> Listing.anyGlob(v, i.architecture());
            case "block-device-mapping.volume-id" -> i.devices().stream()
                    .anyMatch(d -> Listing.anyGlob(v, d.volumeId()));
            case "block-device-mapping.device-name" -> i.devices().stream()
                    .anyMatch(d -> Listing.anyGlob(v, d.deviceName()));
            case "root-device-name" -> Listing.anyGlob(v, i.rootDeviceName());
            case "root-device-type" -> Listing.anyGlob(v, "ebs");
            case "owner-id" -> Listing.anyGlob(v, i.accountId());
            case "client-token" -> Listing.anyGlob(v, i.clientToken());
            default -> false;
        };
    }

    // ---- state changes

    public record StateChange(String instanceId, String previous, String current) {
    }

    /** TerminateInstances: shutting-down now, terminated right after (see the class comment). */
    public List<StateChange> terminate(Tx tx, String account, String region, List<String> ids) {
        List<Instance> targets = instances(tx, account, region, ids);
        targets.stream().filter(Instance::disableApiTermination).findFirst().ifPresent(i -> {
            throw Ec2Errors.terminationProtected(i.id());
        });
        return targets.stream().map(i -> i.live() ? change(tx, i, Instance.SHUTTING_DOWN)
                : new StateChange(i.id(), i.state(), i.state())).toList();
    }

    /** StopInstances: stopping now, stopped right after; stopping a stopped instance changes nothing. */
    public List<StateChange> stop(Tx tx, String account, String region, List<String> ids) {
        List<Instance> targets = instances(tx, account, region, ids);
        targets.stream().filter(i -> !i.live()).findFirst().ifPresent(i -> {
            throw Ec2Errors.incorrectInstanceState(i.id(), "stopped");
        });
        return targets.stream().map(i -> i.state().equals(Instance.PENDING) || i.state().equals(Instance.RUNNING)
                ? change(tx, i, Instance.STOPPING) : new StateChange(i.id(), i.state(), i.state())).toList();
    }

    /** StartInstances: a stopped instance is pending now, running right after. */
    public List<StateChange> start(Tx tx, String account, String region, List<String> ids) {
        List<Instance> targets = instances(tx, account, region, ids);
        targets.stream().filter(i -> !i.live() || i.state().equals(Instance.STOPPING)).findFirst().ifPresent(i -> {
            throw Ec2Errors.incorrectInstanceState(i.id(), "started");
        });
        return targets.stream().map(i -> i.state().equals(Instance.STOPPED) ? change(tx, i, Instance.PENDING)
                : new StateChange(i.id(), i.state(), i.state())).toList();
    }

    private StateChange change(Tx tx, Instance i, String to) {
        Instant now = Instant.now(clock);
        instances.put(tx, i.id(), i.withState(to, now));
        scheduleNextState(tx, i.id(), now);
        return new StateChange(i.id(), i.state(), to);
    }

    private void scheduleNextState(Tx tx, String id, Instant due) {
        tx.timers().schedule(TIMER + "/" + id, TIMER, due, id.getBytes(StandardCharsets.UTF_8));
    }

    /** Under a key of its own: the timer running now (same instance, other key) completes after this is set. */
    private void scheduleForgetting(Tx tx, String id, Instant due) {
        tx.timers().schedule(TIMER + "/" + id + "/forget", TIMER, due, id.getBytes(StandardCharsets.UTF_8));
    }

    /** The timer's work: the transient state ends; a terminated instance's time to be seen ends. */
    public void onTimer(Tx tx, byte[] payload) {
        String id = new String(payload, StandardCharsets.UTF_8);
        Instance i = instances.get(tx, id).orElse(null);
        if (i == null) {
            return;
        }
        Instant now = Instant.now(clock);
        switch (i.state()) {
            case Instance.PENDING -> instances.put(tx, id, i.withState(Instance.RUNNING, now));
            case Instance.STOPPING -> instances.put(tx, id, i.withState(Instance.STOPPED, now));
            case Instance.SHUTTING_DOWN -> {
                for (Instance.Device d : i.devices()) {
                    if (d.deleteOnTermination()) {
                        volumes.remove(tx, d.volumeId());
                    } else {
                        volumes.detach(tx, d.volumeId());
                    }
                }
                instances.put(tx, id, i.withState(Instance.TERMINATED, now).withDevices(List.of()));
                scheduleForgetting(tx, id, now.plus(TERMINATED_VISIBLE));
            }
            case Instance.TERMINATED -> instances.delete(tx, id);
            default -> {
                // running or stopped: nothing is due (a timer of an earlier state change)
            }
        }
    }

    // ---- tags

    @Override
    public String idPrefix() {
        return "i-";
    }

    @Override
    public String resourceType() {
        return "instance";
    }

    @Override
    public Map<String, String> tagsOf(Tx tx, String account, String region, String id) {
        return instance(tx, account, region, id).tags();
    }

    @Override
    public void replaceTags(Tx tx, String account, String region, String id, Map<String, String> tags) {
        Instance i = instance(tx, account, region, id);
        instances.put(tx, i.id(), i.withTags(tags));
    }

    @Override
    public List<Map.Entry<String, Map<String, String>>> tagged(Tx tx, String account, String region) {
        return all(tx, account, region).stream().map(i -> Map.entry(i.id(), i.tags())).toList();
    }
}
