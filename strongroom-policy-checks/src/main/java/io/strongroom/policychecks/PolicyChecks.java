package io.strongroom.policychecks;

import io.strongroom.iampolicy.EvaluationOptions;
import io.strongroom.iampolicy.MalformedPolicyDocument;
import io.strongroom.iampolicy.ParseSettings;
import io.strongroom.iampolicy.PolicyDocument;
import io.strongroom.iampolicy.PolicyKind;

import java.util.ArrayList;
import java.util.List;

/**
 * IAM Access Analyzer's policy validation: a policy document and its type in, findings with locations out. Pure and
 * thread-safe; the catalogues load once.
 *
 * <pre>
 * PolicyChecks ── JsonTree (positions) ── DocumentChecks (grammar, actions, resources, principals)
 *                                              └── ConditionChecks (operators, keys, values)
 *              └── PolicyDocument.parse (strongroom-iam-policy): what IAM itself refuses
 * </pre>
 */
public final class PolicyChecks {
    private static final int SCP_LIMIT = 5_120;
    private static final int IDENTITY_LIMIT = 6_144;

    private final ActionCatalogue actions;
    private final ConditionKeyCatalogue keys;

    private PolicyChecks(ActionCatalogue actions, ConditionKeyCatalogue keys) {
        this.actions = actions;
        this.keys = keys;
    }

    private static final class Standard {
        static final PolicyChecks INSTANCE = new PolicyChecks(ActionCatalogue.standard(),
                ConditionKeyCatalogue.standard());
    }

    /** The checks with the shipped catalogues. */
    public static PolicyChecks standard() {
        return Standard.INSTANCE;
    }

    /** Every finding for the document, in document order (the JSON syntax error alone when it is not JSON). */
    public List<Finding> validate(String policy, PolicyCheckType type) {
        JsonTree.Node root;
        try {
            root = JsonTree.parse(policy);
        } catch (JsonTree.SyntaxError e) {
            return List.of(Findings.jsonSyntax(e.position(), e.getMessage()));
        }
        List<Finding> findings = new ArrayList<>();
        new DocumentChecks(type, actions, keys, findings).document(root);
        Location whole = new Location(List.of(), root.span());
        size(policy, type, whole, findings);
        refusedByIam(policy, type, whole, findings);
        return findings;
    }

    private static void size(String policy, PolicyCheckType type, Location whole, List<Finding> findings) {
        int size = type.kind().measure(policy);
        if (type == PolicyCheckType.SERVICE_CONTROL_POLICY && size > SCP_LIMIT) {
            findings.add(Findings.scpTooLarge(size, SCP_LIMIT, whole));
        } else if (type == PolicyCheckType.IDENTITY_POLICY && size > IDENTITY_LIMIT) {
            findings.add(Findings.identityTooLarge(size, IDENTITY_LIMIT, whole));
        }
    }

    /**
     * IAM's own parser decides what it refuses. When it refuses a document that none of our checks marked as an
     * error, the refusal becomes an error finding itself, so a clean result always means IAM accepts the document.
     */
    private static void refusedByIam(String policy, PolicyCheckType type, Location whole, List<Finding> findings) {
        if (findings.stream().anyMatch(f -> f.type() == FindingType.ERROR)) {
            return;
        }
        try {
            PolicyDocument.parse(policy, type.kind(), new ParseSettings(false, -1, EvaluationOptions.defaults()));
        } catch (MalformedPolicyDocument e) {
            Location at = findings.stream().filter(f -> f.issueCode().equals(issueCode(e.problem(), type.kind())))
                    .map(f -> f.locations().get(0)).findFirst().orElse(whole);
            findings.add(Findings.refusedByIam(issueCode(e.problem(), type.kind()), e.getMessage(), at));
        }
    }

    private static String issueCode(MalformedPolicyDocument.Problem problem, PolicyKind kind) {
        return switch (problem) {
            case SYNTAX, PROHIBITED_FIELD -> "INVALID_POLICY_ELEMENT";
            case VERSION -> "INVALID_VERSION";
            case LEGACY_PARSING -> "TYPE_MISMATCH_DATE";
            case DUPLICATE_SID -> "UNIQUE_SIDS_REQUIRED";
            case SID_NOT_ALPHANUMERIC -> "UNSUPPORTED_SID";
            case MISSING_ACTIONS -> "MISSING_ACTION";
            case RESOURCE_FORMAT -> "INVALID_ARN_RESOURCE";
            case ACTION_FORMAT, TRUST_ACTIONS -> "INVALID_ACTION";
            case PRINCIPAL_NOT_ALLOWED -> kind == PolicyKind.SERVICE_CONTROL
                    ? "SCP_SYNTAX_ERROR_PRINCIPAL" : "UNSUPPORTED_PRINCIPAL";
            case MISSING_PRINCIPAL -> "MISSING_PRINCIPAL";
            case INVALID_PRINCIPAL -> "INVALID_PRINCIPAL_FORMAT";
            case MISSING_RESOURCES -> "MISSING_RESOURCE";
        };
    }
}
