package io.gpushift.market.parse;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NumbersTest {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "$1,234.5|1234.5", "13.2|13.2", " 3.40 |3.4", "$3.40|3.4", "1e3|1000", "0|0", "600.0|600",
            "180,303,030,303,030|180303030303030", ".5|0.5", "7.|7", "+2|2", "$ 12|12", "1.56e-7|1.56e-7"})
    void acceptsWhatToMineStyleStrings(String text, double expected) throws Exception {
        assertThat(Numbers.nonNegative(F.textNode(text), "/x")).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "", "  ", "NaN", "Infinity", "-Infinity", "0x10", "1,2,3", "12,34", "1.2.3", "$",
            "1e", "--1", "$-$1", "١٢٣", "1 2", "1_000"})
    void rejectsNonNumbers(String text) {
        assertThatThrownBy(() -> Numbers.nonNegative(F.textNode(text), "/coins/Ergo/exchange_rate"))
                .isInstanceOf(ValueRejectedException.class)
                .hasMessageStartingWith("/coins/Ergo/exchange_rate ")
                .hasMessageContaining("not a number");
    }

    @Test
    void reasonNamesPathAndValue() {
        assertThatThrownBy(() -> Numbers.nonNegative(F.textNode("abc"), "/coins/Ergo/exchange_rate"))
                .hasMessage("/coins/Ergo/exchange_rate \"abc\" is not a number");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-5", "-$3.40", "$-3.40", "-0.0001"})
    void rejectsNegative(String text) {
        assertThatThrownBy(() -> Numbers.nonNegative(F.textNode(text), "/p")).hasMessageContaining("is negative");
    }

    @Test
    void rejectsNegativeAndHugeJsonNumbers() {
        assertThatThrownBy(() -> Numbers.nonNegative(F.numberNode(-1), "/p")).hasMessage("/p -1 is negative");
        assertThatThrownBy(() -> Numbers.nonNegative(F.numberNode(new BigDecimal("1e400")), "/p"))
                .hasMessageContaining("implausibly large");
        assertThatThrownBy(() -> Numbers.nonNegative(F.textNode("1e31"), "/p")).hasMessageContaining("implausibly large");
        assertThatThrownBy(() -> Numbers.nonNegative(F.numberNode(Double.NaN), "/p")).hasMessageContaining("not a finite");
        assertThatThrownBy(() -> Numbers.nonNegative(F.numberNode(Double.POSITIVE_INFINITY), "/p"))
                .hasMessageContaining("not a finite");
    }

    @Test
    void rejectsWrongTypesByName() {
        assertThatThrownBy(() -> Numbers.nonNegative(F.booleanNode(true), "/p"))
                .hasMessage("/p is a boolean (true), expected a number");
        assertThatThrownBy(() -> Numbers.nonNegative(F.objectNode(), "/p")).hasMessage("/p is an object, expected a number");
        assertThatThrownBy(() -> Numbers.nonNegative(F.arrayNode(), "/p")).hasMessage("/p is an array, expected a number");
        assertThatThrownBy(() -> Numbers.nonNegative(F.nullNode(), "/p")).hasMessage("/p is null");
        assertThatThrownBy(() -> Numbers.nonNegative(null, "/p")).hasMessage("/p is missing");
    }

    @Test
    void positiveRejectsZero() {
        assertThatThrownBy(() -> Numbers.positive(F.textNode("0.0"), "/block_time"))
                .hasMessage("/block_time \"0.0\" must be greater than zero");
    }

    @Test
    void tinyNumbersBecomeZeroNotNegative() throws Exception {
        assertThat(Numbers.nonNegative(F.textNode("1e-9999"), "/p")).isEqualTo(0.0);
        assertThat(Numbers.nonNegative(F.numberNode(new BigDecimal("-0.0")), "/p")).isEqualTo(0.0);
    }

    @Test
    void untrustedTextIsQuotedShortAndPrintable() {
        assertThat(Numbers.quoteText("a\"b\n" + "x".repeat(100))).startsWith("\"a\\\"b\\u000a").endsWith("…\"").hasSizeLessThan(60);
    }
}
