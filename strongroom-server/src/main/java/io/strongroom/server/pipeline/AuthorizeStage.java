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

/**
 * Authorize, then dispatch: the operation's declared requirement (and each further one it names) must be allowed by
 * the Authorizer for the call's caller before its handler runs. Calls from outside ({@link RequestPipeline}) and
 * calls Strongroom makes as a principal ({@link InternalInvoker}) take this same step.
 */
final class AuthorizeStage {
    /** Query and S3 services say AccessDenied, EC2 UnauthorizedOperation; JSON services AccessDeniedException. */
    private static final ErrorCode UNAUTHORIZED_OPERATION = ErrorCode.of("UnauthorizedOperation");

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
                    requirement.actions(), requirement.resources(), requirement.conditionKeys()));
            if (!decision.allowed()) {
                throw new DeniedCall(accessDeniedCode(service), decision.message(), decision.explanation());
            }
        }
        requirement.also().forEach(more -> authorize(service, more, context));
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
