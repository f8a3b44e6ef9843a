package io.strongroom.it;

import io.strongroom.testkit.Endpoint;
import io.strongroom.testkit.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.accessanalyzer.AccessAnalyzerClient;
import software.amazon.awssdk.services.accessanalyzer.model.AccessAnalyzerException;
import software.amazon.awssdk.services.accessanalyzer.model.PathElement;
import software.amazon.awssdk.services.accessanalyzer.model.Position;
import software.amazon.awssdk.services.accessanalyzer.model.Span;
import software.amazon.awssdk.services.accessanalyzer.model.ValidatePolicyFinding;
import software.amazon.awssdk.services.accessanalyzer.model.ValidatePolicyFindingType;
import software.amazon.awssdk.services.accessanalyzer.model.ValidatePolicyResponse;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.Event;
import software.amazon.awssdk.services.cloudtrail.model.LookupAttributeKey;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** IAM Access Analyzer's ValidatePolicy through the SDK: the seed's SCP, locations, paging, errors, CloudTrail. */
class ValidatePolicyIT {
    static TestServer server;
    static Endpoint endpoint;
    static AccessAnalyzerClient analyzer;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        endpoint = server.endpoint();
        analyzer = endpoint.client(AccessAnalyzerClient.builder());
    }

    @AfterAll
    static void stop() {
        analyzer.close();
        server.close();
    }

    @Test
    void theSeedScpMisspellsTheOrgPathsKeyAndNamesAnActionThatDoesNotExist() throws Exception {
        String scp = OrganizationsIT.resource("protect-backups-scp.json");
        ValidatePolicyResponse response = analyzer.validatePolicy(r -> r.policyType("SERVICE_CONTROL_POLICY")
                .policyDocument(scp));

        assertThat(response.nextToken()).isNull();
        assertThat(response.findings()).extracting(ValidatePolicyFinding::issueCode)
                .containsExactly("INVALID_ACTION", "INVALID_GLOBAL_CONDITION_KEY");

        ValidatePolicyFinding key = response.findings().get(1);
        assertThat(key.findingType()).isEqualTo(ValidatePolicyFindingType.ERROR);
        assertThat(key.findingDetails()).isEqualTo("The condition key aws:PrincipalOrgPath does not exist. Did you "
                + "mean aws:PrincipalOrgPaths? It is multivalued: compare it with a ForAnyValue: or ForAllValues: "
                + "operator, e.g. ForAnyValue:StringLike.");
        assertThat(key.learnMoreLink()).isEqualTo("https://docs.aws.amazon.com/IAM/latest/UserGuide/"
                + "access-analyzer-reference-policy-checks.html"
                + "#access-analyzer-reference-policy-checks-error-invalid-global-condition-key");
        assertThat(key.locations()).hasSize(1);
        assertThat(key.locations().get(0).path()).containsExactly(PathElement.fromValue("Statement"),
                PathElement.fromIndex(1), PathElement.fromValue("Condition"), PathElement.fromValue("StringEquals"),
                PathElement.fromKey("aws:PrincipalOrgPath"));
        Span span = key.locations().get(0).span();
        assertThat(scp.substring(span.start().offset(), span.end().offset())).isEqualTo("\"aws:PrincipalOrgPath\"");
        assertThat(span.start()).isEqualTo(Position.builder().line(34).column(26).offset(scp.indexOf(
                "\"aws:PrincipalOrgPath\"")).build());

        ValidatePolicyFinding action = response.findings().get(0);
        assertThat(action.findingDetails()).isEqualTo("The action backup:RemoveBackupVaultLockConfiguration does not "
                + "exist. Did you mean backup:DeleteBackupVaultLockConfiguration?");
        assertThat(action.locations().get(0).path()).containsExactly(PathElement.fromValue("Statement"),
                PathElement.fromIndex(0), PathElement.fromValue("Action"), PathElement.fromIndex(4));
    }

    @Test
    void theCorrectedScpHasNoFindings() throws Exception {
        String fixed = OrganizationsIT.resource("protect-backups-scp.json")
                .replace("backup:RemoveBackupVaultLockConfiguration", "backup:DeleteBackupVaultLockConfiguration")
                .replace("\"StringEquals\": { \"aws:PrincipalOrgPath\": \"o-xxx/r-yyy/ou-Production\" }",
                        "\"ForAnyValue:StringLike\": { \"aws:PrincipalOrgPaths\": \"o-xxx/r-yyy/ou-Production/*\" }");
        assertThat(analyzer.validatePolicy(r -> r.policyType("SERVICE_CONTROL_POLICY").policyDocument(fixed))
                .findings()).isEmpty();
    }

    @Test
    void findingsArePagedWithNextToken() {
        String policy = """
                {"Statement": [{"Effect": "Allow", "Action": ["bakup:ListBackupVaults", "backup:Nope", "s3:Nope"],
                  "Resource": "*", "Condition": {"StringEquals": {"aws:TagKeys": "Backup"}}}]}""";
        List<String> codes = new ArrayList<>();
        String next = null;
        int pages = 0;
        do {
            String token = next;
            ValidatePolicyResponse page = analyzer.validatePolicy(r -> r.policyType("IDENTITY_POLICY")
                    .policyDocument(policy).maxResults(2).nextToken(token));
            assertThat(page.findings()).hasSizeLessThanOrEqualTo(2);
            page.findings().forEach(f -> codes.add(f.issueCode()));
            next = page.nextToken();
            pages++;
        } while (next != null);
        assertThat(pages).isEqualTo(3);
        assertThat(codes).containsExactly("MISSING_VERSION", "INVALID_SERVICE_IN_ACTION", "INVALID_ACTION",
                "INVALID_ACTION", "MISSING_QUALIFIER");
        List<String> viaPaginator = analyzer.validatePolicyPaginator(r -> r.policyType("IDENTITY_POLICY")
                .policyDocument(policy).maxResults(2)).findings().stream().map(ValidatePolicyFinding::issueCode)
                .toList();
        assertThat(viaPaginator).isEqualTo(codes);
    }

    @Test
    void notJsonIsOneSyntaxErrorAtTheFirstBadCharacter() {
        ValidatePolicyResponse response = analyzer.validatePolicy(r -> r.policyType("IDENTITY_POLICY")
                .policyDocument("{\"Version\": \"2012-10-17\",\n \"Statement\": [}"));
        assertThat(response.findings()).singleElement().satisfies(f -> {
            assertThat(f.issueCode()).isEqualTo("JSON_SYNTAX_ERROR");
            assertThat(f.findingTypeAsString()).isEqualTo("ERROR");
            assertThat(f.locations().get(0).span().start())
                    .isEqualTo(Position.builder().line(2).column(15).offset(41).build());
        });
    }

    @Test
    void anUnknownPolicyTypeOrTokenIsAValidationException() {
        AccessAnalyzerException badType = catchThrowableOfType(AccessAnalyzerException.class,
                () -> analyzer.validatePolicy(r -> r.policyType("TRUST_POLICY").policyDocument("{}")));
        assertThat(badType.statusCode()).isEqualTo(400);
        assertThat(badType.awsErrorDetails().errorCode()).isEqualTo("ValidationException");

        AccessAnalyzerException badToken = catchThrowableOfType(AccessAnalyzerException.class,
                () -> analyzer.validatePolicy(r -> r.policyType("IDENTITY_POLICY").policyDocument("{}")
                        .nextToken("not-a-token")));
        assertThat(badToken.statusCode()).isEqualTo(400);
        assertThat(badToken.awsErrorDetails().errorMessage()).isEqualTo("Invalid pagination token.");
    }

    @Test
    void theCallIsRecordedAsAReadOnlyAccessAnalyzerEvent() {
        analyzer.validatePolicy(r -> r.policyType("RESOURCE_CONTROL_POLICY").policyDocument("{}"));
        try (CloudTrailClient trail = endpoint.client(CloudTrailClient.builder())) {
            Event event = trail.lookupEvents(r -> r.lookupAttributes(a -> a.attributeKey(LookupAttributeKey.EVENT_NAME)
                    .attributeValue("ValidatePolicy"))).events().get(0);
            assertThat(event.eventSource()).isEqualTo("access-analyzer.amazonaws.com");
            assertThat(event.readOnly()).isEqualTo("true");
        }
    }
}
