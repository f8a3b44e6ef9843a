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
    private static final int MAX_EVENT_SELECTORS = 5;
    private static final Pattern NAME_CHARS = Pattern.compile("[A-Za-z0-9._-]+");

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
                           Boolean multiRegion, Boolean organization, List<TrailTags.Tag> tags) {
    }

    /** What UpdateTrail asks for: each setting left null stays as it is; an empty prefix removes the prefix. */
    public record Update(String name, String bucket, String keyPrefix, Boolean includeGlobalServiceEvents,
                         Boolean multiRegion, Boolean organization) {
    }

    public Trail create(Tx tx, String account, String region, Creation c) {
        checkName(c.name());
        checkBucketAndPrefix(c.bucket(), c.keyPrefix());
        boolean global = !Boolean.FALSE.equals(c.includeGlobalServiceEvents());
        boolean multiRegion = Boolean.TRUE.equals(c.multiRegion());
        checkGlobalEvents(global, multiRegion);
        Map<String, String> tags = TrailTags.checked(c.tags());
        String organizationId = Boolean.TRUE.equals(c.organization()) ? organizationOfManagement(tx, account) : null;
        if (trails.get(tx, key(account, region, c.name())).isPresent()) {
            throw CloudTrailErrors.trailExists(c.name(), account);
        }
        if (trails.list(tx, account + "/" + region + "/").size() >= MAX_TRAILS) {
            throw CloudTrailErrors.tooManyTrails(account, region);
        }
        Trail trail = new Trail(c.name(), account, region, c.bucket(), emptyToNull(c.keyPrefix()), global,
                multiRegion, organizationId, Instant.now(clock), false, null, null, null, null, null, tags, null);
        buckets.checkWritable(tx, trail, TrailLogFiles.folder(trail, account));
        trails.put(tx, key(account, region, c.name()), trail);
        Generation.bump(tx, GENERATION);
        return trail;
    }

    /**
     * UpdateTrail (D136): the settings given replace the trail's; a new bucket or log file folder is checked as at
     * creation. Pending deliveries follow the trail as it is when they run.
     */
    public Trail update(Tx tx, String account, String region, Update u) {
        Trail trail = owned(tx, account, region, u.name());
        checkBucketAndPrefix(u.bucket() == null ? trail.bucket() : u.bucket(), u.keyPrefix());
        boolean global = u.includeGlobalServiceEvents() == null ? trail.includeGlobalServiceEvents()
                : u.includeGlobalServiceEvents();
        boolean multiRegion = u.multiRegion() == null ? trail.multiRegion() : u.multiRegion();
        checkGlobalEvents(global, multiRegion);
        String organizationId = trail.organizationId();
        if (Boolean.TRUE.equals(u.organization()) && !trail.organizationTrail()) {
            organizationId = organizationOfManagement(tx, account);
        } else if (Boolean.FALSE.equals(u.organization())) {
            organizationId = null;
        }
        Trail updated = trail.withSettings(u.bucket() == null ? trail.bucket() : u.bucket(),
                u.keyPrefix() == null ? trail.keyPrefix() : emptyToNull(u.keyPrefix()), global, multiRegion,
                organizationId);
        String folder = TrailLogFiles.folder(updated, account);
        if (!updated.bucket().equals(trail.bucket()) || !folder.equals(TrailLogFiles.folder(trail, account))) {
            buckets.checkWritable(tx, updated, folder);
        }
        return save(tx, updated);
    }

    /** PutEventSelectors with basic selectors (D136): one to five, replacing those the trail had. */
    public Trail putEventSelectors(Tx tx, String account, String region, String nameOrArn,
                                   List<EventSelector> selectors) {
        Trail trail = owned(tx, account, region, nameOrArn);
        if (selectors == null || selectors.isEmpty() || selectors.size() > MAX_EVENT_SELECTORS) {
            throw CloudTrailErrors.invalidEventSelectors("A trail can have 1 to " + MAX_EVENT_SELECTORS
                    + " event selectors.");
        }
        return save(tx, trail.withEventSelectors(selectors));
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
        return Trail.Arn.parse(arn).flatMap(a -> trails.get(tx, key(a.account(), a.region(), a.name())));
    }

    /** Keeps what a delivery did, without moving the generation: the logging trails do not change. */
    void recordDelivery(Tx tx, Trail trail, Instant at, String error) {
        byArn(tx, trail.arn()).ifPresent(now -> trails.put(tx, key(now.homeAccount(), now.homeRegion(), now.name()),
                now.delivered(at, error)));
    }

    Trail save(Tx tx, Trail trail) {
        trails.put(tx, key(trail.homeAccount(), trail.homeRegion(), trail.name()), trail);
        Generation.bump(tx, GENERATION);
        return trail;
    }

    /** A trail the caller may change: its own, called in the trail's home Region. */
    private Trail owned(Tx tx, String account, String region, String nameOrArn) {
        return mayChange(get(tx, account, region, nameOrArn), account, region);
    }

    static Trail mayChange(Trail trail, String account, String region) {
        if (!trail.homeAccount().equals(account)) {
            throw CloudTrailErrors.notManagementAccount(); // a member account's view of its organization's trail
        }
        if (!trail.homeRegion().equals(region)) {
            throw CloudTrailErrors.homeRegion(trail.arn());
        }
        return trail;
    }

    Optional<Trail> find(Tx tx, String account, String region, String nameOrArn) {
        if (nameOrArn == null || !nameOrArn.startsWith("arn:")) {
            checkName(nameOrArn);
            return trails.get(tx, key(account, region, nameOrArn));
        }
        Trail.Arn a = Trail.Arn.parse(nameOrArn).orElseThrow(() -> CloudTrailErrors.invalidArn(nameOrArn));
        return trails.get(tx, key(a.account(), a.region(), a.name())).filter(t -> sees(tx, account, t));
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

    private static void checkBucketAndPrefix(String bucket, String keyPrefix) {
        if (bucket == null || bucket.length() < 3 || bucket.length() > 63) {
            throw CloudTrailErrors.invalidBucketName(String.valueOf(bucket));
        }
        if (keyPrefix != null && keyPrefix.length() > 200) {
            throw CloudTrailErrors.invalidPrefix();
        }
    }

    /** A multi-Region trail takes the global services' events of us-east-1 once, so it must take them (AWS's rule). */
    private static void checkGlobalEvents(boolean includeGlobalServiceEvents, boolean multiRegion) {
        if (multiRegion && !includeGlobalServiceEvents) {
            throw CloudTrailErrors.invalidParameterCombination("Multi-Region trail must include global service "
                    + "events.");
        }
    }

    /** AWS's rules for a trail name, with its messages. */
    static void checkName(String name) {
        if (name == null || name.isEmpty()) {
            throw CloudTrailErrors.invalidTrailName("Trail name or ARN must not be empty.");
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
