package uk.nhs.hps.conversation;

/**
 * Markdown that is meant to render: the bot's own wording, or the programme team's announcements and FAQ
 * answers. Card values are plain text ({@link PlainText}) unless wrapped in this, so forgetting is safe.
 */
public record Markdown(String text) {

    public static Markdown of(String text) {
        return new Markdown(text == null ? "" : text);
    }

    @Override
    public String toString() {
        return text;
    }
}
