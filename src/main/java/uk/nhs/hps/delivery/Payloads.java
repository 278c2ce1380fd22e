package uk.nhs.hps.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import uk.nhs.hps.conversation.Reply;

import java.io.IOException;
import java.io.UncheckedIOException;

/** How a {@link Reply} is kept in the outbox: {@code {"text": "..."}} or {@code {"card": {...}}}. */
public final class Payloads {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Teams refuses messages near 100 KB; we stop well before. */
    public static final int MAX_BYTES = 80 * 1024;

    private Payloads() {
    }

    public static String toJson(Reply reply) {
        ObjectNode node = JSON.createObjectNode();
        try {
            if (reply instanceof Reply.Card card) {
                node.set("card", JSON.readTree(card.json()));
            } else {
                node.put("text", ((Reply.Text) reply).markdown());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String json = node.toString();
        if (json.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw new IllegalArgumentException("Message is larger than the 80 KB Teams allows");
        }
        return json;
    }

    public static Reply fromJson(String payload) {
        try {
            JsonNode node = JSON.readTree(payload);
            return node.has("card") ? Reply.card(node.get("card").toString()) : Reply.text(node.path("text").asText());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
