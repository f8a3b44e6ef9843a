package io.strongroom.orgpolicy;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PolicyTypeTest {

    @Test
    void thirteenTypesInTwoFamilies() {
        assertThat(PolicyType.values()).hasSize(13);
        assertThat(PolicyType.values()).filteredOn(PolicyType::isAuthorization)
                .containsExactly(PolicyType.SERVICE_CONTROL_POLICY, PolicyType.RESOURCE_CONTROL_POLICY);
        assertThat(PolicyType.values()).filteredOn(PolicyType::isManagement).hasSize(11);
    }

    @Test
    void arnSegmentIsTheLowerCaseName() {
        assertThat(PolicyType.BACKUP_POLICY.arnSegment()).isEqualTo("backup_policy");
        assertThat(PolicyType.SERVICE_CONTROL_POLICY.arnSegment()).isEqualTo("service_control_policy");
        assertThat(PolicyType.DECLARATIVE_POLICY_EC2.arnSegment()).isEqualTo("declarative_policy_ec2");
        assertThat(PolicyType.AISERVICES_OPT_OUT_POLICY.arnSegment()).isEqualTo("aiservices_opt_out_policy");
    }

    @Test
    void limitsFromTheSpec() {
        assertThat(PolicyType.BACKUP_POLICY.defaultContentLimit()).isEqualTo(10_000);
        assertThat(PolicyType.BACKUP_POLICY.maxAttachmentsPerTarget()).isEqualTo(10);
        assertThat(PolicyType.SERVICE_CONTROL_POLICY.defaultContentLimit()).isEqualTo(10_240);
        assertThat(PolicyType.SERVICE_CONTROL_POLICY.maxAttachmentsPerTarget()).isEqualTo(10);
        assertThat(PolicyType.RESOURCE_CONTROL_POLICY.defaultContentLimit()).isEqualTo(5_120);
        assertThat(PolicyType.RESOURCE_CONTROL_POLICY.maxAttachmentsPerTarget()).isEqualTo(5);
        assertThat(PolicyType.TAG_POLICY.defaultContentLimit()).isEqualTo(10_000);
        assertThat(PolicyType.AISERVICES_OPT_OUT_POLICY.defaultContentLimit()).isEqualTo(2_500);
    }

    @Test
    void wireNames() {
        assertThat(PolicyType.fromWireName("BACKUP_POLICY")).contains(PolicyType.BACKUP_POLICY);
        assertThat(PolicyType.fromWireName("backup_policy")).isEmpty();
    }
}
