package uk.nhs.hps.conversation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills the Adaptive Card templates in {@code classpath:cards/}. A small subset of Adaptive Card
 * Templating: {@code ${name}} in any string, {@code "$data": "list"} on an array element repeats it for
 * each item of that list, and {@code "$when": "name"} keeps an element only when the value is truthy.
 * <p>
 * Where Teams renders Markdown (a TextBlock's {@code text}, a fact's {@code title} and {@code value}) every
 * value is plain text ({@link PlainText}) unless it is a {@link Markdown}: a feature that puts what one person
 * typed on another person's card cannot make it a link by forgetting. Elsewhere (input values, button data,
 * titles Teams shows as typed) values go in as given.
 */
@Singleton
public class CardTemplates {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([a-zA-Z0-9_.]+)}");
    private static final int MAX_CARD_BYTES = 80 * 1024;

    private final ObjectMapper mapper = new ObjectMapper();
    private final Map<String, JsonNode> cache = new ConcurrentHashMap<>();

    /**
     * The one card for something that went wrong: a bold title, what happened, and (when given) what to do next.
     * Values are plain text unless they are {@link Markdown}.
     */
    public Reply error(Object title, Object message, Object hint) {
        return Reply.refusal(render("error", Map.of("title", title, "message", message, "hint", hint == null ? "" : hint)),
                // the reason is shown as a plain message, where Markdown's bold marks would show as typed
                (title + ". " + message).replace("**", ""));
    }

    /**
     * What a submitted form is replaced with (Action.Execute answers with it): the form cannot be sent twice and
     * nobody wonders whether it was.
     */
    public Reply outcome(Object title, Object message) {
        return Reply.card(render("outcome", Map.of("title", title, "message", message)));
    }

    public String render(String template, Map<String, ?> data) {
        JsonNode filled = fill(load(template).deepCopy(), new HashMap<>(data), false);
        try {
            String json = mapper.writeValueAsString(filled);
            if (json.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_CARD_BYTES) {
                throw new IllegalArgumentException("Card " + template + " is over Teams' 80 KB message limit");
            }
            return json;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode load(String template) {
        return cache.computeIfAbsent(template, name -> {
            try (InputStream in = CardTemplates.class.getResourceAsStream("/cards/" + name + ".json")) {
                if (in == null) {
                    throw new IllegalArgumentException("No card template " + name);
                }
                return mapper.readTree(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** {@code inFacts}: the node is a FactSet's {@code facts} array, or one fact in it. */
    private JsonNode fill(JsonNode node, Map<String, Object> scope, boolean inFacts) {
        if (node.isTextual()) {
            return new TextNode(substitute(node.asText(), scope, false));
        }
        if (node.isObject()) {
            ObjectNode object = (ObjectNode) node;
            boolean textBlock = "TextBlock".equals(object.path("type").asText());
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                String key = field.getKey();
                boolean rendered = (textBlock && key.equals("text")) || (inFacts && (key.equals("title") || key.equals("value")));
                field.setValue(field.getValue().isTextual()
                        ? new TextNode(substitute(field.getValue().asText(), scope, rendered))
                        : fill(field.getValue(), scope, key.equals("facts")));
            }
            return object;
        }
        if (node.isArray()) {
            ArrayNode result = mapper.createArrayNode();
            for (JsonNode element : node) {
                if (element.isObject() && element.has("$when") && !truthy(scope.get(element.get("$when").asText()))) {
                    continue;
                }
                if (element.isObject() && element.has("$data")) {
                    Object items = scope.get(element.get("$data").asText());
                    if (items instanceof List<?> list) {
                        for (Object item : list) {
                            Map<String, Object> inner = new HashMap<>(scope);
                            if (item instanceof Map<?, ?> map) {
                                map.forEach((k, v) -> inner.put(String.valueOf(k), v));
                            } else {
                                inner.put("item", item);
                            }
                            result.add(strip(fill(element.deepCopy(), inner, inFacts)));
                        }
                    }
                    continue;
                }
                result.add(strip(fill(element, scope, inFacts)));
            }
            return result;
        }
        return node;
    }

    private static JsonNode strip(JsonNode node) {
        if (node.isObject()) {
            ((ObjectNode) node).remove(List.of("$data", "$when"));
        }
        return node;
    }

    private static boolean truthy(Object value) {
        if (value == null) {
            return false;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof java.util.Collection<?> c) {
            return !c.isEmpty();
        }
        return !String.valueOf(value).isEmpty();
    }

    /** In {@code rendered} text only a {@link Markdown} value keeps its formatting; anything else is plain text. */
    private static String substitute(String text, Map<String, Object> scope, boolean rendered) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            Object value = scope.get(m.group(1));
            String shown = value == null ? "" : value instanceof Markdown md ? md.text()
                    : rendered ? PlainText.of(String.valueOf(value)) : String.valueOf(value);
            m.appendReplacement(out, Matcher.quoteReplacement(shown));
        }
        m.appendTail(out);
        return out.toString();
    }
}
