package uk.nhs.hps.talent;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import uk.nhs.hps.conversation.CardTemplates;
import uk.nhs.hps.conversation.Markdown;
import uk.nhs.hps.conversation.PlainText;
import uk.nhs.hps.conversation.Reply;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The development roadmap's cards: the coach's list of coachees, the roadmap, and the coach's form. */
@Singleton
class RoadmapCards {

    static final String EDIT = "Edit the roadmap";

    private final CardTemplates templates;
    private final TalentGrids grids;
    private final TalentConversationGuide guide;

    RoadmapCards(CardTemplates templates, TalentGrids grids, TalentConversationGuide guide) {
        this.templates = templates;
        this.grids = grids;
        this.guide = guide;
    }

    Reply coachees(List<PlanningRoadmaps.Coachee> coachees) {
        Map<String, Object> data = base("Development roadmaps of the participants you coach",
                coachees.size() + (coachees.size() == 1 ? " participant" : " participants"));
        data.put("privacy", coachees.isEmpty() ? "" : "You see each one's development actions and your roadmap notes, not"
                + " their 9-box placement, ratings or wellbeing note.");
        data.put("note", coachees.isEmpty() ? "You don't coach anyone on the scheme at the moment." : "");
        data.put("buttons", coachees.stream().map(c -> Map.<String, Object>of("label", "Open " + PlainText.of(c.name(), 24),
                "action", RoadmapCommands.OPEN, "participantId", c.participantId())).toList());
        return Reply.card(templates.render("talent-roadmap", data));
    }

    Reply roadmap(PlanningRoadmaps.RoadmapView view) {
        Map<String, Object> data = base(view.own() ? "Your development roadmap"
                : "Development roadmap: " + PlainText.of(view.participantName(), 100), "Review cycle " + view.cycle());
        data.put("privacy", view.own() ? "Your coach adds to this roadmap; they see your agreed development actions, not your"
                + " placement, ratings or wellbeing note."
                : "As their coach you see the agreed development actions and this roadmap, not the 9-box placement, the ratings"
                + " or the wellbeing note.");
        List<Map<String, Object>> sections = new ArrayList<>();
        sections.add(section("Agreed in the career conversation", view.agreedActions().isEmpty()
                ? List.of("No agreed outcome yet this cycle.") : lines(view.agreedActions())));
        sections.add(section("Added by the coach", view.coachActions().isEmpty() ? List.of("None yet.") : lines(view.coachActions())));
        data.put("sections", sections);
        data.put("coachNote", view.coachNote() == null ? "" : PlainText.of(view.coachNote(), 2000));
        data.put("note", "The coach's role (001): " + guide.guide().coachRole());
        data.put("buttons", view.mayEdit() ? List.of(Map.<String, Object>of("label", EDIT, "action", RoadmapCommands.EDIT,
                "participantId", view.participantId())) : List.of());
        return Reply.card(templates.render("talent-roadmap", data));
    }

    Reply form(long participantId, String participantName, Map<String, String> values, List<String> errors, String errorTitle) {
        Map<String, Object> data = new HashMap<>();
        data.put("participantName", PlainText.of(participantName, 100));
        data.put("participantId", participantId);
        data.put("version", values.getOrDefault("version", "0"));
        data.put("introduction", "Your part of the development roadmap (001: the coach will " + guide.guide().coachRole()
                .replaceFirst("^.*will help", "help") + ") Each action is typed 70:20:10, with an owner and a due date. Only"
                + " the participant and you see this.");
        data.put("errors", errors.stream().map(Markdown::of).toList());
        data.put("errorTitle", errorTitle);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int n = 1; n <= TalentForms.ACTIONS; n++) {
            rows.add(Map.of("n", n, "text", values.getOrDefault("action" + n + "Text", ""),
                    "kind", values.getOrDefault("action" + n + "Type", ""), "owner", values.getOrDefault("action" + n + "Owner", ""),
                    "due", values.getOrDefault("action" + n + "Due", "")));
        }
        data.put("actionRows", rows);
        data.put("coachNote", values.getOrDefault(TalentForms.COACH_NOTE, ""));
        data.put("typeChoices", options(grids.current().actionTypes()));
        data.put("ownerChoices", options(TalentForms.OWNERS));
        return Reply.card(templates.render("talent-roadmap-form", data));
    }

    /** A refusal or a problem; it never replaces the form it answers. */
    Reply error(String title, String message) {
        return Reply.refusal(templates.render("reflection-notice", Map.of("cardId", "talent-error", "title", title,
                "message", Markdown.of(message), "color", "Attention", "buttons", List.of())), (title + ". " + message).replace("**", ""));
    }

    private List<String> lines(List<Map<String, String>> actions) {
        TalentGrid grid = grids.current();
        return actions.stream().map(a -> PlainText.of(a.get("text"), 300) + " (" + label(grid.actionTypes(), a.get("type")) + "; "
                + label(TalentForms.OWNERS, a.get("owner")).toLowerCase() + "; due " + TalentCards.day(a.get("due")) + ")").toList();
    }

    private static Map<String, Object> section(String title, List<String> lines) {
        return Map.of("title", title, "lines", lines);
    }

    private static Map<String, Object> base(String heading, String subheading) {
        Map<String, Object> data = new HashMap<>();
        data.put("heading", heading);
        data.put("subheading", subheading);
        data.put("privacy", "");
        data.put("sections", List.of());
        data.put("coachNote", "");
        data.put("note", "");
        return data;
    }

    private static String label(List<TalentGrid.Option> options, @Nullable String key) {
        return options.stream().filter(o -> o.key().equals(key)).map(TalentGrid.Option::label).findFirst().orElse(key == null ? "" : key);
    }

    private static List<Map<String, Object>> options(List<TalentGrid.Option> options) {
        return options.stream().map(o -> Map.<String, Object>of("key", o.key(), "label", o.label())).toList();
    }
}
