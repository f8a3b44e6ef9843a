package io.strongroom.orgpolicy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Size limits and message shape: the parts of create-time validation a corpus file cannot express well. */
class PolicyDocumentsTest {
    private static final String BACKUP = "{\"plans\":{\"p\":{\"regions\":{\"@@assign\":[\"us-east-1\"]}}}}";
    private static final String SCP =
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}";

    /** Pads with whitespace after the object so the document stays valid JSON of exactly {@code length} characters. */
    private static String padded(String document, int length) {
        return document + " ".repeat(length - document.length());
    }

    @Test
    void backupPolicyOfExactly10000CharactersIsAccepted() {
        assertThatCode(() -> PolicyDocuments.validate(PolicyType.BACKUP_POLICY, padded(BACKUP, 10_000)))
                .doesNotThrowAnyException();
    }

    @Test
    void backupPolicyOver10000CharactersIsAConstraintViolationCountingWhitespace() {
        PolicyContentTooLarge tooLarge = catchThrowableOfType(
                () -> PolicyDocuments.validate(PolicyType.BACKUP_POLICY, padded(BACKUP, 10_001)),
                PolicyContentTooLarge.class);

        assertThat(tooLarge.code()).isEqualTo("ConstraintViolationException");
        assertThat(tooLarge.reason()).isEqualTo("POLICY_CONTENT_LIMIT_EXCEEDED");
        assertThat(tooLarge.details()).containsEntry("Reason", "POLICY_CONTENT_LIMIT_EXCEEDED");
        assertThat(tooLarge.getMessage()).isEqualTo(PolicyContentTooLarge.AWS_MESSAGE);
        assertThat(tooLarge.length()).isEqualTo(10_001);
        assertThat(tooLarge.limit()).isEqualTo(10_000);
    }

    @Test
    void sizeIsCheckedBeforeSyntax() {
        String oversizedGarbage = "{" + "x".repeat(20_000);

        assertThat(catchThrowableOfType(() -> PolicyDocuments.validate(PolicyType.TAG_POLICY, oversizedGarbage),
                PolicyContentTooLarge.class)).isNotNull();
    }

    @Test
    void scpLimitIs10240ByDefaultAnd5120WhenConfigured() {
        PolicyValidationOptions older = PolicyValidationOptions.defaults().withScpContentLimit(5_120);

        assertThatCode(() -> PolicyDocuments.validate(PolicyType.SERVICE_CONTROL_POLICY, padded(SCP, 10_240)))
                .doesNotThrowAnyException();
        assertThat(catchThrowableOfType(
                () -> PolicyDocuments.validate(PolicyType.SERVICE_CONTROL_POLICY, padded(SCP, 10_241)),
                PolicyContentTooLarge.class).limit()).isEqualTo(10_240);
        assertThat(catchThrowableOfType(
                () -> PolicyDocuments.validate(PolicyType.SERVICE_CONTROL_POLICY, padded(SCP, 5_121), older),
                PolicyContentTooLarge.class).limit()).isEqualTo(5_120);
    }

    @Test
    void rcpAndAiOptOutLimits() {
        String rcp = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Principal\":\"*\","
                + "\"Action\":\"s3:*\",\"Resource\":\"*\"}]}";
        String optOut = "{\"services\":{\"default\":{\"opt_out_policy\":{\"@@assign\":\"optOut\"}}}}";

        assertThat(catchThrowableOfType(
                () -> PolicyDocuments.validate(PolicyType.RESOURCE_CONTROL_POLICY, padded(rcp, 5_121)),
                PolicyContentTooLarge.class).limit()).isEqualTo(5_120);
        assertThat(catchThrowableOfType(
                () -> PolicyDocuments.validate(PolicyType.AISERVICES_OPT_OUT_POLICY, padded(optOut, 2_501)),
                PolicyContentTooLarge.class).limit()).isEqualTo(2_500);
    }

    @Test
    void charactersNotUtf16UnitsAreCounted() {
        String emoji = "\uD83D\uDCBE";
        String content = "{\"tags\":{\"t\":{\"tag_key\":{\"@@assign\":\"" + emoji.repeat(4_980) + "\"}}}}";
        assertThat(content.length()).isGreaterThan(10_000);

        assertThatCode(() -> PolicyDocuments.validate(PolicyType.TAG_POLICY, content)).doesNotThrowAnyException();
    }

    @Test
    void detailCanBeAppendedToTheMessage() {
        PolicyValidationOptions helpful = PolicyValidationOptions.defaults().withDetailInMessage(true);

        MalformedPolicyDocument refused = catchThrowableOfType(() -> PolicyDocuments.validate(
                PolicyType.BACKUP_POLICY, "{\"plans\":{\"p\":{\"regions\":{\"@@merge\":[]}}}}", helpful),
                MalformedPolicyDocument.class);

        assertThat(refused.getMessage()).isEqualTo(MalformedPolicyDocument.AWS_MESSAGE
                + " At plans.p.regions.@@merge: unknown operator @@merge");
        assertThat(refused.path()).isEqualTo("plans.p.regions.@@merge");
    }

    @Test
    void nullContentIsMalformed() {
        assertThat(catchThrowableOfType(() -> PolicyDocuments.validate(PolicyType.BACKUP_POLICY, null),
                MalformedPolicyDocument.class)).isNotNull();
    }

    @ParameterizedTest
    @EnumSource(PolicyType.class)
    void everyTypeAcceptsContentAtItsLimitAndRefusesOneMore(PolicyType type) {
        String document = type.isAuthorization()
                ? "{\"Statement\":{\"Effect\":\"Deny\",\"Action\":\"*\",\"Resource\":\"*\"}}"
                : "{\"settings\":{\"value\":{\"@@assign\":\"x\"}}}";
        if (type == PolicyType.BACKUP_POLICY) {
            document = BACKUP;
        }
        int limit = PolicyValidationOptions.defaults().contentLimit(type);
        String atLimit = padded(document, limit);
        String overLimit = padded(document, limit + 1);

        assertThatCode(() -> PolicyDocuments.validate(type, atLimit)).doesNotThrowAnyException();
        assertThat(catchThrowableOfType(() -> PolicyDocuments.validate(type, overLimit), PolicyContentTooLarge.class))
                .isNotNull();
    }
}
