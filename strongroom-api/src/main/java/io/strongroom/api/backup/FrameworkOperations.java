package io.strongroom.api.backup;

import io.strongroom.api.AccessRequirement;
import io.strongroom.api.CallContext;
import io.strongroom.api.ServiceApi;
import io.strongroom.engine.backup.Framework;
import io.strongroom.engine.backup.FrameworkControl;
import io.strongroom.engine.backup.FrameworkService;
import io.strongroom.engine.backup.Page;
import software.amazon.awssdk.services.backup.model.*;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Backup Audit Manager frameworks (spec audit 1.1-1.3). */
final class FrameworkOperations {
    private FrameworkOperations() {
    }

    static String frameworkArn(CallContext ctx, FrameworkService frameworks, String name) {
        return frameworks.all(ctx.tx(), ctx.accountId(), ctx.region()).stream()
                .filter(f -> f.name().equals(name)).map(Framework::arn).findFirst()
                .orElse("arn:aws:backup:" + ctx.region() + ":" + ctx.accountId() + ":framework:*");
    }

    static void register(ServiceApi.Builder api, FrameworkService frameworks) {
        api.write("CreateFramework", CreateFrameworkRequest.class, "backup:CreateFramework",
                (ctx, q) -> BackupAccess.tagging("CreateFramework", "arn:aws:backup:" + ctx.region() + ":"
                        + ctx.accountId() + ":framework:*", BackupShapes.given(q.frameworkTags())),
                (ctx, q) -> {
                    Framework f = frameworks.create(ctx.tx(), ctx.accountId(), ctx.region(), q.frameworkName(),
                            q.frameworkDescription(), q.hasFrameworkControls() ? controls(q.frameworkControls())
                                    : null, q.idempotencyToken(), BackupShapes.given(q.frameworkTags()));
                    return CreateFrameworkResponse.builder().frameworkName(f.name()).frameworkArn(f.arn()).build();
                });
        api.read("DescribeFramework", DescribeFrameworkRequest.class, "backup:DescribeFramework",
                (ctx, q) -> AccessRequirement.of("backup:DescribeFramework",
                        frameworkArn(ctx, frameworks, q.frameworkName())),
                (ctx, q) -> {
                    Framework f = frameworks.describe(ctx.tx(), ctx.accountId(), ctx.region(), q.frameworkName());
                    return DescribeFrameworkResponse.builder().frameworkName(f.name()).frameworkArn(f.arn())
                            .frameworkDescription(f.description()).frameworkControls(f.controls().stream()
                                    .map(FrameworkOperations::shape).toList()).creationTime(f.creationTime())
                            .deploymentStatus("COMPLETED").frameworkStatus("ACTIVE")
                            .idempotencyToken(f.idempotencyToken()).build();
                });
        api.read("ListFrameworks", ListFrameworksRequest.class, "backup:ListFrameworks",
                (ctx, q) -> BackupAccess.onAccount("ListFrameworks"),
                (ctx, q) -> {
                    Page<Framework> page = frameworks.list(ctx.tx(), ctx.accountId(), ctx.region(), q.maxResults(),
                            q.nextToken());
                    return ListFrameworksResponse.builder().frameworks(page.items().stream().map(f -> software.amazon
                            .awssdk.services.backup.model.Framework.builder().frameworkName(f.name())
                            .frameworkArn(f.arn()).frameworkDescription(f.description())
                            .numberOfControls(f.controls().size()).creationTime(f.creationTime())
                            .deploymentStatus("COMPLETED").build()).toList()).nextToken(page.nextToken()).build();
                });
        api.write("UpdateFramework", UpdateFrameworkRequest.class, "backup:UpdateFramework",
                (ctx, q) -> AccessRequirement.of("backup:UpdateFramework",
                        frameworkArn(ctx, frameworks, q.frameworkName())),
                (ctx, q) -> {
                    Framework f = frameworks.update(ctx.tx(), ctx.accountId(), ctx.region(), q.frameworkName(),
                            q.frameworkDescription(), q.hasFrameworkControls() ? controls(q.frameworkControls())
                                    : null);
                    return UpdateFrameworkResponse.builder().frameworkName(f.name()).frameworkArn(f.arn())
                            .creationTime(f.creationTime()).build();
                });
        api.write("DeleteFramework", DeleteFrameworkRequest.class, "backup:DeleteFramework",
                (ctx, q) -> AccessRequirement.of("backup:DeleteFramework",
                        frameworkArn(ctx, frameworks, q.frameworkName())),
                (ctx, q) -> {
                    frameworks.delete(ctx.tx(), ctx.accountId(), ctx.region(), q.frameworkName());
                    return DeleteFrameworkResponse.builder().build();
                });
        api.note("CreateFramework", "Deployed at once (COMPLETED, ACTIVE): no AWS Config recorder is needed; "
                + "controls are evaluated against Strongroom's own state when reports run");
    }

    private static List<FrameworkControl> controls(List<software.amazon.awssdk.services.backup.model.FrameworkControl>
                                                           in) {
        return in.stream().map(c -> {
            Map<String, String> parameters = new LinkedHashMap<>();
            if (c.hasControlInputParameters()) {
                c.controlInputParameters().forEach(p -> parameters.put(p.parameterName(), p.parameterValue()));
            }
            ControlScope s = c.controlScope();
            FrameworkControl.Scope scope = s == null ? null : new FrameworkControl.Scope(
                    s.hasComplianceResourceIds() ? s.complianceResourceIds() : null,
                    s.hasComplianceResourceTypes() ? s.complianceResourceTypes() : null,
                    s.hasTags() ? s.tags() : null);
            return new FrameworkControl(c.controlName(), parameters, scope);
        }).toList();
    }

    private static software.amazon.awssdk.services.backup.model.FrameworkControl shape(FrameworkControl c) {
        return software.amazon.awssdk.services.backup.model.FrameworkControl.builder().controlName(c.name())
                .controlInputParameters(c.parameters().entrySet().stream().map(e -> ControlInputParameter.builder()
                        .parameterName(e.getKey()).parameterValue(e.getValue()).build()).toList())
                .controlScope(ControlScope.builder()
                        .complianceResourceIds(c.scope().resourceIds().isEmpty() ? null : c.scope().resourceIds())
                        .complianceResourceTypes(c.scope().resourceTypes().isEmpty() ? null
                                : c.scope().resourceTypes())
                        .tags(c.scope().tags().isEmpty() ? null : c.scope().tags()).build()).build();
    }
}
