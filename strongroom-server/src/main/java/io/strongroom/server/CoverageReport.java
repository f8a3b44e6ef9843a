package io.strongroom.server;

import io.strongroom.api.OperationSpec;
import io.strongroom.api.ServiceApi;
import io.strongroom.wire.OperationModel;
import io.strongroom.wire.ServiceModel;
import io.strongroom.wire.Wire;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Renders docs/coverage.md from the operation tables the server actually serves, so the document
 * cannot drift from the code: a test fails when the committed file differs from this rendering.
 */
public final class CoverageReport {
    private CoverageReport() {
    }

    public static String render(List<ServiceApi> apis, Wire wire) {
        StringBuilder out = new StringBuilder();
        out.append("# Coverage\n\n")
                .append("Generated from the server's operation tables by `CoverageIT` ")
                .append("(`mvn -pl strongroom-it verify -Dit.test=CoverageIT -Dstrongroom.writeCoverage=true` rewrites it).\n")
                .append("Every served operation passes SigV4 authentication and the Authorizer. Management events are ")
                .append("recorded in CloudTrail event history; data events (DynamoDB item and S3 object calls) are not, ")
                .append("as on AWS, where event history never holds them (decision D75). ")
                .append("Operations of a served service that are not listed as served are routed and answered ")
                .append("with the service's AccessDenied error (decision D5).\n");
        for (ServiceApi api : apis) {
            ServiceModel model = wire.service(api.serviceName()).orElseThrow();
            List<OperationModel> all = model.operations();
            out.append("\n## ").append(api.serviceName()).append(" (").append(model.protocol()).append(", ")
                    .append(api.operations().size()).append(" of ").append(all.size()).append(" operations)\n\n");
            out.append("| operation | IAM action | read-only | CloudTrail event | known differences from AWS |\n"
                    + "|---|---|---|---|---|\n");
            for (Map.Entry<String, OperationSpec<?, ?>> entry : api.operations().entrySet().stream()
                    .sorted(Map.Entry.comparingByKey()).toList()) {
                OperationSpec<?, ?> spec = entry.getValue();
                out.append("| ").append(entry.getKey()).append(" | ").append(spec.iamAction()).append(" | ")
                        .append(spec.readOnly() ? "yes" : "no").append(" | ")
                        .append(spec.dataEvent() ? "data" : "management").append(" | ")
                        .append(api.note(entry.getKey()).orElse("")).append(" |\n");
            }
            String notServed = all.stream().map(OperationModel::name)
                    .filter(name -> api.operation(name).isEmpty()).sorted().collect(Collectors.joining(", "));
            if (!notServed.isEmpty()) {
                out.append("\nNot served yet: ").append(notServed).append(".\n");
            }
        }
        return out.toString();
    }
}
