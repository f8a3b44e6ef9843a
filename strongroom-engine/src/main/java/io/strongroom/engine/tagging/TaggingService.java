package io.strongroom.engine.tagging;

import io.strongroom.engine.identity.Principal;
import io.strongroom.resource.ProtectedResource;
import io.strongroom.resource.ResourceProvider;
import io.strongroom.storage.Tx;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The Resource Groups Tagging API over every protectable resource type: one view of the tagged
 * resources of an account and region, and tagging through the owning service.
 */
public final class TaggingService {
    private static final int MAX_PAGE = 100;

    /** A page of resources and the token of the next one (null at the end). */
    public record ResourcePage(List<ProtectedResource> resources, String nextToken) {
    }

    private final List<ResourceProvider> providers;

    public TaggingService(List<ResourceProvider> providers) {
        this.providers = List.copyOf(providers);
    }

    public ResourcePage getResources(Tx tx, Principal caller, String region, List<TagFilter> tagFilters,
                                     List<String> typeFilters, List<String> arns, Integer perPage, String token) {
        int size = perPage == null ? MAX_PAGE : perPage;
        if (size < 1 || size > MAX_PAGE) {
            throw TaggingErrors.invalidParameter("ResourcesPerPage must be between 1 and 100.");
        }
        if (tagFilters.size() > 50) {
            throw TaggingErrors.invalidParameter("You can specify at most 50 tag filters.");
        }
        if (tagFilters.stream().anyMatch(f -> f.key() == null || f.key().isEmpty())) {
            throw TaggingErrors.invalidParameter("A tag filter must have a Key.");
        }
        if (!arns.isEmpty() && (!tagFilters.isEmpty() || !typeFilters.isEmpty() || perPage != null
                || (token != null && !token.isEmpty()))) {
            throw TaggingErrors.invalidParameter("ResourceARNList cannot be combined with TagFilters, "
                    + "ResourceTypeFilters, ResourcesPerPage or PaginationToken.");
        }
        List<ProtectedResource> matching = all(tx, caller.accountId(), region).stream()
                .filter(r -> arns.isEmpty() ? !r.tags().isEmpty() : arns.contains(r.arn()))
                .filter(r -> tagFilters.stream().allMatch(f -> matches(r, f)))
                .filter(r -> typeFilters.isEmpty() || typeFilters.stream().anyMatch(t -> typeMatches(r.arn(), t)))
                .sorted(Comparator.comparing(ProtectedResource::arn))
                .toList();
        String after = decode(token);
        List<ProtectedResource> rest = after == null ? matching
                : matching.stream().filter(r -> r.arn().compareTo(after) > 0).toList();
        List<ProtectedResource> page = rest.subList(0, Math.min(size, rest.size()));
        String next = rest.size() > size ? encode(page.get(page.size() - 1).arn()) : null;
        return new ResourcePage(page, next);
    }

    public List<String> getTagKeys(Tx tx, Principal caller, String region) {
        Set<String> keys = new TreeSet<>();
        all(tx, caller.accountId(), region).forEach(r -> keys.addAll(r.tags().keySet()));
        return List.copyOf(keys);
    }

    public List<String> getTagValues(Tx tx, Principal caller, String region, String key) {
        if (key == null || key.isEmpty()) {
            throw TaggingErrors.invalidParameter("Key is required.");
        }
        Set<String> values = new TreeSet<>();
        all(tx, caller.accountId(), region).forEach(r -> {
            if (r.tags().containsKey(key)) {
                values.add(r.tags().get(key));
            }
        });
        return List.copyOf(values);
    }

    /**
     * Tags each resource through its own service; resources that cannot be tagged are reported in the
     * returned map (ARN → reason), as AWS's FailedResourcesMap does, while the others are tagged.
     */
    public Map<String, String> tagResources(Tx tx, Principal caller, List<String> arns, Map<String, String> tags) {
        checkBatch(arns);
        if (tags.isEmpty() || tags.size() > 50) {
            throw TaggingErrors.invalidParameter("Tags must contain between 1 and 50 tags.");
        }
        Map<String, String> failed = new LinkedHashMap<>();
        for (String arn : arns) {
            Optional<ResourceProvider> provider = owner(tx, caller, arn, failed);
            provider.ifPresent(p -> p.tag(tx, arn, tags));
        }
        return failed;
    }

    public Map<String, String> untagResources(Tx tx, Principal caller, List<String> arns, List<String> keys) {
        checkBatch(arns);
        if (keys.isEmpty() || keys.size() > 50) {
            throw TaggingErrors.invalidParameter("TagKeys must contain between 1 and 50 keys.");
        }
        Map<String, String> failed = new LinkedHashMap<>();
        for (String arn : arns) {
            owner(tx, caller, arn, failed).ifPresent(p -> p.untag(tx, arn, keys));
        }
        return failed;
    }

    private Optional<ResourceProvider> owner(Tx tx, Principal caller, String arn, Map<String, String> failed) {
        for (ResourceProvider provider : providers) {
            if (provider.owns(arn)) {
                Optional<ProtectedResource> resource = provider.find(tx, arn);
                if (resource.isEmpty() || !resource.get().accountId().equals(caller.accountId())) {
                    failed.put(arn, "The resource " + arn + " does not exist in this account.");
                    return Optional.empty();
                }
                return Optional.of(provider);
            }
        }
        failed.put(arn, "Tagging this resource type is not supported.");
        return Optional.empty();
    }

    private static void checkBatch(List<String> arns) {
        if (arns.isEmpty() || arns.size() > 20) {
            throw TaggingErrors.invalidParameter("ResourceARNList must contain between 1 and 20 ARNs.");
        }
    }

    private List<ProtectedResource> all(Tx tx, String accountId, String region) {
        List<ProtectedResource> out = new ArrayList<>();
        providers.forEach(p -> out.addAll(p.list(tx, accountId, region)));
        return out;
    }

    private static boolean matches(ProtectedResource resource, TagFilter filter) {
        String value = resource.tags().get(filter.key());
        return value != null && (filter.values().isEmpty() || filter.values().contains(value));
    }

    /**
     * "service" or "service:type" against an ARN (arn:aws:dynamodb:...:table/x is dynamodb:table; a bucket is
     * s3:bucket; arn:aws:rds:...:db:x is rds:db).
     */
    static boolean typeMatches(String arn, String filter) {
        String[] parts = arn.split(":", 6);
        if (parts.length < 6) {
            return false;
        }
        String service = parts[2];
        String resource = parts[5];
        int slash = resource.indexOf('/');
        int colon0 = resource.indexOf(':');
        int cut = slash < 0 ? colon0 : colon0 < 0 ? slash : Math.min(slash, colon0);
        String type = service.equals("s3") && !resource.contains("/") ? "bucket"
                : cut > 0 ? resource.substring(0, cut) : resource;
        int colon = filter.indexOf(':');
        return colon < 0 ? filter.equals(service)
                : filter.substring(0, colon).equals(service) && filter.substring(colon + 1).equals(type);
    }

    private static String encode(String arn) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(arn.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String token) {
        if (token == null || token.isEmpty()) {
            return null;
        }
        try {
            return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw TaggingErrors.paginationTokenExpired();
        }
    }
}
