package io.strongroom.ec2;

import io.strongroom.ec2.codec.Ec2Codecs;
import io.strongroom.storage.Collection;
import io.strongroom.storage.Tx;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * EBS volumes and, as a Strongroom extension, their bytes, kept in the store: volumes in {@code ec2.volumes}
 * under their id (ids are unique across accounts), data in {@code ec2.volume-data} under the volume id.
 */
public final class Ec2Service {
    public static final Set<String> VOLUME_TYPES = Set.of("standard", "io1", "io2", "gp2", "sc1", "st1", "gp3");
    private static final Pattern VOLUME_ID = Pattern.compile("vol-[0-9a-f]{8}([0-9a-f]{9})?");
    private static final Set<String> VOLUME_FILTERS = Set.of("tag-key", "volume-id", "status", "availability-zone",
            "volume-type", "size", "encrypted");
    private static final Set<String> TAG_FILTERS = Set.of("resource-id", "resource-type", "key", "value");

    private final Collection<Volume> volumes = new Collection<>("ec2.volumes", Ec2Codecs.VOLUME);
    private final Collection<byte[]> data = new Collection<>("ec2.volume-data", Ec2Codecs.DATA);
    private final Clock clock;
    private final Function<Tx, String> volumeIds;

    /** @param volumeIds hands out 17 hex digits for {@code vol-} ids from the server's seeded generator */
    public Ec2Service(Clock clock, Function<Tx, String> volumeIds) {
        this.clock = clock;
        this.volumeIds = volumeIds;
    }

    // ---- volumes

    public Volume createVolume(Tx tx, String account, String region, Inputs.CreateVolume in) {
        if (in.availabilityZone() == null || in.availabilityZone().isEmpty()) {
            throw Ec2Errors.missingParameter("AvailabilityZone");
        }
        checkZone(region, in.availabilityZone());
        if (in.snapshotId() != null) {
            throw Ec2Errors.snapshotNotFound(in.snapshotId());
        }
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
            throw new io.strongroom.kernel.ServiceException(io.strongroom.kernel.ErrorCode.of(
                    "InvalidParameterDependency"), "The parameter KmsKeyId requires the parameter Encrypted to be set.");
        }
        Map<String, String> tags = nonNull(in.tags());
        validateTags(tags);
        Volume v = new Volume(account, region, "vol-" + volumeIds.apply(tx), in.availabilityZone(), in.size(), type,
                iops != null ? iops : defaultIops(type, in.size()), encrypted,
                encrypted ? kmsKeyArn(account, region, in.kmsKeyId()) : null, Instant.now(clock), tags, null);
        volumes.put(tx, v.id(), v, Tx.ABSENT);
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
        if (id == null || !VOLUME_ID.matcher(id).matches()) {
            throw Ec2Errors.malformedVolumeId(id);
        }
        return find(tx, account, region, id).orElseThrow(() -> Ec2Errors.volumeNotFound(id));
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

    /** DescribeVolumes: by ids (all must exist), filtered, in pages of {@code maxResults} (5 to 500). */
    public Page describe(Tx tx, String account, String region, List<String> ids, List<Inputs.Filter> filters,
                         Integer maxResults, String nextToken) {
        List<Inputs.Filter> fs = filters == null ? List.of() : filters;
        fs.forEach(f -> checkFilter(f, VOLUME_FILTERS));
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
        return page(matching, Volume::id, maxResults, nextToken, 5, 500, Page::new);
    }

    private interface PageMaker<T, P> {
        P make(List<T> items, String next);
    }

    private static <T, P> P page(List<T> all, Function<T, String> key, Integer maxResults, String nextToken,
                                 int min, int max, PageMaker<T, P> maker) {
        if (maxResults != null && (maxResults < min || maxResults > max)) {
            throw Ec2Errors.invalidParameterValue("Value (" + maxResults + ") for parameter maxResults is invalid. "
                    + "Expecting a value between " + min + " and " + max + ".");
        }
        int start = 0;
        if (nextToken != null && !nextToken.isEmpty()) {
            String after = decodeToken(nextToken);
            start = (int) all.stream().filter(t -> key.apply(t).compareTo(after) <= 0).count();
        }
        int size = maxResults == null ? all.size() : maxResults;
        int end = Math.min(all.size(), start + size);
        String next = end < all.size() ? encodeToken(key.apply(all.get(end - 1))) : null;
        return maker.make(all.subList(start, end), next);
    }

    private static String encodeToken(String lastKey) {
        return java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(("v1:" + lastKey).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static String decodeToken(String token) {
        try {
            String s = new String(java.util.Base64.getUrlDecoder().decode(token),
                    java.nio.charset.StandardCharsets.UTF_8);
            if (s.startsWith("v1:")) {
                return s.substring(3);
            }
        } catch (IllegalArgumentException e) {
            // fall through
        }
        throw Ec2Errors.invalidNextToken(token);
    }

    private static void checkFilter(Inputs.Filter f, Set<String> names) {
        if (f.name() == null || !(names.contains(f.name()) || (f.name().startsWith("tag:")
                && f.name().length() > 4))) {
            throw Ec2Errors.invalidParameterValue("The filter '" + f.name() + "' is invalid");
        }
    }

    private static boolean matches(Volume v, Inputs.Filter f) {
        List<String> values = f.values() == null ? List.of() : f.values();
        String name = f.name();
        if (name.startsWith("tag:")) {
            String value = v.tags().get(name.substring(4));
            return value != null && anyGlob(values, value);
        }
        return switch (name) {
            case "tag-key" -> v.tags().keySet().stream().anyMatch(k -> anyGlob(values, k));
            case "volume-id" -> anyGlob(values, v.id());
            case "status" -> anyGlob(values, "available");
            case "availability-zone" -> anyGlob(values, v.availabilityZone());
            case "volume-type" -> anyGlob(values, v.volumeType());
            case "size" -> anyGlob(values, Integer.toString(v.size()));
            case "encrypted" -> anyGlob(values, Boolean.toString(v.encrypted()));
            default -> false;
        };
    }

    /** EC2 filter values: {@code *} any run, {@code ?} one character, {@code \} escapes. */
    static boolean anyGlob(List<String> patterns, String value) {
        return patterns.stream().anyMatch(p -> glob(p).matcher(value).matches());
    }

    private static Pattern glob(String p) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            if (c == '\\' && i + 1 < p.length()) {
                re.append(Pattern.quote(String.valueOf(p.charAt(++i))));
            } else if (c == '*') {
                re.append(".*");
            } else if (c == '?') {
                re.append('.');
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString(), Pattern.DOTALL);
    }

    public Volume deleteVolume(Tx tx, String account, String region, String id) {
        Volume v = volume(tx, account, region, id);
        data.delete(tx, v.id());
        volumes.delete(tx, v.id());
        return v;
    }

    // ---- tags

    /** CreateTags: every resource must be an existing volume of the caller's; all or nothing. */
    public void createTags(Tx tx, String account, String region, List<String> resourceIds, Map<String, String> tags) {
        if (resourceIds == null || resourceIds.isEmpty()) {
            throw Ec2Errors.missingParameter("resourceIdSet");
        }
        if (tags == null || tags.isEmpty()) {
            throw Ec2Errors.missingParameter("tagSet");
        }
        tags = nonNull(tags);
        validateTags(tags);
        for (Volume v : taggable(tx, account, region, resourceIds)) {
            Map<String, String> merged = new TreeMap<>(v.tags());
            merged.putAll(tags);
            if (merged.size() > 50) {
                throw new io.strongroom.kernel.ServiceException(io.strongroom.kernel.ErrorCode.of(
                        "TagLimitExceeded"), "The maximum number of Tags for a resource has been reached.");
            }
            volumes.put(tx, v.id(), v.withTags(merged));
        }
    }

    /**
     * DeleteTags: a key with a value deletes the tag only when the value matches; a key without a value
     * deletes it whatever its value; no tags at all deletes every tag.
     */
    public void deleteTags(Tx tx, String account, String region, List<String> resourceIds,
                           Map<String, String> keysAndValues) {
        if (resourceIds == null || resourceIds.isEmpty()) {
            throw Ec2Errors.missingParameter("resourceIdSet");
        }
        for (Volume v : taggable(tx, account, region, resourceIds)) {
            Map<String, String> remaining = new TreeMap<>(v.tags());
            if (keysAndValues == null || keysAndValues.isEmpty()) {
                remaining.keySet().removeIf(k -> !k.startsWith("aws:"));
            } else {
                keysAndValues.forEach((k, value) -> {
                    if (value == null || value.equals(remaining.get(k))) {
                        remaining.remove(k);
                    }
                });
            }
            volumes.put(tx, v.id(), v.withTags(remaining));
        }
    }

    public record TagDescription(String resourceId, String resourceType, String key, String value) {
    }

    public record TagPage(List<TagDescription> tags, String nextToken) {
    }

    /** DescribeTags over the caller's volumes: filters resource-id, resource-type, key, value, tag:<key>. */
    public TagPage describeTags(Tx tx, String account, String region, List<Inputs.Filter> filters,
                                Integer maxResults, String nextToken) {
        List<Inputs.Filter> fs = filters == null ? List.of() : filters;
        fs.forEach(f -> checkFilter(f, TAG_FILTERS));
        List<TagDescription> all = new ArrayList<>();
        for (Volume v : listAll(tx, account, region)) {
            v.tags().forEach((k, value) -> all.add(new TagDescription(v.id(), "volume", k, value)));
        }
        List<TagDescription> matching = all.stream().filter(t -> fs.stream().allMatch(f -> {
            List<String> values = f.values() == null ? List.of() : f.values();
            if (f.name().startsWith("tag:")) {
                return t.key().equals(f.name().substring(4)) && anyGlob(values, t.value());
            }
            return switch (f.name()) {
                case "resource-id" -> anyGlob(values, t.resourceId());
                case "resource-type" -> anyGlob(values, t.resourceType());
                case "key" -> anyGlob(values, t.key());
                case "value" -> anyGlob(values, t.value());
                default -> false;
            };
        })).toList();
        return page(matching, t -> t.resourceId() + "\u0000" + t.key(), maxResults, nextToken, 5, 1000,
                TagPage::new);
    }

    /** For the Tagging API and AWS Backup: by ARN, in the caller's account and region. */
    public Volume tag(Tx tx, String account, String region, String arn, Map<String, String> tags) {
        Volume v = volume(tx, account, region, arn);
        validateTags(tags);
        Map<String, String> merged = new TreeMap<>(v.tags());
        merged.putAll(tags);
        Volume updated = v.withTags(merged);
        volumes.put(tx, v.id(), updated);
        return updated;
    }

    public Volume untag(Tx tx, String account, String region, String arn, List<String> keys) {
        Volume v = volume(tx, account, region, arn);
        Map<String, String> remaining = new TreeMap<>(v.tags());
        (keys == null ? List.<String>of() : keys).forEach(remaining::remove);
        Volume updated = v.withTags(remaining);
        volumes.put(tx, v.id(), updated);
        return updated;
    }

    private List<Volume> taggable(Tx tx, String account, String region, List<String> resourceIds) {
        Map<String, Volume> out = new LinkedHashMap<>();
        for (String id : resourceIds) {
            if (id == null || !id.startsWith("vol-")) {
                throw Ec2Errors.invalidId(id);
            }
            Volume v = volume(tx, account, region, id);
            out.put(v.id(), v);
        }
        return List.copyOf(out.values());
    }

    private static Map<String, String> nonNull(Map<String, String> tags) {
        Map<String, String> out = new LinkedHashMap<>();
        if (tags != null) {
            tags.forEach((k, v) -> out.put(k, v == null ? "" : v));
        }
        return out;
    }

    private static void validateTags(Map<String, String> tags) {
        if (tags.size() > 50) {
            throw new io.strongroom.kernel.ServiceException(io.strongroom.kernel.ErrorCode.of("TagLimitExceeded"),
                    "The maximum number of Tags for a resource has been reached.");
        }
        tags.forEach((k, v) -> {
            if (k == null || k.isEmpty() || k.length() > 128) {
                throw Ec2Errors.invalidParameterValue("Tag key must be between 1 and 128 characters long.");
            }
            if (v != null && v.length() > 256) {
                throw Ec2Errors.invalidParameterValue("Tag value exceeds the maximum length of 256 characters");
            }
            if (k.toLowerCase(java.util.Locale.ROOT).startsWith("aws:")) {
                throw Ec2Errors.invalidParameterValue("Tag keys starting with 'aws:' are reserved for internal use");
            }
        });
    }

    // ---- data (Strongroom extension: no EBS direct APIs here)

    /** Replaces a volume's bytes; false when they do not fit in the volume. */
    public boolean putData(Tx tx, String volumeId, byte[] bytes) {
        Volume v = find(tx, volumeId).orElseThrow(() -> Ec2Errors.volumeNotFound(volumeId));
        if (bytes.length > v.sizeBytes()) {
            return false;
        }
        data.put(tx, v.id(), bytes);
        return true;
    }

    public byte[] getData(Tx tx, String volumeId) {
        return data.get(tx, volumeId).orElse(new byte[0]);
    }

    /** For restores: a volume with a given configuration and tags. */
    Volume createRestored(Tx tx, String account, String region, String zone, int size, String type, Integer iops,
                          boolean encrypted, String kmsKeyId, Map<String, String> tags, Volume source) {
        Volume v = new Volume(account, region, "vol-" + volumeIds.apply(tx), zone, size, type,
                iops != null ? iops : defaultIops(type, size), encrypted,
                encrypted ? kmsKeyArn(account, region, kmsKeyId) : null, Instant.now(clock), tags, source.arn());
        volumes.put(tx, v.id(), v, Tx.ABSENT);
        return v;
    }
}
