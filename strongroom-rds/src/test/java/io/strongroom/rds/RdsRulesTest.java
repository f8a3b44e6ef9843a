package io.strongroom.rds;

import io.strongroom.kernel.ServiceException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RdsRulesTest {
    @ParameterizedTest
    @ValueSource(strings = {"a", "Orders-DB", "db1", "a-b-c"})
    void acceptsAndLowerCasesIdentifiers(String id) {
        assertThat(RdsRules.identifier("DBInstanceIdentifier", id)).isEqualTo(id.toLowerCase());
    }

    @ParameterizedTest
    @ValueSource(strings = {"1db", "-db", "db-", "db--x", "db_x", "db.x", "d b"})
    void refusesBadIdentifiers(String id) {
        assertThatThrownBy(() -> RdsRules.identifier("DBInstanceIdentifier", id)).isInstanceOf(ServiceException.class)
                .hasMessageContaining("is not a valid identifier");
    }

    @org.junit.jupiter.api.Test
    void identifiersAreAtMost63Characters() {
        assertThat(RdsRules.identifier("DBClusterIdentifier", "a".repeat(63))).hasSize(63);
        assertThatThrownBy(() -> RdsRules.identifier("DBClusterIdentifier", "a".repeat(64)))
                .isInstanceOf(ServiceException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"short12", "has space1", "quote\"1234", "at@sign1234", "é-accented1"})
    void refusesPasswordsAwsRefuses(String password) {
        assertThatThrownBy(() -> RdsRules.masterPassword(password)).isInstanceOf(ServiceException.class);
    }

    @org.junit.jupiter.api.Test
    void acceptsPasswordsOfEightTo128PrintableCharacters() {
        RdsRules.masterPassword("12345678");
        RdsRules.masterPassword("x!#$%&'()*+,-.:;<=>?[]^_`{|}~".repeat(4));
        assertThatThrownBy(() -> RdsRules.masterPassword("x".repeat(129))).isInstanceOf(ServiceException.class);
    }
}
