package io.strongroom.api.accessanalyzer;

import io.strongroom.api.AccessRequirement;
import io.strongroom.api.ServiceApi;
import io.strongroom.kernel.ErrorCode;
import io.strongroom.kernel.ServiceException;
import io.strongroom.policychecks.Finding;
import io.strongroom.policychecks.PolicyCheckType;
import io.strongroom.policychecks.PolicyChecks;
import software.amazon.awssdk.services.accessanalyzer.model.Location;
import software.amazon.awssdk.services.accessanalyzer.model.PathElement;
import software.amazon.awssdk.services.accessanalyzer.model.Position;
import software.amazon.awssdk.services.accessanalyzer.model.Span;
import software.amazon.awssdk.services.accessanalyzer.model.ValidatePolicyFinding;
import software.amazon.awssdk.services.accessanalyzer.model.ValidatePolicyRequest;
import software.amazon.awssdk.services.accessanalyzer.model.ValidatePolicyResponse;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * IAM Access Analyzer: ValidatePolicy, the policy checks of {@code strongroom-policy-checks} mapped to SDK shapes and
 * paged. Stateless: no analyzer, no store.
 */
public final class AccessAnalyzerApi {
    /** Our choice where AWS documents no default page size. */
    static final int DEFAULT_PAGE = 100;
    private static final ErrorCode VALIDATION = ErrorCode.of("ValidationException");

    private AccessAnalyzerApi() {
    }

    public static ServiceApi create() {
        return create(PolicyChecks.standard());
    }

    static ServiceApi create(PolicyChecks checks) {
        return ServiceApi.builder("accessanalyzer")
                .read("ValidatePolicy", ValidatePolicyRequest.class, "access-analyzer:ValidatePolicy",
                        (ctx, q) -> AccessRequirement.of("access-analyzer:ValidatePolicy", "*"),
                        (ctx, q) -> validatePolicy(checks, q))
                .note("ValidatePolicy", "validatePolicyResourceType and locale are accepted and not used; findings "
                        + "are written in English")
                .build();
    }

    static ValidatePolicyResponse validatePolicy(PolicyChecks checks, ValidatePolicyRequest q) {
        PolicyCheckType type;
        try {
            type = PolicyCheckType.valueOf(q.policyTypeAsString());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new ServiceException(VALIDATION, "Invalid policy type: " + q.policyTypeAsString()
                    + ". Valid values are IDENTITY_POLICY, RESOURCE_POLICY, SERVICE_CONTROL_POLICY, "
                    + "RESOURCE_CONTROL_POLICY.");
        }
        int size = q.maxResults() == null ? DEFAULT_PAGE : q.maxResults();
        if (size < 1) {
            throw new ServiceException(VALIDATION, "maxResults must be at least 1.");
        }
        List<Finding> findings = checks.validate(q.policyDocument(), type);
        int from = from(q.nextToken(), findings.size());
        int to = Math.min(findings.size(), from + size);
        return ValidatePolicyResponse.builder()
                .findings(findings.subList(from, to).stream().map(AccessAnalyzerApi::finding).toList())
                .nextToken(to < findings.size() ? token(to) : null)
                .build();
    }

    /** The token is the position of the next finding; the same document and type give the same findings. */
    private static String token(int next) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("v1:" + next).getBytes(StandardCharsets.UTF_8));
    }

    private static int from(String token, int count) {
        if (token == null) {
            return 0;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (text.startsWith("v1:")) {
                int at = Integer.parseInt(text.substring(3));
                if (at >= 0 && at <= count) {
                    return at;
                }
            }
        } catch (IllegalArgumentException e) {
            // falls through to the refusal
        }
        throw new ServiceException(VALIDATION, "Invalid pagination token.");
    }

    private static ValidatePolicyFinding finding(Finding f) {
        return ValidatePolicyFinding.builder()
                .findingType(f.type().name())
                .issueCode(f.issueCode())
                .findingDetails(f.details())
                .learnMoreLink(f.learnMoreLink())
                .locations(f.locations().stream().map(AccessAnalyzerApi::location).toList())
                .build();
    }

    private static Location location(io.strongroom.policychecks.Location l) {
        return Location.builder()
                .path(l.path().stream().map(AccessAnalyzerApi::pathElement).toList())
                .span(Span.builder().start(position(l.span().start())).end(position(l.span().end())).build())
                .build();
    }

    private static PathElement pathElement(io.strongroom.policychecks.PathElement p) {
        if (p.index() != null) {
            return PathElement.fromIndex(p.index());
        }
        return p.key() != null ? PathElement.fromKey(p.key()) : PathElement.fromValue(p.value());
    }

    private static Position position(io.strongroom.policychecks.Position p) {
        return Position.builder().line(p.line()).column(p.column()).offset(p.offset()).build();
    }
}
