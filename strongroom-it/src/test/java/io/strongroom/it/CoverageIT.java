package io.strongroom.it;

import io.strongroom.api.OperationSpec;
import io.strongroom.api.ServiceApi;
import io.strongroom.server.CoverageReport;
import io.strongroom.testkit.ServerProcess;
import io.strongroom.testkit.TestServer;
import io.strongroom.wire.ServiceModel;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/coverage.md is what the server serves: rendered from the live operation tables, compared with
 * the committed file. Every served operation is an operation of the service's model and declares an
 * IAM action.
 */
class CoverageIT {

    @Test
    void everyServedOperationIsInTheModelAndDeclaresItsAction() {
        try (TestServer server = TestServer.start()) {
            for (ServiceApi api : server.server().apis()) {
                ServiceModel model = server.server().wire().service(api.serviceName()).orElseThrow();
                for (OperationSpec<?, ?> spec : api.operations().values()) {
                    assertThat(model.operation(spec.name())).as(api.serviceName() + ":" + spec.name()).isPresent();
                    assertThat(spec.iamAction()).matches("[a-z0-9-]+:[A-Za-z0-9]+");
                    assertThat(model.operation(spec.name()).orElseThrow().requestType()).isEqualTo(spec.requestType());
                }
            }
        }
    }

    @Test
    void committedCoverageDocumentMatchesTheServedOperations() throws Exception {
        String rendered;
        try (TestServer server = TestServer.start()) {
            rendered = CoverageReport.render(server.server().apis(), server.server().wire());
        }
        Path file = ServerProcess.repositoryRoot().resolve("docs/coverage.md");
        if (Boolean.getBoolean("strongroom.writeCoverage")) {
            Files.writeString(file, rendered);
        }
        assertThat(Files.exists(file) ? Files.readString(file) : "")
                .as("docs/coverage.md is stale: rerun with -Dstrongroom.writeCoverage=true")
                .isEqualTo(rendered);
    }
}
