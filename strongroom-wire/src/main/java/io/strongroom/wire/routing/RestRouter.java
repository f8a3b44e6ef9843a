package io.strongroom.wire.routing;

import io.strongroom.wire.model.SdkOperationModel;
import io.strongroom.wire.sdk.Location;
import io.strongroom.wire.sdk.Member;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Picks the REST operation for a method + path + query: the template with the most literal segments wins,
 * then the most matching query literals, then the most required query/header members present
 * (S3 UploadPart vs PutObject when the client sends no {@code x-id}).
 */
public final class RestRouter {
    /** A routed request: the operation and its decoded path labels. */
    public record Match(SdkOperationModel operation, Map<String, String> labels) {
    }

    /** An operation's template and the wire names of its required query and header members, found once. */
    private record Route(SdkOperationModel operation, UriTemplate template, List<String> requiredQuery,
                         List<String> requiredHeaders) {
        static Route of(SdkOperationModel op) {
            List<String> query = new ArrayList<>();
            List<String> headers = new ArrayList<>();
            for (Member m : op.input().members()) {
                if (m.required() && m.location() == Location.QUERY) {
                    query.add(m.wireName());
                } else if (m.required() && m.location() == Location.HEADER) {
                    headers.add(m.wireName());
                }
            }
            return new Route(op, new UriTemplate(op.requestUri()), List.copyOf(query), List.copyOf(headers));
        }
    }

    private final List<Route> routes = new ArrayList<>();
    /** The routes of each HTTP method (upper case): a request is tried against its method's routes only. */
    private final Map<String, List<Route>> byMethod = new java.util.HashMap<>();

    public RestRouter(List<SdkOperationModel> operations) {
        for (SdkOperationModel op : operations) {
            Route route = Route.of(op);
            routes.add(route);
            byMethod.computeIfAbsent(op.httpMethod().toUpperCase(java.util.Locale.ROOT), m -> new ArrayList<>())
                    .add(route);
        }
    }

    /**
     * @param pathFilter extra condition on the operation (S3: whether it takes a bucket)
     * @return null when nothing matches; {@code methodMismatch[0]} tells whether the path matched another method
     */
    public Match route(String method, String rawPath, Map<String, List<String>> query,
                       io.strongroom.wire.http.Headers headers, java.util.function.Predicate<SdkOperationModel> pathFilter,
                       boolean[] methodMismatch) {
        UriTemplate.RequestPath path = UriTemplate.RequestPath.of(rawPath);
        // The cheap tests first, and labels decoded for the winner only: this runs for every request.
        Route best = null;
        long bestScore = Long.MIN_VALUE;
        for (Route r : byMethod.getOrDefault(method.toUpperCase(java.util.Locale.ROOT), List.of())) {
            if (!queryLiteralsAllowed(r.template(), query) || !pathFilter.test(r.operation())
                    || !r.template().matches(path)) {
                continue;
            }
            long score = score(r, query, headers);
            if (score > bestScore) {
                bestScore = score;
                best = r;
            }
        }
        if (best != null) {
            return new Match(best.operation(), best.template().labels(path));
        }
        for (Route r : routes) {
            if (queryLiteralsAllowed(r.template(), query) && pathFilter.test(r.operation())
                    && r.template().matches(path)) {
                methodMismatch[0] = true; // the path names a resource, just not with this method
                break;
            }
        }
        return null;
    }

    private static boolean queryLiteralsAllowed(UriTemplate t, Map<String, List<String>> query) {
        for (Map.Entry<String, String> lit : t.queryLiterals().entrySet()) {
            List<String> actual = query.get(lit.getKey());
            boolean optional = lit.getKey().equals("x-id");
            if (actual == null) {
                if (!optional) {
                    return false;
                }
                continue;
            }
            if (lit.getValue() != null && !actual.contains(lit.getValue())) {
                return false;
            }
        }
        return true;
    }

    private static long score(Route r, Map<String, List<String>> query, io.strongroom.wire.http.Headers headers) {
        long score = r.template().literalSegments() * 1_000_000L;
        for (String k : r.template().queryLiterals().keySet()) {
            if (query.containsKey(k)) {
                score += 10_000;
            }
        }
        for (String name : r.requiredQuery()) {
            score += query.containsKey(name) ? 100 : -100;
        }
        for (String name : r.requiredHeaders()) {
            score += headers.contains(name) ? 100 : -100;
        }
        return score;
    }
}
