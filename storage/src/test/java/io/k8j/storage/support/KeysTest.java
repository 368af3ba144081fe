package io.k8j.storage.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeysTest {
    @Test
    void prefixEndIsTheFirstKeyPastThePrefix() {
        assertThat(Keys.prefixEnd("/registry/pods/")).isEqualTo("/registry/pods0");
        assertThat(Keys.prefixEnd("a")).isEqualTo("b");
        assertThat(Keys.prefixEnd("")).isNull();
        assertThat(Keys.prefixEnd("a" + Character.toString(Character.MAX_CODE_POINT))).isEqualTo("b");
        assertThat(Keys.prefixEnd(Character.toString(Character.MAX_CODE_POINT))).isNull();
        assertThat(Keys.prefixEnd("x\uD7FF")).isEqualTo("x\uE000"); // the surrogate range is skipped
    }

    @Test
    void orderIsUtf8ByteOrderNotUtf16() {
        String supplementary = Character.toString(0x1F600); // a surrogate pair in UTF-16
        String bmpHigh = "\uFF21";
        // String.compareTo puts the surrogate pair (0xD83D...) first; UTF-8 bytes put it last.
        assertThat(supplementary.compareTo(bmpHigh)).isNegative();
        assertThat(Keys.compare(supplementary, bmpHigh)).isPositive();
        List<String> keys = List.of("b", "a", supplementary, bmpHigh, "ab", "");
        List<String> byKeys = keys.stream().sorted(Keys.ORDER).toList();
        List<String> byBytes = keys.stream().sorted((x, y) -> Arrays.compareUnsigned(
                x.getBytes(StandardCharsets.UTF_8), y.getBytes(StandardCharsets.UTF_8))).toList();
        assertThat(byKeys).isEqualTo(byBytes);
    }
}
