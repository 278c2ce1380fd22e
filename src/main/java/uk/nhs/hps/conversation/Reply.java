package uk.nhs.hps.conversation;

/** Something the bot says back: Markdown text, or an Adaptive Card (JSON). */
public sealed interface Reply {

    record Text(String markdown) implements Reply {
    }

    /**
     * An Adaptive Card. {@code refusal} is set on an error card only: the one-line reason, which a pressed form is
     * answered with instead of being replaced, so what the person typed stays and can be corrected.
     */
    record Card(String json, String refusal) implements Reply {

        public boolean isRefusal() {
            return refusal != null;
        }
    }

    /** The bot's own Markdown, as written. Text someone else typed goes in through {@link #text(String, Object...)}. */
    static Reply text(String markdown) {
        return new Text(markdown);
    }

    /**
     * The bot's Markdown with each {@code {}} replaced by one of {@code people}'s values as inert, one-line
     * plain text ({@link PlainText#inline}): names, reasons, questions that one person wrote and another reads.
     */
    static Reply text(String markdown, Object... people) {
        return new Text(fill(markdown, people));
    }

    /** {@link #text(String, Object...)} as a string, for messages built in parts. */
    static String fill(String markdown, Object... people) {
        StringBuilder out = new StringBuilder();
        int from = 0;
        for (Object value : people) {
            int at = markdown.indexOf("{}", from);
            if (at < 0) {
                throw new IllegalArgumentException("More values than {} in: " + markdown);
            }
            out.append(markdown, from, at).append(PlainText.inline(value == null ? "" : String.valueOf(value)));
            from = at + 2;
        }
        return out.append(markdown.substring(from)).toString();
    }

    static Reply card(String json) {
        return new Card(json, null);
    }

    /** An error card (see {@link Card#refusal}). */
    static Reply refusal(String json, String reason) {
        return new Card(json, reason);
    }
}
