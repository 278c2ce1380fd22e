package uk.nhs.hps.conversation;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The rule for text one person wrote and another reads: nothing in it renders as Markdown, HTML or a link. */
class PlainTextTest {

    /** What every payload must lose: the characters that open a link, image, emphasis, tag or auto-link. */
    static void assertInert(String shown) {
        assertThat(shown).doesNotContain("[", "]", "<", ">", "*", "_", "`", "~", "#", "|", "://", "www.");
        assertThat(shown).doesNotContainPattern("[\\p{Cf}]");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "[Sign in to NHSmail](https://evil.example/login)",
            "![tracking](https://evil.example/pixel.png)",
            "<a href=\"https://evil.example\">Sign in</a>",
            "<at>Pat Programme</at> please look",
            "**urgent** _now_ `code` ~~gone~~ # Heading > quote | table |",
            "visit www.evil.example or https://evil.example today",
            "<https://evil.example>",
            "right\u202Eto left and zero\u200Bwidth"})
    void payloadsBecomeInertText(String payload) {
        assertInert(PlainText.of(payload));
        assertInert(PlainText.inline(payload));
    }

    @Test
    void wordsStayReadable() {
        assertThat(PlainText.of("[Sign in to NHSmail](https://evil.example)"))
                .isEqualTo("(Sign in to NHSmail)(https∶//evil.example)");
        assertThat(PlainText.of("a < b and **bold**")).isEqualTo("a ‹ b and ∗∗bold∗∗");
    }

    @Test
    void applyingItTwiceChangesNothingMore() {
        String once = PlainText.of("[x](https://e.example) **b** <i> www.e.example #1 a_b");

        assertThat(PlainText.of(once)).isEqualTo(once);
    }

    @Test
    void ofKeepsLineBreaksAndInlineRemovesThem() {
        String text = "first line\n- fake list item\r\n\n\n\nlast";

        assertThat(PlainText.of(text)).isEqualTo("first line\n- fake list item\n\nlast");
        assertThat(PlainText.inline(text)).isEqualTo("first line - fake list item last");
    }

    @Test
    void longTextIsCutWithAnEllipsis() {
        assertThat(PlainText.of("abcdefghij", 5)).isEqualTo("abcd…");
        assertThat(PlainText.of(null)).isEmpty();
    }
}
