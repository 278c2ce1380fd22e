package uk.nhs.hps.conversation;

/** Something the bot says back: Markdown text, or an Adaptive Card (JSON). */
public sealed interface Reply {

    record Text(String markdown) implements Reply {
    }

    record Card(String json) implements Reply {
    }

    static Reply text(String markdown) {
        return new Text(markdown);
    }

    static Reply card(String json) {
        return new Card(json);
    }
}
