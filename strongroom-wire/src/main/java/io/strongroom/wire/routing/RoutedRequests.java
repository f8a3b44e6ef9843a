package io.strongroom.wire.routing;

import io.strongroom.wire.http.WireRequest;
import java.util.Optional;

/**
 * The match {@code route} found for a request, handed to the {@code decode} of the same request on the same thread,
 * so a request is routed once. Taken at once: a thread keeps no request (nor its body) past its decoding.
 */
public final class RoutedRequests {
    private record Routed(WireRequest request, RestRouter.Match match) {
    }

    private final ThreadLocal<Routed> last = new ThreadLocal<>();

    public void remember(WireRequest request, RestRouter.Match match) {
        last.set(new Routed(request, match));
    }

    /** The match remembered for this very request (the same instance), if any; forgotten either way. */
    public Optional<RestRouter.Match> take(WireRequest request) {
        Routed routed = last.get();
        last.remove();
        return routed != null && routed.request() == request ? Optional.of(routed.match()) : Optional.empty();
    }
}
