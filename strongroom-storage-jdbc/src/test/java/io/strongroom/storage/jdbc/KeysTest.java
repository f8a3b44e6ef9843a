package io.strongroom.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KeysTest {

    @Test
    void prefixEndIsTheNextStringAfterEveryExtensionOfThePrefix() {
        assertThat(Keys.prefixEnd("abc")).isEqualTo("abd");
        assertThat(Keys.prefixEnd("")).isNull();
        assertThat(Keys.prefixEnd("a\uFFFF")).isEqualTo("a\uD800\uDC00");
        assertThat(Keys.prefixEnd("a\uD7FF")).isEqualTo("a\uE000");
        assertThat(Keys.prefixEnd("a\uDBFF\uDFFF")).isEqualTo("b");
        assertThat(Keys.prefixEnd("\uDBFF\uDFFF")).isNull();
    }
}
