package io.strongroom.engine.iam;

import io.strongroom.engine.iam.policy.IamPolicyValidation;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/** Every AWS managed policy Strongroom ships is a valid managed policy with an ANPA id. */
class IamManagedPoliciesTest {
    @Test
    void everyDocumentParsesAsAManagedPolicy() {
        assertThat(AwsManagedPolicies.all()).extracting(ManagedPolicy::name).containsExactlyInAnyOrder(
                "AdministratorAccess", "ReadOnlyAccess", "AWSBackupFullAccess", "AWSBackupServiceRolePolicyForBackup",
                "AWSBackupServiceRolePolicyForRestores", "AWSBackupServiceRolePolicyForS3Backup",
                "AWSBackupServiceRolePolicyForS3Restore", "AWSBackupServiceLinkedRolePolicyForBackup",
                "AWSServiceRolePolicyForBackupReports", "AWSOrganizationsFullAccess");
        for (ManagedPolicy policy : AwsManagedPolicies.all()) {
            assertThat(policy.arn()).startsWith("arn:aws:iam::aws:policy/");
            assertThat(policy.policyId()).matches("ANPA[A-Z2-7]{17}");
            assertThatCode(() -> IamPolicyValidation.validateManaged(policy.defaultVersion().document()))
                    .as(policy.name()).doesNotThrowAnyException();
        }
    }
}
