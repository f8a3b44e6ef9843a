package io.strongroom.it;

import io.strongroom.testkit.Endpoint;
import io.strongroom.testkit.ServerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.LookupAttributeKey;
import software.amazon.awssdk.services.cloudtrail.model.LookupEventsResponse;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Writes acknowledged before a SIGKILL are all there after a restart. */
class CrashIT {
    @TempDir
    Path data;

    @Test
    void acknowledgedWritesSurviveSigkill() throws Exception {
        ServerProcess server = ServerProcess.start(data);
        Endpoint endpoint = server.endpoint();
        List<Credentials> acknowledged = new CopyOnWriteArrayList<>();
        CountDownLatch enough = new CountDownLatch(40);
        ExecutorService writers = Executors.newFixedThreadPool(4);
        for (int t = 0; t < 4; t++) {
            writers.submit(() -> {
                try (StsClient sts = endpoint.client(StsClient.builder())) {
                    while (true) {
                        acknowledged.add(sts.getSessionToken(r -> r.durationSeconds(3600)).credentials());
                        enough.countDown();
                    }
                } catch (RuntimeException killed) {
                    return; // the server died under us: calls in flight were never acknowledged
                }
            });
        }
        assertThat(enough.await(120, TimeUnit.SECONDS)).isTrue();
        server.kill();
        writers.shutdown();
        assertThat(writers.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        List<Credentials> before = List.copyOf(acknowledged);

        try (ServerProcess restarted = ServerProcess.start(data)) {
            Endpoint again = restarted.endpoint();
            assertThat(again.accessKeyId()).isEqualTo(endpoint.accessKeyId());
            for (Credentials c : before) {
                try (StsClient asSession = again.client(StsClient.builder(),
                        Endpoint.session(c.accessKeyId(), c.secretAccessKey(), c.sessionToken()))) {
                    assertThat(asSession.getCallerIdentity().account()).isEqualTo("111111111111");
                }
            }
            Set<String> recordedKeys = recordedSessionKeys(again);
            assertThat(recordedKeys).containsAll(before.stream().map(Credentials::accessKeyId).toList());
        }
    }

    private static Set<String> recordedSessionKeys(Endpoint endpoint) throws Exception {
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        Set<String> keys = new HashSet<>();
        try (CloudTrailClient trail = endpoint.client(CloudTrailClient.builder())) {
            String token = null;
            do {
                String next = token;
                LookupEventsResponse page = trail.lookupEvents(r -> r.nextToken(next).lookupAttributes(a -> a
                        .attributeKey(LookupAttributeKey.EVENT_NAME).attributeValue("GetSessionToken")));
                for (var event : page.events()) {
                    keys.add(json.readTree(event.cloudTrailEvent()).path("responseElements").path("credentials")
                            .path("accessKeyId").asText());
                }
                token = page.nextToken();
            } while (token != null);
        }
        return keys;
    }
}
