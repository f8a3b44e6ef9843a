package io.strongroom.wire.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.strongroom.wire.http.Headers;
import io.strongroom.wire.http.WireRequest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A route found for a request is handed to its own decoding once, and to no other request. */
class RoutedRequestsTest {
    private final RoutedRequests routed = new RoutedRequests();
    private final RestRouter.Match match = new RestRouter.Match(null, Map.of("Key", "a"));

    @Test
    void theSameRequestTakesItsMatchOnce() {
        WireRequest request = request();
        routed.remember(request, match);

        assertThat(routed.take(request)).containsSame(match);
        assertThat(routed.take(request)).as("taken already").isEmpty();
    }

    @Test
    void anotherRequestWithTheSameContentIsRoutedAgain() {
        routed.remember(request(), match);

        assertThat(routed.take(request())).isEmpty();
    }

    private static WireRequest request() {
        return new WireRequest("PUT", "/bucket/a", null, new Headers(), new byte[0], "127.0.0.1");
    }
}
