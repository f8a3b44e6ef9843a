package io.strongroom.policychecks;

import java.util.List;
import java.util.Locale;

/**
 * Every finding the checks produce: issue code (Access Analyzer's), grade and our sentence. One place for all texts.
 */
final class Findings {
    private static final String REFERENCE =
            "https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html";

    private Findings() {
    }

    static Finding of(FindingType type, String issueCode, String details, Location location) {
        return new Finding(type, issueCode, details, link(type, issueCode), List.of(location));
    }

    /** The reference page's anchor for the code, e.g. {@code #access-analyzer-reference-policy-checks-error-invalid-action}. */
    static String link(FindingType type, String issueCode) {
        String grade = switch (type) {
            case ERROR -> "error";
            case SECURITY_WARNING -> "security-warning";
            case WARNING -> "general-warning";
            case SUGGESTION -> "suggestion";
        };
        return REFERENCE + "#access-analyzer-reference-policy-checks-" + grade + "-"
                + issueCode.toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static Finding jsonSyntax(Position at, String problem) {
        return of(FindingType.ERROR, "JSON_SYNTAX_ERROR", "The policy is not valid JSON at line " + at.line()
                + ", column " + at.column() + " (character " + at.offset() + "): " + problem + ".",
                new Location(List.of(), new Span(at, at)));
    }

    static Finding dataType(String expected, Location at) {
        return of(FindingType.ERROR, "DATA_TYPE_MISMATCH", "This element must be " + expected + ".", at);
    }

    static Finding invalidElement(String name, Location at) {
        return of(FindingType.ERROR, "INVALID_POLICY_ELEMENT", "\"" + name + "\" is not a policy element here; "
                + "remove it.", at);
    }

    static Finding missingVersion(Location at) {
        return of(FindingType.WARNING, "MISSING_VERSION", "Add \"Version\": \"2012-10-17\": without it the "
                + "document is read with the 2008-10-17 grammar, in which policy variables are plain text.", at);
    }

    static Finding invalidVersion(String version, Location at) {
        return of(FindingType.ERROR, "INVALID_VERSION", "\"" + version + "\" is not a policy language version; "
                + "use \"2012-10-17\".", at);
    }

    static Finding missingStatement(Location at) {
        return of(FindingType.ERROR, "MISSING_STATEMENT", "The policy has no statement; add a Statement element.",
                at);
    }

    static Finding missingEffect(Location at) {
        return of(FindingType.ERROR, "MISSING_EFFECT", "The statement has no Effect; add \"Effect\": \"Allow\" "
                + "or \"Deny\".", at);
    }

    static Finding invalidEffect(String effect, Location at) {
        return of(FindingType.ERROR, "INVALID_EFFECT", "The effect \"" + effect + "\" is neither Allow nor Deny "
                + "(the value is case-sensitive).", at);
    }

    static Finding combination(String a, String b, Location at) {
        return of(FindingType.ERROR, "UNSUPPORTED_ELEMENT_COMBINATION", "A statement takes " + a + " or " + b
                + ", not both; remove one of them.", at);
    }

    static Finding missingAction(Location at) {
        return of(FindingType.ERROR, "MISSING_ACTION", "The statement names no actions; add an Action or "
                + "NotAction element.", at);
    }

    static Finding missingResource(Location at) {
        return of(FindingType.ERROR, "MISSING_RESOURCE", "The statement names no resources; add a Resource or "
                + "NotResource element.", at);
    }

    static Finding missingPrincipal(Location at) {
        return of(FindingType.ERROR, "MISSING_PRINCIPAL", "Statements of this policy type must say whom they "
                + "apply to; add a Principal element.", at);
    }

    static Finding unsupportedPrincipal(Location at) {
        return of(FindingType.ERROR, "UNSUPPORTED_PRINCIPAL", "Identity policies apply to the identity they are "
                + "attached to and take no Principal element; remove it.", at);
    }

    static Finding scpPrincipal(Location at) {
        return of(FindingType.ERROR, "SCP_SYNTAX_ERROR_PRINCIPAL", "Service control policies take no Principal or "
                + "NotPrincipal element; scope the statement with the aws:PrincipalArn condition key instead.", at);
    }

    static Finding invalidPrincipalKey(String key, Location at) {
        return of(FindingType.ERROR, "INVALID_PRINCIPAL_KEY", "\"" + key + "\" is not a principal type; use AWS, "
                + "Service, Federated or CanonicalUser.", at);
    }

    static Finding invalidPrincipalFormat(Location at) {
        return of(FindingType.ERROR, "INVALID_PRINCIPAL_FORMAT", "A principal is \"*\" or an object of principal "
                + "types, e.g. {\"AWS\": \"123456789012\"}.", at);
    }

    static Finding wildcardInPrincipal(String key, Location at) {
        return of(FindingType.ERROR, "UNSUPPORTED_WILDCARD_IN_PRINCIPAL", "Only the bare \"*\" is a wildcard in a "
                + key + " principal; name the principal, or use \"*\" with an aws:PrincipalArn condition.", at);
    }

    static Finding allowWithNotPrincipal(Location at) {
        return of(FindingType.SECURITY_WARNING, "ALLOW_WITH_NOT_PRINCIPAL", "Allow with NotPrincipal grants access "
                + "to every principal not listed, anonymous callers included; name the principals in Principal "
                + "instead.", at);
    }

    static Finding emptyArray(String element, Location at) {
        String code = "EMPTY_ARRAY_" + element.toUpperCase(Locale.ROOT);
        return of(FindingType.SUGGESTION, code, "The " + element + " list is empty, so the statement grants or "
                + "denies nothing; name at least one " + element.toLowerCase(Locale.ROOT) + ".", at);
    }

    static Finding emptyObject(String element, Location at) {
        return of(FindingType.SUGGESTION, "EMPTY_OBJECT_" + element.toUpperCase(Locale.ROOT), "The " + element
                + " block is empty and changes nothing; remove it or fill it in.", at);
    }

    static Finding emptySid(Location at) {
        return of(FindingType.SUGGESTION, "EMPTY_SID_VALUE", "The Sid is an empty string; give it a value or "
                + "remove it.", at);
    }

    static Finding unsupportedSid(String sid, Location at) {
        return of(FindingType.ERROR, "UNSUPPORTED_SID", "The Sid \"" + sid + "\" may hold only letters and digits "
                + "(A-Z, a-z, 0-9) in this policy type.", at);
    }

    static Finding duplicateSid(String sid, boolean required, Location at) {
        return required
                ? of(FindingType.ERROR, "UNIQUE_SIDS_REQUIRED", "The Sid \"" + sid + "\" is used by another "
                + "statement; statement ids must be unique in this policy type.", at)
                : of(FindingType.WARNING, "UNIQUE_SIDS_RECOMMENDED", "The Sid \"" + sid + "\" is used by another "
                + "statement; give each statement its own id.", at);
    }

    static Finding invalidServiceInAction(String action, String service, String suggestion, Location at) {
        return of(FindingType.ERROR, "INVALID_SERVICE_IN_ACTION", "The action " + action + " names a service prefix \""
                + service + "\" that does not exist." + didYouMean(suggestion), at);
    }

    static Finding invalidAction(String action, String suggestion, Location at) {
        return of(FindingType.ERROR, "INVALID_ACTION", "The action " + action + " does not exist."
                + didYouMean(suggestion), at);
    }

    static Finding actionPatternMatchesNothing(String action, Location at) {
        return of(FindingType.ERROR, "INVALID_ACTION", "The action pattern " + action + " matches no action of its "
                + "service, so it grants or denies nothing.", at);
    }

    static Finding actionFormat(String action, Location at) {
        return of(FindingType.ERROR, "INVALID_ACTION", "The action \"" + action + "\" must have the form "
                + "service:ActionName (one colon, a service prefix of letters, digits, '.' and '-').", at);
    }

    static Finding redundantAction(String action, String coveredBy, Location at) {
        return of(FindingType.SUGGESTION, "REDUNDANT_ACTION", "The action " + action + " is redundant: " + coveredBy
                + " in the same statement already covers it. Remove " + action + ".", at);
    }

    static Finding redundantResource(String resource, String coveredBy, Location at) {
        return of(FindingType.SUGGESTION, "REDUNDANT_RESOURCE", "The resource " + resource + " is redundant: "
                + coveredBy + " in the same statement already covers it.", at);
    }

    static Finding redundantStatement(int other, Location at) {
        return of(FindingType.SUGGESTION, "REDUNDANT_STATEMENT", "This statement repeats statement " + other
                + " exactly; remove one of them.", at);
    }

    static Finding arnPrefix(String resource, Location at) {
        return of(FindingType.ERROR, "INVALID_ARN_PREFIX", "The resource \"" + resource + "\" is neither \"*\" "
                + "nor an ARN; ARNs start with arn:.", at);
    }

    static Finding arnFields(String resource, Location at) {
        return of(FindingType.ERROR, "MISSING_ARN_FIELD", "The resource " + resource + " lacks fields: an ARN has "
                + "six, arn:partition:service:region:account:resource.", at);
    }

    static Finding partition(String partition, Location at) {
        return of(FindingType.ERROR, "INVALID_PARTITION", "\"" + partition + "\" is not an AWS partition (aws, "
                + "aws-cn, aws-us-gov, ...).", at);
    }

    static Finding wildcardInServiceName(Location at) {
        return of(FindingType.SUGGESTION, "WILDCARD_IN_SERVICE_NAME", "The service field of this ARN has a "
                + "wildcard, which could reach other services with similar names (IAM refuses it in identity "
                + "policies); name the service.", at);
    }

    static Finding iamArnRegion(Location at) {
        return of(FindingType.ERROR, "ARN_REGION_NOT_ALLOWED", "IAM resources are global: leave the region field "
                + "of an IAM ARN empty.", at);
    }

    static Finding invalidOperator(String operator, String suggestion, Location at) {
        return of(FindingType.ERROR, "INVALID_CONDITION_OPERATOR", "\"" + operator + "\" is not a condition "
                + "operator." + didYouMean(suggestion), at);
    }

    static Finding nullWithIfExists(Location at) {
        return of(FindingType.ERROR, "NULL_WITH_IF_EXISTS", "Null tests whether a key is present, so it takes no "
                + "IfExists suffix; drop the suffix.", at);
    }

    static Finding nullWithQualifier(Location at) {
        return of(FindingType.SUGGESTION, "NULL_WITH_QUALIFIER", "Null with ForAllValues is always true and with "
                + "ForAnyValue always false; use Null without a qualifier.", at);
    }

    static Finding conditionKeyFormat(String key, Location at) {
        return of(FindingType.ERROR, "INVALID_CONDITION_KEY_FORMAT", "The condition key \"" + key + "\" must have "
                + "the form service:KeyName.", at);
    }

    static Finding unknownGlobalKey(String key, ConditionKeyCatalogue.Key suggestion, Location at) {
        return of(FindingType.ERROR, "INVALID_GLOBAL_CONDITION_KEY", "The condition key " + key + " does not exist."
                + keyHint(suggestion), at);
    }

    static Finding unknownServiceKey(String key, String service, ConditionKeyCatalogue.Key suggestion, Location at) {
        return of(FindingType.ERROR, "INVALID_SERVICE_CONDITION_KEY", "The condition key " + key + " does not exist "
                + "in the service " + service + "." + keyHint(suggestion), at);
    }

    static Finding unsupportedGlobalKey(String key, Location at) {
        return of(FindingType.ERROR, "UNSUPPORTED_GLOBAL_CONDITION_KEY", "The condition key " + key + " is not "
                + "supported; use aws:PrincipalArn for the caller or aws:SourceArn for a calling resource.", at);
    }

    static Finding duplicateKeyCase(String key, Location at) {
        return of(FindingType.ERROR, "DUPLICATE_KEYS_WITH_DIFFERENT_CASE", "The condition key " + key + " appears "
                + "twice under this operator, spelt with different case (key names are case-insensitive); merge "
                + "them.", at);
    }

    static Finding typeMismatch(String operator, String key, ConditionKeyCatalogue.KeyType type, Location at) {
        return of(FindingType.WARNING, "TYPE_MISMATCH", "The condition key " + key + " holds " + describe(type)
                + "; compare it with a " + type.operatorFamilyName() + " operator rather than " + operator + ".",
                at);
    }

    static Finding missingQualifier(String key, Location at) {
        return of(FindingType.ERROR, "MISSING_QUALIFIER", "The condition key " + key + " can carry several values "
                + "in one request; prefix the operator with ForAnyValue: (some value matches) or ForAllValues: "
                + "(every value matches).", at);
    }

    static Finding forAllValuesWithSingleValuedKey(String key, Location at) {
        return of(FindingType.SECURITY_WARNING, "FORALLVALUES_WITH_SINGLE_VALUED_KEY", "The condition key " + key
                + " has one value per request; ForAllValues is also true when the key is absent, which can be "
                + "overly permissive. Remove the ForAllValues: prefix.", at);
    }

    static Finding forAnyValueWithSingleValuedKey(String key, Location at) {
        return of(FindingType.WARNING, "FORANYVALUE_WITH_SINGLE_VALUED_KEY", "The condition key " + key + " has one "
                + "value per request; the ForAnyValue: prefix is not needed. Remove it.", at);
    }

    static Finding emptyConditionValues(String key, String qualifier, Location at) {
        String code = "EMPTY_ARRAY_CONDITION" + (qualifier.isEmpty() ? "" : "_" + qualifier.toUpperCase(Locale.ROOT));
        String details = switch (qualifier) {
            case "ForAllValues" -> "ForAllValues with no values for " + key + " is true only when the key is absent; "
                    + "test that with the Null operator instead.";
            case "ForAnyValue" -> "ForAnyValue with no values for " + key + " never matches; give it values.";
            case "IfExists" -> "IfExists with no values for " + key + " is true only when the key is absent; test "
                    + "that with the Null operator instead.";
            default -> "The condition key " + key + " has no values, so the condition never matches; give it "
                    + "values.";
        };
        return of(FindingType.SUGGESTION, code, details, at);
    }

    static Finding invalidDate(String value, Location at) {
        return of(FindingType.WARNING, "TYPE_MISMATCH_DATE", "\"" + value + "\" is not a date; use an ISO 8601 "
                + "date or date-time such as 2027-01-31 or 2027-01-31T12:00:00Z.", at);
    }

    static Finding invalidNumber(String value, String operator, Location at) {
        return of(FindingType.WARNING, "TYPE_MISMATCH_NUMBER", "\"" + value + "\" is not a number, which " + operator
                + " needs.", at);
    }

    static Finding invalidBoolean(String value, Location at) {
        return of(FindingType.WARNING, "TYPE_MISMATCH_BOOLEAN", "\"" + value + "\" is not a Boolean; Bool takes "
                + "true or false.", at);
    }

    static Finding invalidIpRange(String value, String operator, Location at) {
        return of(FindingType.WARNING, "TYPE_MISMATCH_IP_RANGE", "\"" + value + "\" is not an IP address or CIDR "
                + "range, which " + operator + " needs.", at);
    }

    static Finding wildcardWithoutLike(String operator, Location at) {
        return of(FindingType.WARNING, "WILDCARD_WITHOUT_LIKE_OPERATOR", "The value has a * or ?, which " + operator
                + " compares literally; if it is meant as a wildcard, use the Like form of the operator.", at);
    }

    static Finding variableForOperator(String operator, Location at) {
        return of(FindingType.ERROR, "INVALID_VARIABLE_FOR_OPERATOR", "Policy variables are expanded only in String "
                + "and ARN comparisons, not in " + operator + ".", at);
    }

    static Finding passRoleWithStarInResource(Location at) {
        return of(FindingType.SECURITY_WARNING, "PASS_ROLE_WITH_STAR_IN_RESOURCE", "iam:PassRole on \"*\" lets the "
                + "caller hand any role to any service; name the roles, or add an iam:PassedToService condition.",
                at);
    }

    static Finding passRoleWithStarInActionAndResource(String action, Location at) {
        return of(FindingType.SECURITY_WARNING, "PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE", "The action " + action
                + " includes iam:PassRole and the resource is \"*\", so any role can be passed to any service; name "
                + "the roles, or add an iam:PassedToService condition.", at);
    }

    static Finding scpTooLarge(int size, int limit, Location at) {
        return of(FindingType.ERROR, "POLICY_SIZE_EXCEEDS_SCP_QUOTA", "The policy is " + size + " characters, over "
                + "the " + limit + " allowed for a service control policy; split it into several policies.", at);
    }

    static Finding identityTooLarge(int size, int limit, Location at) {
        return of(FindingType.WARNING, "POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA", "The policy is " + size
                + " characters without whitespace, over the " + limit + " allowed for a managed policy; split it "
                + "into several policies.", at);
    }

    /** IAM's parser refused a document none of our checks flagged as an error. */
    static Finding refusedByIam(String issueCode, String message, Location at) {
        return of(FindingType.ERROR, issueCode, "IAM refuses this document: " + message, at);
    }

    private static String didYouMean(String suggestion) {
        return suggestion == null ? "" : " Did you mean " + suggestion + "?";
    }

    private static String keyHint(ConditionKeyCatalogue.Key suggestion) {
        if (suggestion == null) {
            return " Use a key from the Service Authorization Reference.";
        }
        String hint = " Did you mean " + suggestion.name() + "?";
        if (suggestion.type().multivalued()) {
            hint += " It is multivalued: compare it with a ForAnyValue: or ForAllValues: operator, e.g. "
                    + "ForAnyValue:" + (suggestion.type().family()
                    == io.strongroom.iampolicy.ConditionOperator.Family.ARN ? "ArnLike" : "StringLike") + ".";
        }
        return hint;
    }

    private static String describe(ConditionKeyCatalogue.KeyType type) {
        return switch (type) {
            case STRING, ARRAY_OF_STRING -> "strings";
            case ARN, ARRAY_OF_ARN -> "ARNs";
            case NUMERIC -> "a number";
            case DATE -> "a date";
            case BOOL -> "a Boolean";
            case IP_ADDRESS -> "an IP address";
            case BINARY -> "binary data";
        };
    }
}
