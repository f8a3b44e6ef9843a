package io.strongroom.server.pipeline;

import io.strongroom.api.AccessRequirement;
import io.strongroom.api.CallContext;
import io.strongroom.api.OperationSpec;
import io.strongroom.api.PreparedCall;
import io.strongroom.api.Served;
import io.strongroom.engine.access.AuthorizationRequest;
import io.strongroom.engine.access.Authorizer;
import io.strongroom.engine.access.Decision;
import io.strongroom.kernel.CommonErrors;
import io.strongroom.kernel.ErrorCode;
import io.strongroom.kernel.ServiceException;
import io.strongroom.wire.ServiceModel;
import software.amazon.awssdk.core.SdkRequest;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Authorize, then dispatch: the operation's declared requirement (and each further one it names) must be allowed by
 * the Authorizer for the call's caller before its handler runs. Calls from outside ({@link RequestPipeline}) and
 * calls Strongroom makes as a principal ({@link InternalInvoker}) take this same step.
 */
final class AuthorizeStage {
    /** Query and S3 services say AccessDenied, EC2 UnauthorizedOperation; JSON services AccessDeniedException. */
    private static final ErrorCode UNAUTHORIZED_OPERATION = ErrorCode.of("UnauthorizedOperation");

    private static final Set<String> GLOBAL_SERVICES = Set.of("iam", "organizations");
    private final Authorizer authorizer;

    AuthorizeStage(Authorizer authorizer) {
        this.authorizer = authorizer;
    }

    Served run(ServiceModel service, OperationSpec<?, ?> spec, SdkRequest request, CallContext context,
               PreparedCall call) {
        authorize(service, spec.requirement(context, request), context);
        return call.run(context);
    }

    /** The requirement, then each further one it names: every one must be allowed. */
    private void authorize(ServiceModel service, AccessRequirement requirement, CallContext context) {
        if (!requirement.alwaysAllowed()) {
            Decision decision = authorizer.authorize(context.tx(), new AuthorizationRequest(context.caller(),
                    requirement.actions(), requirement.resources(), withRequestKeys(service, requirement, context)));
            if (!decision.allowed()) {
                throw new DeniedCall(accessDeniedCode(service), decision.message(), decision.explanation());
            }
        }
        requirement.also().forEach(more -> authorize(service, more, context));
    }

    /**
     * The global keys every call carries on AWS (D101): {@code aws:RequestedRegion} (us-east-1 for the global services
     * IAM and Organizations) and {@code aws:SourceIp}, unless the operation supplied its own.
     */
    private static Map<String, List<String>> withRequestKeys(ServiceModel service, AccessRequirement requirement,
                                                             CallContext context) {
        Map<String, List<String>> keys = new HashMap<>(requirement.conditionKeys());
        String region = GLOBAL_SERVICES.contains(service.name()) ? "us-east-1" : context.region();
        if (region != null) {
            keys.putIfAbsent("aws:RequestedRegion", List.of(region));
        }
        if (context.sourceIp() != null) {
            keys.putIfAbsent("aws:SourceIp", List.of(context.sourceIp()));
        }
        return keys;
    }

    static ErrorCode accessDeniedCode(ServiceModel service) {
        return switch (service.protocol()) {
            case EC2 -> UNAUTHORIZED_OPERATION;
            case QUERY, REST_XML -> CommonErrors.ACCESS_DENIED;
            default -> CommonErrors.ACCESS_DENIED_EXCEPTION;
        };
    }

    /** AWS's access-denied error, carrying the Authorizer's explanation to the call's CloudTrail record. */
    static final class DeniedCall extends ServiceException {
        private final String explanation;

        DeniedCall(ErrorCode code, String message, String explanation) {
            super(code, message);
            this.explanation = explanation;
        }

        String explanation() {
            return explanation;
        }
    }
}
