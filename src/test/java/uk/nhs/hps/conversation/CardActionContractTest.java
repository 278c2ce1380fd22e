package uk.nhs.hps.conversation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import uk.nhs.hps.support.BotTestBase;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every button on a card reaches exactly one handler, and every action a handler claims is on some card:
 * a renamed action cannot leave a dead button, and a handler cannot keep an action no card sends.
 */
@MicronautTest(transactional = false)
class CardActionContractTest extends BotTestBase {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path TEMPLATES = Path.of("src/main/resources/cards");

    @Inject
    List<CommandHandler> handlers;

    @Test
    void everyActionInACardTemplateIsClaimedByExactlyOneHandler() throws IOException {
        Map<String, List<String>> claimedBy = claims();
        List<String> problems = new ArrayList<>();
        for (String action : templateActions()) {
            List<String> owners = claimedBy.getOrDefault(action, List.of());
            if (owners.size() != 1) {
                problems.add(action + " claimed by " + owners);
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void everyActionAHandlerClaimsIsOnACard() throws IOException {
        Set<String> onCards = new HashSet<>(templateActions());
        onCards.addAll(codeBuiltActions());
        Set<String> orphans = new TreeSet<>(claims().keySet());
        orphans.removeAll(onCards);
        assertThat(orphans).as("claimed by a handler but on no card").isEmpty();
    }

    @Test
    void everyActionIsNamedFeatureDotVerb() throws IOException {
        Set<String> all = new TreeSet<>(claims().keySet());
        all.addAll(templateActions());
        assertThat(all).isNotEmpty().allMatch(a -> a.matches("[a-z]+(\\.[a-z]+)+"), "feature.verb in lower case");
    }

    @Test
    void theTemplateScanFindsTheButtonsOfAKnownCard() throws IOException {
        // guards the scan itself: the meeting nudge's buttons must be found, or the checks above prove nothing
        assertThat(templateActions()).contains("meeting.met", "meeting.snooze");
    }

    private Map<String, List<String>> claims() {
        Map<String, List<String>> claimedBy = new HashMap<>();
        for (CommandHandler handler : handlers) {
            for (String action : handler.cardActions()) {
                claimedBy.computeIfAbsent(action, a -> new ArrayList<>()).add(handler.getClass().getSimpleName());
            }
        }
        return claimedBy;
    }

    /** The literal {@code action} values of every button and select action in the templates. */
    private static Set<String> templateActions() throws IOException {
        Set<String> actions = new TreeSet<>();
        try (Stream<Path> files = Files.list(TEMPLATES)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".json")).toList()) {
                collect(JSON.readTree(file.toFile()), actions);
            }
        }
        return actions;
    }

    private static void collect(JsonNode node, Set<String> actions) {
        if (node.isObject()) {
            JsonNode data = node.get("data");
            if (data != null && data.has("action") && data.get("action").isTextual()) {
                String action = data.get("action").asText();
                if (!action.contains("${")) {
                    actions.add(action);
                }
            }
            node.forEach(child -> collect(child, actions));
        } else if (node.isArray()) {
            node.forEach(child -> collect(child, actions));
        }
    }

    /** Constants marked {@link CodeBuiltCardAction} on the handlers: buttons that code puts on a card. */
    private Set<String> codeBuiltActions() {
        Set<String> actions = new HashSet<>();
        for (CommandHandler handler : handlers) {
            for (Class<?> c = handler.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
                for (Field field : c.getDeclaredFields()) {
                    if (field.isAnnotationPresent(CodeBuiltCardAction.class) && Modifier.isStatic(field.getModifiers())) {
                        try {
                            field.setAccessible(true);
                            actions.add((String) field.get(null));
                        } catch (IllegalAccessException e) {
                            throw new IllegalStateException(e);
                        }
                    }
                }
            }
        }
        return actions;
    }
}
