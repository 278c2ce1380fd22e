package uk.nhs.hps.talent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.nhs.hps.conversation.CardTemplates;
import uk.nhs.hps.conversation.Reply;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every talent card, rendered by {@link TalentCards} from sample records in each state, read as a person in a
 * 450 px Teams card would. The rule for a row of buttons: at most {@value #MAX_BUTTONS} buttons, each title at most
 * {@value #MAX_TITLE} characters, and the titles together at most {@value #MAX_ROW} characters (plus
 * {@value #GAP} per gap between buttons): about what a 418 px row holds in Teams' 14 px semibold (checked by
 * rendering with {@code render-card}). Each card is written to {@code target/card-samples/talent/} to look at.
 * The forms must also say what the server checks: every field of {@link TalentForms} is an input with the same
 * label, required exactly when the server requires it, with the error message the server gives.
 */
class TalentCardCheckTest {

    static final int MAX_BUTTONS = 3;
    static final int MAX_TITLE = 30;
    static final int MAX_ROW = 44;
    static final int GAP = 3;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LEVEL = "payband_8a_8c_to_8d_9";
    private static final TalentReviews.Career CAREER = new TalentReviews.Career(2, "Career Transition 2",
            "At this career transition, the focus moves towards functional leadership.", "Target roles are likely to be leading"
            + " part of a complex system.", "Head of clinical or non-clinical service, Assistant or Associate Director");
    private static final TalentReviews.Career NO_STREAM = new TalentReviews.Career(null, null, null, null, null);
    private static final Instant AT = Instant.parse("2026-06-01T09:00:00Z");

    private static TalentGrid grid;
    private static TalentForms forms;
    private static TalentCards cards;
    private static TalentIndicators indicators;
    private static RoadmapCards roadmapCards;

    @BeforeAll
    static void cards() {
        // no saved versions: the shipped grid (a stand-in for the repository, whose queries are not under test here)
        TalentGrids grids = new TalentGrids("classpath:talent/grid.yml", org.mockito.Mockito.mock(TalentGridVersionRepository.class),
                org.mockito.Mockito.mock(uk.nhs.hps.audit.AuditLog.class), java.time.Clock.systemUTC());
        grid = grids.current();
        indicators = new TalentIndicators("classpath:scheme/indicators.yml");
        TalentConversationGuide guide = new TalentConversationGuide("classpath:scheme/conversation.yml");
        forms = new TalentForms(grids, indicators, guide);
        cards = new TalentCards(new CardTemplates(), grids, forms, indicators, guide);
        roadmapCards = new RoadmapCards(new CardTemplates(), grids, guide);
    }

    /** Every talent card in each state it can be in, by a name to find its sample file. */
    static Map<String, JsonNode> samples() throws IOException {
        TalentReview draft = TalentReview.start(3L, 4L, "2026-27", grid.version(), AT)
                .prepared(json(Map.of("aspirations", "Director of operations")), "Tired", false, false, AT);
        TalentReview both = draft.prepared(json(preparation()), "Tired", true, true, AT)
                .withSponsorInput(4L, json(Map.of("proposedBox", "HIGH_HIGH", "performance", "HIGH")), true, AT);
        TalentReview recorded = both.withOutcome(json(outcome()), TalentReview.Party.SPONSOR, AT);
        TalentReview agreed = recorded.confirmedBy(TalentReview.Party.PARTICIPANT, AT);
        Map<String, Reply> replies = new LinkedHashMap<>();
        replies.put("review-not-started", cards.review("Priya Participant", 3, null, null, TalentCards.Viewer.PARTICIPANT, "2026-27"));
        replies.put("review-draft", cards.review("Priya Participant", 3, draft, null, TalentCards.Viewer.PARTICIPANT, "2026-27"));
        replies.put("review-awaiting-participant", cards.review("Priya Participant", 3, recorded, "MEDIUM_MEDIUM",
                TalentCards.Viewer.PARTICIPANT, "2026-27"));
        replies.put("review-sponsor", cards.review("Priya Participant", 3, both, null, TalentCards.Viewer.SPONSOR, "2026-27"));
        replies.put("review-agreed", cards.review("Priya Participant", 3, agreed, "MEDIUM_MEDIUM", TalentCards.Viewer.PARTICIPANT,
                "2026-27"));
        replies.put("sponsor-list", cards.sponsorList(List.of(Map.of("name", "Priya Participant", "participantId", 3L,
                "cycle", "2026-27", "status", "Prepared, your input to come"))));
        replies.put("preparation", cards.preparation(3, "2026-27", LEVEL, CAREER, draft, Map.of(), List.of(), ""));
        replies.put("preparation-errors", cards.preparation(3, "2026-27", LEVEL, NO_STREAM, draft, Map.of(),
                List.of("**Career aspirations** is required."), "Your preparation was not submitted"));
        replies.put("sponsor", cards.sponsorInput(3, "Priya Participant", "2026-27", LEVEL, CAREER, both, Map.of(), List.of(), ""));
        replies.put("outcome", cards.outcome(3, "Priya Participant", "2026-27", both, Map.of(), List.of(), ""));
        replies.put("confirm", cards.confirmRequest("Sid Sponsor", recorded));
        List<Map<String, String>> agreedActions = PlanningRoadmaps.actions(outcome());
        List<Map<String, String>> coachActions = PlanningRoadmaps.actions(Map.of("action1Text", "Shadow the chief operating officer",
                "action1Type", "RELATIONSHIPS", "action1Owner", "COACH", "action1Due", "2026-09-01"));
        replies.put("roadmap-coach", roadmapCards.roadmap(new PlanningRoadmaps.RoadmapView(3, "Priya Participant", "2026-27",
                agreedActions, coachActions, "Agree two stretch goals before we next meet", 1, true, false)));
        replies.put("roadmap-own", roadmapCards.roadmap(new PlanningRoadmaps.RoadmapView(3, "Priya Participant", "2026-27",
                List.of(), List.of(), null, 0, false, true)));
        replies.put("roadmap-coachees", roadmapCards.coachees(List.of(new PlanningRoadmaps.Coachee(3, "Priya Participant"),
                new PlanningRoadmaps.Coachee(5, "Bartholomew Featherstonehaugh-Smith"))));
        replies.put("roadmap-form", roadmapCards.form(3, "Priya Participant", Map.of("action1Text", "Shadow the chief operating officer",
                "action1Type", "RELATIONSHIPS", "action1Owner", "COACH", "action1Due", "2026-09-01", "coachNote", "Two stretch goals"),
                List.of("**Action 2 type (70:20:10)** is required for each development action."), "The roadmap was not saved"));
        Map<String, JsonNode> out = new LinkedHashMap<>();
        Path dir = Path.of("target/card-samples/talent");
        Files.createDirectories(dir);
        for (Map.Entry<String, Reply> e : replies.entrySet()) {
            JsonNode card = JSON.readTree(((Reply.Card) e.getValue()).json());
            Files.writeString(dir.resolve(e.getKey() + ".json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(card));
            out.put(e.getKey(), card);
        }
        return out;
    }

    @Test
    void everyTalentTemplateIsAmongTheSamples() throws IOException {
        List<String> rendered = samples().values().stream().map(c -> c.path("body").path(0).path("id").asText()).toList();
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/cards"))) {
            List<String> templates = files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("talent-"))
                    .map(n -> n.substring(0, n.length() - ".json".length())).toList();
            assertThat(rendered).containsAll(templates);
        }
    }

    @Test
    void everyRowOfButtonsFitsAt450Pixels() throws IOException {
        List<String> problems = new ArrayList<>();
        samples().forEach((name, card) -> rows(card, name, problems));

        assertThat(problems).isEmpty();
    }

    @Test
    void requiredInputsHaveALabelAndAnErrorMessageAndNoChoiceIsEmpty() throws IOException {
        List<String> problems = new ArrayList<>();
        samples().forEach((name, card) -> inputs(card).forEach(input -> {
            String id = name + "/" + input.path("id").asText();
            if (input.path("isRequired").asBoolean() && (input.path("label").asText().isBlank()
                    || input.path("errorMessage").asText().isBlank())) {
                problems.add(id + ": required without label or errorMessage");
            }
            input.path("choices").forEach(c -> {
                if (c.path("value").asText().isEmpty()) {
                    problems.add(id + ": empty choice " + c.path("title").asText());
                }
            });
            boolean dropdown = input.path("type").asText().equals("Input.ChoiceSet") && !input.path("style").asText().equals("expanded");
            if (dropdown && !input.path("placeholder").asText().startsWith("Choose")) {
                problems.add(id + ": a dropdown without a 'Choose…' prompt");
            }
        }));

        assertThat(problems).isEmpty();
    }

    @Test
    void eachFormAsksWhatTheServerChecksWithTheSameWords() throws IOException {
        Map<String, JsonNode> samples = samples();
        Map<TalentForms.Form, JsonNode> byForm = Map.of(TalentForms.Form.PREPARATION, samples.get("preparation"),
                TalentForms.Form.SPONSOR, samples.get("sponsor"), TalentForms.Form.OUTCOME, samples.get("outcome"),
                TalentForms.Form.ROADMAP, samples.get("roadmap-form"));
        List<String> problems = new ArrayList<>();
        byForm.forEach((form, card) -> {
            Map<String, JsonNode> inputs = new LinkedHashMap<>();
            inputs(card).forEach(i -> inputs.put(i.path("id").asText(), i));
            for (TalentForms.Field f : forms.fields(form)) {
                JsonNode input = inputs.get(f.key());
                if (input == null) {
                    problems.add(form + "/" + f.key() + ": no input");
                    continue;
                }
                String shown = input.path("type").asText().equals("Input.Toggle") ? input.path("title").asText() : input.path("label").asText();
                // a form with Save draft cannot let the client enforce required fields (Adaptive Cards 1.5 would block
                // the draft too): it marks them * and the server names what is missing on submit
                boolean drafts = form != TalentForms.Form.OUTCOME && form != TalentForms.Form.ROADMAP;
                String expected = drafts && f.required() ? f.label() + " *" : f.label();
                if (!shown.equals(expected)) {
                    problems.add(form + "/" + f.key() + ": card says '" + shown + "', server '" + expected + "'");
                }
                boolean clientRequired = !drafts && f.required();
                if (input.path("isRequired").asBoolean() != clientRequired) {
                    problems.add(form + "/" + f.key() + ": isRequired " + input.path("isRequired").asBoolean() + ", expected " + clientRequired);
                }
                if (clientRequired && !input.path("errorMessage").asText().equals(f.errorMessage())) {
                    problems.add(form + "/" + f.key() + ": errorMessage '" + input.path("errorMessage").asText() + "'");
                }
            }
        });

        assertThat(problems).isEmpty();
    }

    @Test
    void theRecordDrawsTheGridAsThreeRowsOfThreeWithTheAgreedBoxHighlighted() throws IOException {
        JsonNode grid = find(samples().get("review-agreed"), "talent-grid");
        List<JsonNode> rows = new ArrayList<>();
        grid.path("items").forEach(i -> {
            if (i.path("type").asText().equals("ColumnSet")) {
                rows.add(i);
            }
        });

        assertThat(rows).hasSize(4); // three rows of boxes, then the performance axis
        for (JsonNode row : rows) {
            assertThat(row.path("columns")).hasSize(4); // the potential axis, then three boxes
        }
        assertThat(rows.get(0).path("columns").path(0).toString()).contains(TalentCardCheckTest.grid.potential().get(0).axis());
        assertThat(rows.get(3).path("columns").path(3).toString()).contains(TalentCardCheckTest.grid.performance().get(2).axis());
        List<String> good = new ArrayList<>();
        rows.subList(0, 3).forEach(r -> r.path("columns").forEach(c -> {
            if (c.path("style").asText().equals("good")) {
                good.add(c.toString());
            }
        }));
        assertThat(good).singleElement().asString().contains(TalentCardCheckTest.grid.boxLabel("HIGH_MEDIUM"), "Agreed");
    }

    @Test
    void datesReadAsPeopleWriteThem() throws IOException {
        String record = samples().get("review-agreed").toString();

        assertThat(record).contains("15 May 2027").doesNotContain("2027-05-15");
    }

    @Test
    void eachRatingShowsItsDefinitionKeywordsAndTheBulletsOfTheParticipantsLevelOnly() throws IOException {
        for (String form : List.of("preparation", "sponsor")) {
            JsonNode card = samples().get(form);
            for (TalentIndicators.Area area : indicators.areas()) {
                String means = find(card, "means_" + area.key()).toString();
                assertThat(means).as(form + " " + area.key()).contains(area.definition());
                area.bulletsFor(LEVEL).forEach(b -> assertThat(means).contains(b));
                area.indicatedBy().forEach((level, bullets) -> {
                    if (!bullets.equals(area.bulletsFor(LEVEL))) {
                        bullets.forEach(b -> assertThat(means).doesNotContain(b));
                    }
                });
                assertThat(card.toString()).contains(String.join("; ", area.keywords()));
            }
            assertThat(find(card, "talent-indicators").toString()).contains(indicators.scheme().purpose());
        }
    }

    @Test
    void theConversationAsksAboutTheTransitionsTargetRolesDriversAndPlacementPanels() throws IOException {
        TalentConversationGuide guide = new TalentConversationGuide("classpath:scheme/conversation.yml");
        Map<String, JsonNode> samples = samples();
        String preparation = samples.get("preparation").toString();
        String sponsor = samples.get("sponsor").toString();

        assertThat(find(samples.get("preparation"), "talent-career").toString()).contains(CAREER.targetRoles(),
                CAREER.exampleRoles(), CAREER.transition());
        assertThat(inputs(samples.get("preparation"))).extracting(i -> i.path("id").asText()).contains("targetRole");
        guide.drivers().forEach(d -> assertThat(preparation).contains(d.label(), d.text()));
        assertThat(find(samples.get("preparation-errors"), "talent-career").toString()).contains("not on the roster");
        assertThat(sponsor).contains(guide.guide().sponsorPlacementPanels(), CAREER.targetRoles());
        assertThat(samples.get("outcome").toString()).contains("\"value\":\"COACH\"", guide.guide().coachRole());
    }

    @Test
    void theIndicatorsStayWithinTeamsCardSizeLimit() throws IOException {
        for (String form : List.of("preparation", "sponsor")) {
            assertThat(samples().get(form).toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
                    .as(form).isLessThan(28 * 1024);
        }
    }

    private static void rows(JsonNode node, String where, List<String> problems) {
        if (node.isObject()) {
            JsonNode actions = node.path("actions");
            if (actions.isArray() && actions.size() > 0) {
                List<String> titles = new ArrayList<>();
                actions.forEach(a -> titles.add(a.path("title").asText()));
                int chars = titles.stream().mapToInt(String::length).sum() + GAP * (titles.size() - 1);
                if (titles.size() > MAX_BUTTONS || chars > MAX_ROW || titles.stream().anyMatch(t -> t.length() > MAX_TITLE)) {
                    problems.add(where + ": " + titles + " do not fit one row");
                }
            }
            node.forEach(child -> rows(child, where, problems));
        } else if (node.isArray()) {
            node.forEach(child -> rows(child, where, problems));
        }
    }

    private static List<JsonNode> inputs(JsonNode card) {
        List<JsonNode> found = new ArrayList<>();
        collect(card, found);
        return found;
    }

    private static void collect(JsonNode node, List<JsonNode> found) {
        if (node.isObject() && node.path("type").asText().startsWith("Input.")) {
            found.add(node);
        }
        if (node.isContainerNode()) {
            node.forEach(child -> collect(child, found));
        }
    }

    private static JsonNode find(JsonNode node, String id) {
        if (node.isObject() && id.equals(node.path("id").asText())) {
            return node;
        }
        for (JsonNode child : node) {
            JsonNode hit = find(child, id);
            if (hit != null) {
                return hit;
            }
        }
        return null;
    }

    private static Map<String, String> preparation() {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("aspirations", "Director of operations within five years");
        v.put("growth", "STRETCH");
        v.put("performance", "HIGH");
        for (TalentIndicators.Area i : indicators.areas()) {
            v.put("rating_" + i.key(), grid.ratings().get(1).key());
            v.put("evidence_" + i.key(), "Led the winter bed-flow huddle across three sites");
        }
        v.put("proposedBox", "HIGH_MEDIUM");
        return v;
    }

    private static Map<String, String> outcome() {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("agreedBox", "HIGH_MEDIUM");
        v.put("specialistPath", "false");
        v.put("readiness", grid.readiness().get(1).key());
        v.put("action1Text", "Lead the winter planning cell");
        v.put("action1Type", grid.actionTypes().get(0).key());
        v.put("action1Owner", "PARTICIPANT");
        v.put("action1Due", "2026-12-01");
        v.put("nextReview", "2027-05-15");
        return v;
    }

    private static String json(Map<String, String> values) {
        try {
            return JSON.writeValueAsString(values);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
