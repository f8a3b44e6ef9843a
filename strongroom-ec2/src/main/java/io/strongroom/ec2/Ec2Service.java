package io.strongroom.ec2;

import io.strongroom.ec2.codec.Ec2Codecs;
import io.strongroom.kernel.ErrorCode;
import io.strongroom.kernel.ServiceException;
import io.strongroom.resource.Inventories;
import io.strongroom.storage.Collection;
import io.strongroom.storage.Tx;
import io.strongroom.storage.WatchedCollection;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * EBS volumes, kept in the store in {@code ec2.volumes} under their id (ids are unique across accounts), and their
 * bytes, kept in one regular file per volume ({@link VolumeFiles}): the store is the truth about which volumes
 * exist, the files are the data plane. A new volume's file is written inside the creating transaction (its id is
 * new, so nobody else looks at it); a deleted volume's file goes once the deletion has committed; files of volumes
 * that do not exist (a crash, a rollback) are removed by {@link #reconcile} at start-up.
 */
public final class Ec2Service implements TaggedResources {
    public static final Set<String> VOLUME_TYPES = Set.of("standard", "io1", "io2", "gp2", "sc1", "st1", "gp3");
    private static final int MAX_VOLUME_PAGE = 500;
    private static final Pattern VOLUME_ID = Pattern.compile("vol-[0-9a-f]{8}([0-9a-f]{9})?");
    private static final Set<String> VOLUME_FILTERS = Set.of("tag-key", "volume-id", "status", "availability-zone",
            "volume-type", "size", "encrypted", "attachment.instance-id", "attachment.device", "attachment.status",
            "attachment.delete-on-termination");

    /** Every write of a volume moves its account's inventory generation (D71); its data moves nothing. */
    private final WatchedCollection<Volume> volumes = Inventories.collection("ec2.volumes", Ec2Codecs.VOLUME,
            Volume::accountId, Volume::region);
    /** Where volumes' bytes were kept before they lived in files; {@link #reconcile} moves them out. */
    private final Collection<byte[]> legacyData = new Collection<>("ec2.volume-data", Ec2Codecs.DATA);
    private final Clock clock;
    private final Function<Tx, String> volumeIds;
    private final VolumeFiles files;

    /**
     * @param volumeIds hands out 17 hex digits for {@code vol-} ids from the server's seeded generator
     * @param volumeDirectory where each volume's bytes live, as {@code <vol-id>.img}
     */
    public Ec2Service(Clock clock, Function<Tx, String> volumeIds, Path volumeDirectory) {
        this.clock = clock;
        this.volumeIds = volumeIds;
        this.files = new VolumeFiles(volumeDirectory);
    }

    // ---- volumes

    public Volume createVolume(Tx tx, String account, String region, Inputs.CreateVolume in) {
        if (in.availabilityZone() == null || in.availabilityZone().isEmpty()) {
            throw Ec2Errors.missingParameter("AvailabilityZone");
        }
        checkZone(region, in.availabilityZone());
        if (in.snapshotId() != null) { // volumes from the account's own snapshots: OwnSnapshotService (D127)
            throw Ec2Errors.snapshotNotFound(in.snapshotId());
        }
        return newVolume(tx, account, region, in, null, null);
    }

    /** A volume created for an instance at launch (or restore), attached to it from the start. */
    Volume createAttached(Tx tx, String account, String region, Inputs.CreateVolume in, Volume.Attachment attachment) {
        if (in.snapshotId() != null) {
            throw Ec2Errors.snapshotNotFound(in.snapshotId());
        }
        return newVolume(tx, account, region, in, attachment, null);
    }

    /**
     * CreateVolume from one of the account's own snapshots (D127): {@code in} already carries the size and encryption
     * the snapshot implies; the new volume's file holds exactly {@code length} bytes of {@code data}.
     */
    Volume createFromSnapshot(Tx tx, String account, String region, Inputs.CreateVolume in, String snapshotId,
                              java.io.InputStream data, long length) {
        Volume v = newVolume(tx, account, region, in, null, snapshotId);
        putData(tx, v.id(), data, length);
        return v;
    }

    private Volume newVolume(Tx tx, String account, String region, Inputs.CreateVolume in,
                             Volume.Attachment attachment, String snapshotId) {
        checkZone(region, in.availabilityZone());
        if (in.size() == null) {
            throw Ec2Errors.missingParameter("size/snapshotId");
        }
        String type = in.volumeType() == null ? "gp2" : in.volumeType();
        if (!VOLUME_TYPES.contains(type)) {
            throw Ec2Errors.invalidParameterValue("Value (" + type + ") for parameter volumeType is invalid. "
                    + "Valid values are standard, io1, io2, gp2, sc1, st1, gp3.");
        }
        checkSize(type, in.size());
        Integer iops = in.iops();
        if ((type.equals("io1") || type.equals("io2")) && iops == null) {
            throw Ec2Errors.missingParameter("iops");
        }
        if (iops != null && !(type.equals("io1") || type.equals("io2") || type.equals("gp3"))) {
            throw Ec2Errors.invalidParameterCombination("The parameter iops is not supported for " + type
                    + " volumes.");
        }
        boolean encrypted = Boolean.TRUE.equals(in.encrypted());
        if (in.kmsKeyId() != null && !encrypted) {
            throw new ServiceException(ErrorCode.of("InvalidParameterDependency"),
                    "The parameter KmsKeyId requires the parameter Encrypted to be set.");
        }
        Map<String, String> tags = TagRules.nonNull(in.tags());
        TagRules.validate(tags);
        Volume v = new Volume(account, region, "vol-" + volumeIds.apply(tx), in.availabilityZone(), in.size(), type,
                iops != null ? iops : defaultIops(type, in.size()), encrypted,
                encrypted ? kmsKeyArn(account, region, in.kmsKeyId()) : null, Instant.now(clock), tags, null,
                attachment, snapshotId);
        volumes.put(tx, v.id(), v, Tx.ABSENT);
        files.create(v.id());
        return v;
    }

    static void checkZone(String region, String zone) {
        if (zone == null || !zone.startsWith(region) || !zone.substring(region.length()).matches("[a-f]")) {
            throw Ec2Errors.invalidParameterValue("Invalid availability zone: [" + zone + "]");
        }
    }

    static void checkSize(String type, int size) {
        int min = switch (type) {
            case "io1", "io2" -> 4;
            case "st1", "sc1" -> 125;
            default -> 1;
        };
        int max = type.equals("standard") ? 1024 : type.equals("io2") ? 65536 : 16384;
        if (size < min || size > max) {
            throw Ec2Errors.invalidParameterValue("Volume of " + size + "GiB is too " + (size < min ? "small" : "large")
                    + "; minimum is " + min + "GiB, maximum is " + max + "GiB.");
        }
    }

    private static Integer defaultIops(String type, int size) {
        return switch (type) {
            case "gp2" -> Math.min(16000, Math.max(100, size * 3));
            case "gp3" -> 3000;
            default -> null;
        };
    }

    /** The key ARN EC2 reports: given ARNs as they are, key ids and aliases as ARNs, else the default key alias. */
    static String kmsKeyArn(String account, String region, String keyId) {
        String prefix = "arn:aws:kms:" + region + ":" + account + ":";
        if (keyId == null) {
            return prefix + "alias/aws/ebs";
        }
        if (keyId.startsWith("arn:")) {
            return keyId;
        }
        return prefix + (keyId.startsWith("alias/") ? keyId : "key/" + keyId);
    }

    /** A volume by id, whatever its account (the admin API's view). */
    public Optional<Volume> find(Tx tx, String id) {
        return id == null || id.isEmpty() ? Optional.empty() : volumes.get(tx, id);
    }

    /** A volume by id or ARN, in the caller's account and region. */
    public Optional<Volume> find(Tx tx, String account, String region, String idOrArn) {
        return find(tx, idOf(idOrArn)).filter(v -> v.accountId().equals(account) && v.region().equals(region));
    }

    public Volume volume(Tx tx, String account, String region, String idOrArn) {
        String id = idOf(idOrArn);
        checkVolumeId(id);
        return find(tx, account, region, id).orElseThrow(() -> Ec2Errors.volumeNotFound(id));
    }

    static void checkVolumeId(String id) {
        if (id == null || !VOLUME_ID.matcher(id).matches()) {
            throw Ec2Errors.malformedVolumeId(id);
        }
    }

    public static String idOf(String idOrArn) {
        if (idOrArn == null) {
            return null;
        }
        int slash = idOrArn.lastIndexOf('/');
        return idOrArn.startsWith("arn:") && slash >= 0 ? idOrArn.substring(slash + 1) : idOrArn;
    }

    public List<Volume> listAll(Tx tx, String account, String region) {
        return volumes.list(tx, "").stream()
                .filter(v -> v.accountId().equals(account) && v.region().equals(region))
                .sorted(Comparator.comparing(Volume::id)).toList();
    }

    public record Page(List<Volume> volumes, String nextToken) {
    }

    /**
     * DescribeVolumes: by ids (all must exist), filtered, in pages of {@code maxResults}: at least 5, and above
     * 500 a page of 500 (D91: the AWS CLI asks for 1,000 whenever no other parameter is given).
     */
    public Page describe(Tx tx, String account, String region, List<String> ids, List<Inputs.Filter> filters,
                         Integer maxResults, String nextToken) {
        List<Inputs.Filter> fs = filters == null ? List.of() : filters;
        fs.forEach(f -> Listing.checkFilter(f, VOLUME_FILTERS));
        List<Volume> candidates;
        if (ids != null && !ids.isEmpty()) {
            if (maxResults != null) {
                throw Ec2Errors.invalidParameterCombination("The parameter volumeSet cannot be used with the "
                        + "parameter maxResults");
            }
            List<String> missing = new ArrayList<>();
            candidates = new ArrayList<>();
            for (String id : ids) {
                if (!VOLUME_ID.matcher(id).matches()) {
                    throw Ec2Errors.malformedVolumeId(id);
                }
                find(tx, account, region, id).ifPresentOrElse(candidates::add, () -> missing.add(id));
            }
            if (!missing.isEmpty()) {
                throw Ec2Errors.volumeNotFound(String.join(", ", missing));
            }
        } else {
            candidates = listAll(tx, account, region);
        }
        List<Volume> matching = candidates.stream().filter(v -> fs.stream().allMatch(f -> matches(v, f))).toList();
        Integer pageSize = maxResults == null ? null : Math.min(maxResults, MAX_VOLUME_PAGE);
        return Listing.page(matching, Volume::id, pageSize, nextToken, 5, MAX_VOLUME_PAGE, Page::new);
    }

    private static boolean matches(Volume v, Inputs.Filter f) {
        List<String> values = Listing.values(f);
        if (f.name().startsWith("tag:")) {
            return Listing.tagMatches(v.tags(), f);
        }
        Volume.Attachment a = v.attachment();
        return switch (f.name()) {
            case "tag-key" -> v.tags().keySet().stream().anyMatch(k -> Listing.anyGlob(values, k));
            case "volume-id" -> Listing.anyGlob(values, v.id());
            case "status" -> Listing.anyGlob(values, v.state());
            case "availability-zone" -> Listing.anyGlob(values, v.availabilityZone());
            case "volume-type" -> Listing.anyGlob(values, v.volumeType());
            case "size" -> Listing.anyGlob(values, Integer.toString(v.size()));
            case "encrypted" -> Listing.anyGlob(values, Boolean.toString(v.encrypted()));
            case "attachment.instance-id" -> a != null && Listing.anyGlob(values, a.instanceId());
            case "attachment.device" -> a != null && Listing.anyGlob(values, a.device());
            case "attachment.status" -> a != null && Listing.anyGlob(values, "attached");
            case "attachment.delete-on-termination" -> a != null
                    && Listing.anyGlob(values, Boolean.toString(a.deleteOnTermination()));
            default -> false;
        };
    }

    /** DeleteVolume: an attached volume is {@code VolumeInUse}. */
    public Volume deleteVolume(Tx tx, String account, String region, String id) {
        Volume v = volume(tx, account, region, id);
        if (v.attachment() != null) {
            throw Ec2Errors.volumeInUse(v.id(), v.attachment().instanceId());
        }
        remove(tx, v.id());
        return v;
    }

    /** Removes a volume whatever its state (an instance's DeleteOnTermination volumes); its file once committed. */
    void remove(Tx tx, String id) {
        volumes.delete(tx, id);
        tx.afterCommit(() -> files.delete(id));
    }

    /** The instance let go of the volume: it is available again. */
    void detach(Tx tx, String id) {
        find(tx, id).ifPresent(v -> volumes.put(tx, v.id(), v.withAttachment(null)));
    }

    // ---- tags (CreateTags, DeleteTags, DescribeTags live in Ec2Tags)

    @Override
    public String idPrefix() {
        return "vol-";
    }

    @Override
    public String resourceType() {
        return "volume";
    }

    @Override
    public Map<String, String> tagsOf(Tx tx, String account, String region, String id) {
        return volume(tx, account, region, id).tags();
    }

    @Override
    public void replaceTags(Tx tx, String account, String region, String id, Map<String, String> tags) {
        Volume v = volume(tx, account, region, id);
        volumes.put(tx, v.id(), v.withTags(tags));
    }

    @Override
    public List<Map.Entry<String, Map<String, String>>> tagged(Tx tx, String account, String region) {
        return listAll(tx, account, region).stream().map(v -> Map.entry(v.id(), v.tags())).toList();
    }

    // ---- data (the volume files; no EBS direct APIs here)

    /** The file holding a volume's bytes (whether or not the volume exists). */
    public Path dataFile(String volumeId) {
        return files.file(volumeId);
    }

    /** Replaces a volume's bytes; false when they do not fit in the volume. */
    public boolean putData(Tx tx, String volumeId, byte[] bytes) {
        Volume v = find(tx, volumeId).orElseThrow(() -> Ec2Errors.volumeNotFound(volumeId));
        if (bytes.length > v.sizeBytes()) {
            return false;
        }
        files.replace(v.id(), bytes);
        return true;
    }

    /** A volume's bytes as its file holds them, up to the volume's size; empty when there is no such volume. */
    public byte[] getData(Tx tx, String volumeId) {
        return find(tx, volumeId).map(v -> files.read(v.id(), v.sizeBytes())).orElse(new byte[0]);
    }

    /** What a snapshot keeps of a volume: its bytes without trailing zeros. */
    long snapshotLength(Volume v) {
        return files.writtenLength(v.id(), v.sizeBytes());
    }

    /** The first {@code length} bytes of the volume, read as they are consumed. */
    java.io.InputStream snapshotStream(Volume v, long length) throws java.io.IOException {
        return files.stream(v.id(), length);
    }

    /** Replaces a restored volume's bytes with {@code length} bytes read from {@code content}. */
    void putData(Tx tx, String volumeId, java.io.InputStream content, long length) {
        Volume v = find(tx, volumeId).orElseThrow(() -> Ec2Errors.volumeNotFound(volumeId));
        if (length > v.sizeBytes()) {
            throw new IllegalStateException("A snapshot of " + length + " bytes does not fit volume " + volumeId);
        }
        files.replace(v.id(), content);
    }

    /** How many bytes of the volume its file holds. */
    long dataLength(Volume v) {
        return files.length(v.id(), v.sizeBytes());
    }

    /**
     * At start-up: moves bytes that earlier versions kept in the store into the volume files, and deletes the files
     * of volumes that do not exist (left by a crash before a deletion's file was removed, or by a rollback).
     */
    public void reconcile(Tx tx) {
        Set<String> ids = new HashSet<>();
        volumes.list(tx, "").forEach(v -> ids.add(v.id()));
        for (String id : ids) {
            legacyData.get(tx, id).ifPresent(bytes -> {
                files.replace(id, bytes);
                legacyData.delete(tx, id);
            });
        }
        files.removeOrphans(ids);
    }

    /** For restores: a volume with a given configuration and tags, attached to an instance or not. */
    Volume createRestored(Tx tx, String account, String region, String zone, int size, String type, Integer iops,
                          boolean encrypted, String kmsKeyId, Map<String, String> tags, Volume source) {
        Volume v = new Volume(account, region, "vol-" + volumeIds.apply(tx), zone, size, type,
                iops != null ? iops : defaultIops(type, size), encrypted,
                encrypted ? kmsKeyArn(account, region, kmsKeyId) : null, Instant.now(clock), tags, source.arn(),
                null);
        volumes.put(tx, v.id(), v, Tx.ABSENT);
        files.create(v.id());
        return v;
    }

    /** Attaches a volume (created for the instance by a launch or a restore) to an instance. */
    Volume attach(Tx tx, String volumeId, Volume.Attachment attachment) {
        Volume v = find(tx, volumeId).orElseThrow(() -> Ec2Errors.volumeNotFound(volumeId));
        Volume attached = v.withAttachment(attachment);
        volumes.put(tx, v.id(), attached);
        return attached;
    }
}
