package io.strongroom.api;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PayloadHandlerTest {
    private static final CallContext IN_TRANSACTION = new CallContext("request-1", null, "eu-west-1", null);

    @Test
    void aPreparingHandlerDoesItsWorkWhenPreparedAndOnlyThen() {
        List<String> steps = new ArrayList<>();
        PayloadHandler<String, PutObjectResponse> handler = PayloadHandler.preparing(
                (request, payload) -> {
                    steps.add("digest " + payload.length);
                    return payload.length;
                },
                (context, request, length) -> {
                    steps.add("store " + length + " in " + context.requestId());
                    return Served.of(PutObjectResponse.builder().eTag(request).build());
                });

        PreparedCall call = handler.prepare("etag", new byte[3]);
        assertThat(steps).containsExactly("digest 3");

        Served served = call.run(IN_TRANSACTION);
        assertThat(steps).containsExactly("digest 3", "store 3 in request-1");
        assertThat(((PutObjectResponse) served.response()).eTag()).isEqualTo("etag");
    }

    @Test
    void aPreparingHandlerCalledDirectlyPreparesThenServes() {
        List<String> steps = new ArrayList<>();
        PayloadHandler<String, PutObjectResponse> handler = PayloadHandler.preparing(
                (request, payload) -> steps.add("digest") ? payload.length : 0,
                (context, request, length) -> {
                    steps.add("store " + length);
                    return Served.of(PutObjectResponse.builder().build());
                });

        handler.handle(IN_TRANSACTION, "r", new byte[5]);
        assertThat(steps).containsExactly("digest", "store 5");
    }

    @Test
    void aPlainHandlerDoesNothingUntilItsCallRuns() {
        List<String> steps = new ArrayList<>();
        PayloadHandler<String, PutObjectResponse> handler = (context, request, payload) -> {
            steps.add("handle " + payload.length);
            return Served.of(PutObjectResponse.builder().build());
        };

        PreparedCall call = handler.prepare("r", new byte[2]);
        assertThat(steps).isEmpty();
        call.run(IN_TRANSACTION);
        assertThat(steps).containsExactly("handle 2");
    }
}
