package io.strongroom.it;

import io.strongroom.server.ServerOptions;
import io.strongroom.storage.jdbc.PostgresTestServer;
import io.strongroom.testkit.AwsCli;
import io.strongroom.testkit.Endpoint;
import io.strongroom.testkit.ServerProcess;
import io.strongroom.testkit.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.Event;
import software.amazon.awssdk.services.cloudtrail.model.LookupAttributeKey;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Strongroom on a real PostgreSQL server, and two Strongroom servers sharing one PostgreSQL store. */
class PostgresIT {
    @TempDir
    Path dirA;
    @TempDir
    Path dirB;

    @Test
    void launcherServesFromPostgresql() throws Exception {
        String store = PostgresTestServer.shared().newDatabase();
        try (ServerProcess server = ServerProcess.start(dirA, "--store", store)) {
            AwsCli.Result identity = new AwsCli(server.endpoint()).run("sts", "get-caller-identity");
            assertThat(identity.exitCode()).as(identity.stderr()).isZero();
            assertThat(identity.stdout()).contains("\"Account\": \"111111111111\"");
        }
    }

    @Test
    void twoServersShareOneStore() {
        String store = PostgresTestServer.shared().newDatabase();
        try (TestServer a = TestServer.start(ServerOptions.defaults(dirA).withPort(0).withStore(store));
             TestServer b = TestServer.start(ServerOptions.defaults(dirB).withPort(0).withStore(store))) {
            Endpoint first = a.endpoint();
            Endpoint second = b.endpoint();
            assertThat(second.accessKeyId()).as("one management account, bootstrapped once").isEqualTo(first.accessKeyId());

            Credentials session;
            try (StsClient sts = first.client(StsClient.builder())) {
                session = sts.getSessionToken(r -> r.durationSeconds(900)).credentials();
            }
            try (StsClient sts = second.client(StsClient.builder(),
                    Endpoint.session(session.accessKeyId(), session.secretAccessKey(), session.sessionToken()));
                 CloudTrailClient trail = second.client(CloudTrailClient.builder())) {
                assertThat(sts.getCallerIdentity().arn()).isEqualTo("arn:aws:iam::111111111111:root");
                assertThat(trail.lookupEvents(r -> r.lookupAttributes(l -> l.attributeKey(LookupAttributeKey.EVENT_NAME)
                        .attributeValue("GetSessionToken"))).events()).extracting(Event::eventName)
                        .containsExactly("GetSessionToken");
            }
        }
    }
}
