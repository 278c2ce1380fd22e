package uk.nhs.hps.conversation;

import io.micronaut.core.annotation.Nullable;

import java.util.regex.Pattern;

/**
 * What one person typed, made inert before another person sees it. Teams renders Markdown in messages and in
 * card TextBlocks and facts (and some HTML in messages), so a participant's {@code [Sign in](https://…)} would
 * otherwise be a live link in their sponsor's chat. Every character that opens a link, image, emphasis, code,
 * quote, heading, table, HTML tag or mention becomes a look-alike that renders as itself, and URL schemes are
 * broken so clients do not auto-link them. The one implementation: card rendering applies it by default
 * ({@link CardTemplates}), and messages use it through {@link Reply#text(String, Object...)}. Applying it twice
 * gives the same text.
 */
public final class PlainText {

    private static final Pattern INVISIBLE = Pattern.compile("[\\p{Cf}\\p{Cntrl}&&[^\n]]");
    private static final Pattern SCHEME = Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]{1,20}):(?=//)");
    private static final Pattern WWW = Pattern.compile("(?i)\\b(www)\\.");
    private static final Pattern SPACES = Pattern.compile("[ \\t]+");
    private static final Pattern BLANK_LINES = Pattern.compile("\n{3,}");

    private PlainText() {
    }

    /** The text with its line breaks kept (for a card's text block); null is empty. */
    public static String of(@Nullable String text) {
        if (text == null) {
            return "";
        }
        String t = text.replace("\r\n", "\n").replace('\r', '\n').replace('\t', ' ');
        t = INVISIBLE.matcher(t).replaceAll(" ");
        StringBuilder out = new StringBuilder(t.length());
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            out.append(switch (c) {
                case '[' -> '(';
                case ']' -> ')';
                case '<' -> '‹';
                case '>' -> '›';
                case '*' -> '∗';
                case '_' -> 'ˍ';
                case '`' -> 'ʹ';
                case '~' -> '∼';
                case '#' -> '＃';
                case '|' -> '¦';
                default -> c;
            });
        }
        t = SCHEME.matcher(out).replaceAll("$1∶");
        t = WWW.matcher(t).replaceAll("$1․");
        t = SPACES.matcher(t).replaceAll(" ");
        t = BLANK_LINES.matcher(t).replaceAll("\n\n");
        return t.lines().map(String::strip).reduce((a, b) -> a + "\n" + b).orElse("").strip();
    }

    /** As {@link #of(String)}, cut to at most {@code max} characters with an ellipsis. */
    public static String of(@Nullable String text, int max) {
        return cut(of(text), max);
    }

    /**
     * On one line, for text placed inside a sentence or list of the bot's own: a line break cannot start a
     * fake list item or paragraph.
     */
    public static String inline(@Nullable String text) {
        return SPACES.matcher(of(text).replace('\n', ' ')).replaceAll(" ");
    }

    public static String inline(@Nullable String text, int max) {
        return cut(inline(text), max);
    }

    private static String cut(String t, int max) {
        return t.length() > max ? t.substring(0, max - 1) + "…" : t;
    }
}
