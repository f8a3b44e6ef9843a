package io.strongroom.iampolicy;

import io.strongroom.iampolicy.MalformedPolicyDocument.Problem;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The semantic checks of spec 1.2-1.4 and 1.8, each run over the whole document before the next, because AWS
 * reports the first failing check in its order rather than the first failing statement.
 */
final class PolicyValidator {
    private static final Pattern SID = Pattern.compile("[0-9A-Za-z]*");
    private static final Pattern VENDOR = Pattern.compile("[A-Za-z0-9.-]+");
    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
    private static final Pattern UNIQUE_ID = Pattern.compile("A[A-Z0-9]{3}[A-Z0-9]{8,}");
    private static final Set<String> PARTITIONS = Set.of("aws", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b",
            "aws-iso-e", "aws-iso-f", "aws-eusc");
    private static final List<String> IAM_PATHS = List.of("user/", "federated-user/", "role/", "group/",
            "instance-profile/", "mfa/", "server-certificate/", "policy/", "sms-mfa/", "saml-provider/",
            "oidc-provider/", "report/", "access-report/");
    /** What a role trust policy may grant (spec 1.8). */
    static final List<String> TRUST_ACTIONS = List.of("sts:AssumeRole", "sts:AssumeRoleWithSAML",
            "sts:AssumeRoleWithWebIdentity", "sts:TagSession", "sts:SetSourceIdentity", "sts:SetContext");

    private final PolicyKind kind;
    private final ParseSettings settings;

    PolicyValidator(PolicyKind kind, ParseSettings settings) {
        this.kind = kind;
        this.settings = settings;
    }

    void validate(PolicyDocument document) {
        List<Statement> statements = document.statements();
        version(document);
        statements.forEach(s -> legacyParsing(s, document.variablesEnabled()));
        sids(statements);
        statements.forEach(this::actionsPresent);
        statements.forEach(this::resourceFormat);
        statements.forEach(this::actionFormat);
        statements.forEach(this::principal);
        statements.forEach(this::resourcesPresent);
    }

    private void version(PolicyDocument document) {
        boolean required = settings.managedPolicy() || kind == PolicyKind.PERMISSIONS_BOUNDARY
                || kind == PolicyKind.SERVICE_CONTROL || kind == PolicyKind.RESOURCE_CONTROL;
        if (required && !document.variablesEnabled()) {
            throw new MalformedPolicyDocument(Problem.VERSION, MalformedPolicyDocument.VERSION);
        }
    }

    private void legacyParsing(Statement statement, boolean variables) {
        for (Condition condition : statement.conditions()) {
            if (condition.operator().base().family() == ConditionOperator.Family.DATE) {
                for (String value : condition.values()) {
                    if (DateValues.parse(value).isEmpty()) {
                        throw legacy();
                    }
                }
            }
        }
        if (variables && statement.resources() != null) {
            for (String resource : statement.resources()) {
                int open = resource.lastIndexOf("${");
                if (open >= 0 && resource.indexOf('}', open) < 0) {
                    throw legacy();
                }
            }
        }
    }

    private static MalformedPolicyDocument legacy() {
        return new MalformedPolicyDocument(Problem.LEGACY_PARSING, MalformedPolicyDocument.LEGACY_PARSING);
    }

    private void sids(List<Statement> statements) {
        Set<String> seen = new HashSet<>();
        for (Statement statement : statements) {
            String sid = statement.sid();
            if (sid != null && !sid.isEmpty() && !seen.add(sid)) {
                throw new MalformedPolicyDocument(Problem.DUPLICATE_SID, MalformedPolicyDocument.DUPLICATE_SID);
            }
        }
        if (kind.iamSidRules(settings.options())) {
            for (Statement statement : statements) {
                if (statement.sid() != null && !SID.matcher(statement.sid()).matches()) {
                    throw new MalformedPolicyDocument(Problem.SID_NOT_ALPHANUMERIC,
                            MalformedPolicyDocument.SID_NOT_ALPHANUMERIC);
                }
            }
        }
    }

    private void actionsPresent(Statement statement) {
        if (statement.actions() == null || statement.actions().isEmpty()) {
            throw new MalformedPolicyDocument(Problem.MISSING_ACTIONS, MalformedPolicyDocument.MISSING_ACTIONS);
        }
    }

    private void resourceFormat(Statement statement) {
        if (statement.resources() == null) {
            return;
        }
        if (kind == PolicyKind.TRUST) {
            throw MalformedPolicyDocument.prohibitedField(statement.notResource() ? "NotResource" : "Resource");
        }
        for (String resource : statement.resources()) {
            if (resource.equals("*")) {
                continue;
            }
            if (!Arns.isArn(resource)) {
                throw MalformedPolicyDocument.resourceNotArn(resource);
            }
            String partition = Arns.segment(resource, 1);
            if (!PARTITIONS.contains(partition) && !partition.equals("*")) {
                throw MalformedPolicyDocument.partition(partition, resource);
            }
            String service = Arns.segment(resource, 2);
            if (service.isEmpty() || service.contains("*") || service.contains("?")) {
                throw new MalformedPolicyDocument(Problem.RESOURCE_FORMAT, MalformedPolicyDocument.RESOURCE_VENDOR);
            }
            if (service.equals("iam")) {
                if (!Arns.segment(resource, 3).isEmpty()) {
                    throw MalformedPolicyDocument.iamRegion(resource);
                }
                String path = Arns.segment(resource, 5);
                if (!path.equals("*") && IAM_PATHS.stream().noneMatch(path::startsWith)) {
                    throw new MalformedPolicyDocument(Problem.RESOURCE_FORMAT,
                            MalformedPolicyDocument.IAM_RESOURCE_PATH);
                }
            }
        }
    }

    private void actionFormat(Statement statement) {
        boolean checkActions = kind != PolicyKind.SERVICE_CONTROL || settings.options().validateScpActions();
        if (checkActions) {
            statement.actions().forEach(PolicyValidator::action);
        }
        for (Condition condition : statement.conditions()) {
            if (!condition.key().contains(":")) {
                throw new MalformedPolicyDocument(Problem.ACTION_FORMAT, MalformedPolicyDocument.NO_VENDOR);
            }
        }
        if (kind == PolicyKind.TRUST && !statement.notAction()) {
            for (String action : statement.actions()) {
                if (TRUST_ACTIONS.stream().noneMatch(a -> Glob.matches(action, a, true))) {
                    throw new MalformedPolicyDocument(Problem.TRUST_ACTIONS, MalformedPolicyDocument.TRUST_ACTIONS);
                }
            }
        }
    }

    private static void action(String action) {
        if (action.equals("*")) {
            return;
        }
        int colon = action.indexOf(':');
        if (colon < 0) {
            throw new MalformedPolicyDocument(Problem.ACTION_FORMAT, MalformedPolicyDocument.NO_VENDOR);
        }
        if (action.indexOf(':', colon + 1) >= 0) {
            throw new MalformedPolicyDocument(Problem.ACTION_FORMAT, MalformedPolicyDocument.ONE_COLON);
        }
        String vendor = action.substring(0, colon);
        if (!VENDOR.matcher(vendor).matches()) {
            throw MalformedPolicyDocument.vendor(vendor);
        }
    }

    private void principal(Statement statement) {
        PrincipalElement principal = statement.principal();
        if (!kind.namesPrincipals()) {
            if (principal != null) {
                throw new MalformedPolicyDocument(Problem.PRINCIPAL_NOT_ALLOWED,
                        MalformedPolicyDocument.PRINCIPAL_NOT_ALLOWED);
            }
            return;
        }
        if (principal == null) {
            throw new MalformedPolicyDocument(Problem.MISSING_PRINCIPAL, MalformedPolicyDocument.MISSING_PRINCIPAL);
        }
        if (statement.notPrincipal() && kind == PolicyKind.TRUST) {
            throw MalformedPolicyDocument.prohibitedField("NotPrincipal");
        }
        for (String type : PrincipalElement.TYPES) {
            for (String value : principal.values(type)) {
                // only the bare "*" is a wildcard; role/* and assumed-role/R/* are refused (spec 1.2)
                boolean partialWildcard = !value.equals("*") && (value.contains("*") || value.contains("?"));
                boolean malformedAws = type.equals("AWS") && !value.equals("*") && !ACCOUNT.matcher(value).matches()
                        && !UNIQUE_ID.matcher(value).matches() && !awsPrincipalArn(value);
                if (partialWildcard || malformedAws || value.isEmpty()) {
                    throw MalformedPolicyDocument.invalidPrincipal(type, value);
                }
            }
        }
        if (kind == PolicyKind.RESOURCE_CONTROL && settings.options().rcpPrincipalMustBeStar()
                && (statement.notPrincipal() || !principal.equals(PrincipalElement.anyone()))) {
            String type = principal.entries().keySet().iterator().next();
            throw MalformedPolicyDocument.invalidPrincipal(type, principal.values(type).get(0));
        }
    }

    private static boolean awsPrincipalArn(String value) {
        if (!Arns.isArn(value)) {
            return false;
        }
        String service = Arns.segment(value, 2);
        return (service.equals("iam") || service.equals("sts")) && !Arns.segment(value, 4).isEmpty();
    }

    private void resourcesPresent(Statement statement) {
        if (kind != PolicyKind.TRUST && (statement.resources() == null || statement.resources().isEmpty())) {
            throw new MalformedPolicyDocument(Problem.MISSING_RESOURCES, MalformedPolicyDocument.MISSING_RESOURCES);
        }
    }
}
