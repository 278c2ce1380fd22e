package uk.nhs.hps.conversation;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The card check: every template in {@code cards/}, filled with sample data, reads well in a 450 px Teams card.
 * Each action row's titles fit whole (a conservative width estimate), every required input has a label and an
 * error message, no choice has an empty value, and the card is version 1.5 (what Teams renders everywhere).
 * <p>
 * Sample data is generated from the template (every placeholder a string, every {@code $when} true, every
 * {@code $data} two items) and overridden by {@code card-samples/NAME.json} where realistic values matter
 * (button titles made from data, mutually exclusive buttons). Each filled card is written to
 * {@code target/card-samples/NAME.json} to render with {@code render-card} and look at.
 */
class CardCheckTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path TEMPLATES = Path.of("src/main/resources/cards");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([a-zA-Z0-9_.]+)}");

    /** Teams' card at 450 px, less the card's padding (16 px each side). */
    static final int ROW_WIDTH = 450 - 2 * 16;
    /** A ShowCard's inline card and a styled container pad their content again. */
    static final int NESTED_PADDING = 2 * 16;
    /** Per button: 12 px padding each side and a 1 px border; 8 px between buttons (Teams' host config). */
    static final int BUTTON_CHROME = 26;
    static final int BUTTON_SPACING = 8;
    static final int MAX_ACTIONS = 6;

    private final CardTemplates templates = new CardTemplates();

    static Stream<String> templateNames() throws IOException {
        try (Stream<Path> files = Files.list(TEMPLATES)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json"))
                    .map(n -> n.substring(0, n.length() - 5)).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("templateNames")
    void everyCardReadsWellAt450Pixels(String name) throws IOException {
        JsonNode card = JSON.readTree(templates.render(name, sampleData(name)));
        Path out = Path.of("target/card-samples", name + ".json");
        Files.createDirectories(out.getParent());
        Files.writeString(out, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(card));

        assertThat(problems(card)).as(name).isEmpty();
    }

    @Test
    void aRowOfFourLongTitlesIsReportedAsTruncated() throws IOException {
        JsonNode card = JSON.readTree("""
                {"type":"AdaptiveCard","version":"1.5","actions":[
                  {"type":"Action.Submit","title":"We've met"},{"type":"Action.Submit","title":"It's booked for…"},
                  {"type":"Action.Submit","title":"Snooze a week"},{"type":"Action.Submit","title":"Not this month"}]}""");

        assertThat(problems(card)).singleElement().asString().contains("do not fit");
    }

    @Test
    void aRequiredInputWithoutLabelOrErrorMessageAndAnEmptyChoiceAreReported() throws IOException {
        JsonNode card = JSON.readTree("""
                {"type":"AdaptiveCard","version":"1.4","body":[
                  {"type":"Input.Text","id":"a","isRequired":true},
                  {"type":"Input.ChoiceSet","id":"b","label":"B","choices":[{"title":"Choose…","value":""}]}]}""");

        assertThat(problems(card)).hasSize(5);
    }

    /** What a reader would trip over in this card, one line each. */
    static List<String> problems(JsonNode card) {
        List<String> problems = new ArrayList<>();
        if (!"1.5".equals(card.path("version").asText())) {
            problems.add("version is " + card.path("version").asText() + ", not 1.5");
        }
        check(card, ROW_WIDTH, "", problems);
        return problems;
    }

    private static void check(JsonNode node, int width, String path, List<String> problems) {
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                check(node.get(i), width, path + "/" + i, problems);
            }
            return;
        }
        if (!node.isObject()) {
            return;
        }
        String type = node.path("type").asText();
        if (node.has("actions") && node.get("actions").isArray()) {
            checkRow(node.get("actions"), width, path, problems);
        }
        if (type.startsWith("Input.")) {
            checkInput(node, path, problems);
        }
        int inner = width;
        if (node.has("style") && (type.equals("Container") || type.equals("Column") || type.equals("ColumnSet"))) {
            inner -= NESTED_PADDING;
        }
        if (type.equals("Action.ShowCard")) {
            inner -= NESTED_PADDING;
        }
        if (type.equals("ColumnSet") && node.path("columns").size() > 0) {
            inner = (inner - BUTTON_SPACING * (node.path("columns").size() - 1)) / node.path("columns").size();
        }
        int childWidth = inner;
        node.fields().forEachRemaining(f -> check(f.getValue(), childWidth, path + "/" + f.getKey(), problems));
    }

    private static void checkRow(JsonNode actions, int width, String path, List<String> problems) {
        if (actions.size() > MAX_ACTIONS) {
            problems.add(path + ": " + actions.size() + " actions in a row; Teams shows " + MAX_ACTIONS);
        }
        int needed = 0;
        List<String> titles = new ArrayList<>();
        for (JsonNode action : actions) {
            String title = action.path("title").asText();
            titles.add(title);
            needed += textWidth(title) + BUTTON_CHROME;
        }
        needed += BUTTON_SPACING * Math.max(0, actions.size() - 1);
        if (needed > width) {
            problems.add(path + ": titles " + titles + " need ~" + needed + " px, the row has " + width + " px: they do not fit");
        }
    }

    private static void checkInput(JsonNode input, String path, List<String> problems) {
        String id = input.path("id").asText(path);
        // a toggle is named by its title; every other input needs a label a screen reader can announce
        if (!input.path("type").asText().equals("Input.Toggle") && input.path("label").asText("").isBlank()) {
            problems.add("input " + id + " has no label");
        }
        if (input.path("isRequired").asBoolean(false)) {
            if (input.path("label").asText("").isBlank()) {
                problems.add("required input " + id + " has no label");
            }
            if (input.path("errorMessage").asText("").isBlank()) {
                problems.add("required input " + id + " has no errorMessage");
            }
        }
        for (JsonNode choice : input.path("choices")) {
            if (choice.path("value").asText("").isEmpty()) {
                problems.add("input " + id + " has a choice with an empty value: " + choice.path("title").asText());
            }
        }
    }

    /** Bold 14 px text, estimated high: a narrow letter 4 px, a wide one 12, a capital 10, anything else 8. */
    static int textWidth(String text) {
        int width = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ("iljtfr'.,:;!| ()".indexOf(c) >= 0) {
                width += 4;
            } else if ("mwMW".indexOf(c) >= 0) {
                width += 12;
            } else if (Character.isUpperCase(c)) {
                width += 10;
            } else {
                width += 8;
            }
        }
        return width;
    }

    /** Every placeholder a sample string, every condition true, every list two items; the template's own file overrides. */
    static Map<String, Object> sampleData(String name) throws IOException {
        JsonNode template = JSON.readTree(TEMPLATES.resolve(name + ".json").toFile());
        Set<String> strings = new LinkedHashSet<>();
        Set<String> conditions = new LinkedHashSet<>();
        Set<String> lists = new LinkedHashSet<>();
        collect(template, strings, conditions, lists);
        Map<String, Object> data = new HashMap<>();
        strings.forEach(s -> data.put(s, "Sample " + s));
        conditions.stream().filter(c -> !data.containsKey(c)).forEach(c -> data.put(c, true));
        // two distinct items, so ids made from them stay unique as the real data's are
        List<Map<String, Object>> items = new ArrayList<>();
        for (int n = 1; n <= 2; n++) {
            Map<String, Object> item = new HashMap<>();
            int number = n;
            strings.forEach(s -> item.put(s, "Sample " + s + " " + number));
            items.add(item);
        }
        lists.forEach(l -> data.put(l, items));
        try (InputStream in = CardCheckTest.class.getResourceAsStream("/card-samples/" + name + ".json")) {
            if (in != null) {
                data.putAll(JSON.readValue(in, new TypeReference<Map<String, Object>>() { }));
            }
        }
        return data;
    }

    private static void collect(JsonNode node, Set<String> strings, Set<String> conditions, Set<String> lists) {
        if (node.isTextual()) {
            Matcher m = PLACEHOLDER.matcher(node.asText());
            while (m.find()) {
                strings.add(m.group(1));
            }
        } else if (node.isObject()) {
            if (node.has("$when")) {
                conditions.add(node.get("$when").asText());
            }
            if (node.has("$data")) {
                lists.add(node.get("$data").asText());
            }
            node.fields().forEachRemaining(f -> {
                if (!f.getKey().startsWith("$")) {
                    collect(f.getValue(), strings, conditions, lists);
                }
            });
        } else if (node.isArray()) {
            node.forEach(n -> collect(n, strings, conditions, lists));
        }
    }
}
