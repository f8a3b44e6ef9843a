package io.strongroom.engine.cloudtrail;

import io.strongroom.engine.cache.Generation;
import io.strongroom.json.JsonCodec;
import io.strongroom.storage.Collection;
import io.strongroom.storage.Tx;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * CloudTrail trails (D133): created, read, started, stopped and deleted in their home Region, organization trails from
 * the management account, and the bucket checked at creation as CloudTrail checks it. Every change moves the
 * {@value #GENERATION} generation, which {@link TrailDelivery} keys its view of the logging trails on.
 */
public final class TrailService {
    static final String GENERATION = "cloudtrail-trails";
    /** AWS's quota of trails per account and Region. */
    private static final int MAX_TRAILS = 5;
    private static final Pattern NAME_CHARS = Pattern.compile("[A-Za-z0-9._-]+");
    private static final Pattern ARN = Pattern.compile("arn:aws:cloudtrail:([a-z0-9-]+):(\\d{12}):trail/(.+)");

    private final Collection<Trail> trails = new Collection<>("cloudtrail.trails", JsonCodec.of(Trail.class));
    private final TrailPorts.Organizations organizations;
    private final TrailPorts.Buckets buckets;
    private final Clock clock;

    public TrailService(TrailPorts.Organizations organizations, TrailPorts.Buckets buckets, Clock clock) {
        this.organizations = organizations;
        this.buckets = buckets;
        this.clock = clock;
    }

    /** What CreateTrail asks for. */
    public record Creation(String name, String bucket, String keyPrefix, Boolean includeGlobalServiceEvents,
                           Boolean multiRegion, Boolean organization, Map<String, String> tags) {
    }

    public Trail create(Tx tx, String account, String region, Creation c) {
        checkName(c.name());
        if (c.bucket() == null || c.bucket().length() < 3 || c.bucket().length() > 63) {
            throw CloudTrailErrors.invalidBucketName(String.valueOf(c.bucket()));
        }
        if (c.keyPrefix() != null && c.keyPrefix().length() > 200) {
            throw CloudTrailErrors.invalidPrefix();
        }
        String organizationId = Boolean.TRUE.equals(c.organization()) ? organizationOfManagement(tx, account) : null;
        if (trails.get(tx, key(account, region, c.name())).isPresent()) {
            throw CloudTrailErrors.trailExists(c.name(), account);
        }
        if (trails.list(tx, account + "/" + region + "/").size() >= MAX_TRAILS) {
            throw CloudTrailErrors.tooManyTrails(account, region);
        }
        Trail trail = new Trail(c.name(), account, region, c.bucket(), emptyToNull(c.keyPrefix()),
                !Boolean.FALSE.equals(c.includeGlobalServiceEvents()), Boolean.TRUE.equals(c.multiRegion()),
                organizationId, Instant.now(clock), false, null, null, null, null, null, c.tags());
        buckets.checkWritable(tx, trail, TrailLogFiles.folder(trail, account));
        trails.put(tx, key(account, region, c.name()), trail);
        Generation.bump(tx, GENERATION);
        return trail;
    }

    /** The trail a name (of the caller's account in this Region) or an ARN names, if the caller may see it. */
    public Trail get(Tx tx, String account, String region, String nameOrArn) {
        return find(tx, account, region, nameOrArn)
                .orElseThrow(() -> CloudTrailErrors.trailNotFound(nameOrArn, account));
    }

    /**
     * DescribeTrails: the caller's trails of this Region, its multi-Region trails of other Regions and its
     * organization's trails where {@code includeShadowTrails} (default true), or those named.
     */
    public List<Trail> describe(Tx tx, String account, String region, List<String> names, Boolean includeShadowTrails) {
        if (names != null && !names.isEmpty()) {
            List<Trail> named = new ArrayList<>();
            for (String name : names) {
                find(tx, account, region, name).ifPresent(named::add);
            }
            return named;
        }
        boolean shadows = !Boolean.FALSE.equals(includeShadowTrails);
        return visible(tx, account).stream()
                .filter(t -> t.homeRegion().equals(region) && t.homeAccount().equals(account)
                        || shadows && (t.multiRegion() || !t.homeAccount().equals(account)
                        && t.homeRegion().equals(region)))
                .toList();
    }

    /** ListTrails: every trail the caller sees, of any Region. */
    public List<Trail> list(Tx tx, String account) {
        return visible(tx, account);
    }

    public Trail startLogging(Tx tx, String account, String region, String nameOrArn) {
        Trail trail = owned(tx, account, region, nameOrArn);
        buckets.checkWritable(tx, trail, TrailLogFiles.folder(trail, account));
        return trail.logging() ? trail : save(tx, trail.withLogging(true, Instant.now(clock)));
    }

    public Trail stopLogging(Tx tx, String account, String region, String nameOrArn) {
        Trail trail = owned(tx, account, region, nameOrArn);
        return trail.logging() ? save(tx, trail.withLogging(false, Instant.now(clock))) : trail;
    }

    public void delete(Tx tx, String account, String region, String nameOrArn) {
        Trail trail = owned(tx, account, region, nameOrArn);
        trails.delete(tx, key(trail.homeAccount(), trail.homeRegion(), trail.name()));
        Generation.bump(tx, GENERATION);
    }

    /** Every trail that is logging now, of every account (few: five per account and Region at most). */
    List<Trail> logging(Tx tx) {
        return trails.list(tx, "").stream().filter(Trail::logging).toList();
    }

    Optional<Trail> byArn(Tx tx, String arn) {
        var m = ARN.matcher(arn);
        return m.matches() ? trails.get(tx, key(m.group(2), m.group(1), m.group(3))) : Optional.empty();
    }

    /** Keeps what a delivery did, without moving the generation: the logging trails do not change. */
    void recordDelivery(Tx tx, Trail trail, Instant at, String error) {
        byArn(tx, trail.arn()).ifPresent(now -> trails.put(tx, key(now.homeAccount(), now.homeRegion(), now.name()),
                now.delivered(at, error)));
    }

    private Trail save(Tx tx, Trail trail) {
        trails.put(tx, key(trail.homeAccount(), trail.homeRegion(), trail.name()), trail);
        Generation.bump(tx, GENERATION);
        return trail;
    }

    /** A trail the caller may change: its own, called in the trail's home Region. */
    private Trail owned(Tx tx, String account, String region, String nameOrArn) {
        Trail trail = get(tx, account, region, nameOrArn);
        if (!trail.homeAccount().equals(account)) {
            throw CloudTrailErrors.notManagementAccount(); // a member account's view of its organization's trail
        }
        if (!trail.homeRegion().equals(region)) {
            throw CloudTrailErrors.homeRegion(trail.arn());
        }
        return trail;
    }

    private Optional<Trail> find(Tx tx, String account, String region, String nameOrArn) {
        if (nameOrArn == null || nameOrArn.isEmpty()) {
            throw CloudTrailErrors.invalidTrailName("Trail name or ARN must not be empty.");
        }
        if (!nameOrArn.startsWith("arn:")) {
            checkName(nameOrArn);
            return trails.get(tx, key(account, region, nameOrArn));
        }
        var m = ARN.matcher(nameOrArn);
        if (!m.matches()) {
            throw CloudTrailErrors.invalidArn(nameOrArn);
        }
        return trails.get(tx, key(m.group(2), m.group(1), m.group(3))).filter(t -> sees(tx, account, t));
    }

    private List<Trail> visible(Tx tx, String account) {
        return trails.list(tx, "").stream().filter(t -> sees(tx, account, t)).toList();
    }

    /** An account sees its own trails and the organization trails of its organization. */
    private boolean sees(Tx tx, String account, Trail trail) {
        if (trail.homeAccount().equals(account)) {
            return true;
        }
        return trail.organizationTrail() && organizations.organizationId(tx, account)
                .map(trail.organizationId()::equals).orElse(false);
    }

    private String organizationOfManagement(Tx tx, String account) {
        TrailPorts.OrganizationFacts org = organizations.of(tx, account)
                .orElseThrow(CloudTrailErrors::organizationsNotInUse);
        if (!org.managementAccountId().equals(account)) {
            throw CloudTrailErrors.notManagementAccount();
        }
        if (!org.allFeatures()) {
            throw CloudTrailErrors.notAllFeatures();
        }
        if (!org.cloudTrailAccessEnabled()) {
            throw CloudTrailErrors.accessNotEnabled();
        }
        return org.organizationId();
    }

    /** AWS's rules for a trail name, with its messages. */
    static void checkName(String name) {
        if (name == null) {
            throw CloudTrailErrors.invalidTrailName("Trail name must not be empty.");
        }
        if (name.length() < 3) {
            throw CloudTrailErrors.invalidTrailName("Trail name too short. Minimum allowed length: 3 characters. "
                    + "Specified name length: " + name.length() + " characters.");
        }
        if (name.length() > 128) {
            throw CloudTrailErrors.invalidTrailName("Trail name too long. Maximum allowed length: 128 characters. "
                    + "Specified name length: " + name.length() + " characters.");
        }
        if (!Character.isLetterOrDigit(name.charAt(0))) {
            throw CloudTrailErrors.invalidTrailName("Trail name must starts with a letter or number.");
        }
        if (!Character.isLetterOrDigit(name.charAt(name.length() - 1))) {
            throw CloudTrailErrors.invalidTrailName("Trail name must ends with a letter or number.");
        }
        if (!NAME_CHARS.matcher(name).matches()) {
            throw CloudTrailErrors.invalidTrailName("Trail name or ARN can only contain uppercase letters, lowercase "
                    + "letters, numbers, periods (.), hyphens (-), and underscores (_).");
        }
        if (name.matches(".*[._-]{2}.*")) {
            throw CloudTrailErrors.invalidTrailName("Trail name must not contain adjacent periods, underscores or "
                    + "dashes.");
        }
    }

    private static String key(String account, String region, String name) {
        return account + "/" + region + "/" + name;
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
