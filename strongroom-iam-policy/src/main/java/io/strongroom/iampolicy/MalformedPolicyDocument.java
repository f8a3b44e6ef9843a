package io.strongroom.iampolicy;

import io.strongroom.kernel.ErrorCode;
import io.strongroom.kernel.ServiceException;

/**
 * A policy document IAM refuses ({@code MalformedPolicyDocument}, HTTP 400). The message is AWS's sentence; the
 * {@link Problem} says which rule failed so callers (and tests) need not parse sentences.
 */
public final class MalformedPolicyDocument extends ServiceException {
    public static final ErrorCode CODE = ErrorCode.of("MalformedPolicyDocument");

    public static final String SYNTAX = "Syntax errors in policy.";
    public static final String VERSION = "Policy document must be version 2012-10-17 or greater.";
    public static final String LEGACY_PARSING = "The policy failed legacy parsing";
    public static final String DUPLICATE_SID = "Statement IDs (SID) in a single policy must be unique.";
    public static final String SID_NOT_ALPHANUMERIC = "Statement IDs (SID) must be alpha-numeric. "
            + "Check that your input satisfies the regular expression [0-9A-Za-z]*";
    public static final String MISSING_ACTIONS = "Policy statement must contain actions.";
    public static final String MISSING_RESOURCES = "Policy statement must contain resources.";
    public static final String NO_VENDOR = "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.";
    public static final String ONE_COLON = "Actions/Condition can contain only one colon.";
    public static final String RESOURCE_VENDOR = "Resource vendor must be fully qualified and cannot contain regexes.";
    public static final String IAM_RESOURCE_PATH = "IAM resource path must either be \"*\" or start with user/, "
            + "federated-user/, role/, group/, instance-profile/, mfa/, server-certificate/, policy/, sms-mfa/, "
            + "saml-provider/, oidc-provider/, report/, access-report/.";
    public static final String PRINCIPAL_NOT_ALLOWED = "Policy document should not specify a principal.";
    public static final String MISSING_PRINCIPAL = "Missing required field Principal";
    public static final String MISSING_EFFECT = "Missing required field Effect";
    public static final String TRUST_ACTIONS = "AssumeRole policy may only specify STS AssumeRole actions.";

    /** Which rule of spec 1.8 (and 1.2-1.4) refused the document, in AWS's order. */
    public enum Problem {
        SYNTAX, VERSION, LEGACY_PARSING, DUPLICATE_SID, SID_NOT_ALPHANUMERIC, MISSING_ACTIONS, RESOURCE_FORMAT,
        PROHIBITED_FIELD, ACTION_FORMAT, TRUST_ACTIONS, PRINCIPAL_NOT_ALLOWED, MISSING_PRINCIPAL, INVALID_PRINCIPAL,
        MISSING_RESOURCES
    }

    private final Problem problem;

    public MalformedPolicyDocument(Problem problem, String message) {
        super(CODE, message);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }

    static MalformedPolicyDocument syntax() {
        return new MalformedPolicyDocument(Problem.SYNTAX, SYNTAX);
    }

    public static MalformedPolicyDocument resourceNotArn(String resource) {
        return new MalformedPolicyDocument(Problem.RESOURCE_FORMAT,
                "Resource " + resource + " must be in ARN format or \"*\".");
    }

    public static MalformedPolicyDocument partition(String partition, String resource) {
        return new MalformedPolicyDocument(Problem.RESOURCE_FORMAT,
                "Partition \"" + partition + "\" is not valid for resource \"" + resource + "\".");
    }

    public static MalformedPolicyDocument iamRegion(String resource) {
        return new MalformedPolicyDocument(Problem.RESOURCE_FORMAT,
                "IAM resource " + resource + " cannot contain region information.");
    }

    public static MalformedPolicyDocument vendor(String vendor) {
        return new MalformedPolicyDocument(Problem.ACTION_FORMAT, "Vendor " + vendor + " is not valid");
    }

    public static MalformedPolicyDocument prohibitedField(String field) {
        return new MalformedPolicyDocument(Problem.PROHIBITED_FIELD, "Has prohibited field " + field);
    }

    /**
     * Also what a role-trust save answers when a named principal does not exist (spec 1.2); the engine, which knows
     * what exists, raises it through this factory.
     */
    public static MalformedPolicyDocument invalidPrincipal(String type, String value) {
        return new MalformedPolicyDocument(Problem.INVALID_PRINCIPAL,
                "Invalid principal in policy: \"" + type + "\":\"" + value + "\"");
    }
}
