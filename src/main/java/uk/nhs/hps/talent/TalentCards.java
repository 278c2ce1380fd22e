package uk.nhs.hps.talent;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import uk.nhs.hps.conversation.CardTemplates;
import uk.nhs.hps.conversation.Markdown;
import uk.nhs.hps.conversation.PlainText;
import uk.nhs.hps.conversation.Reply;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Locale;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The talent conversation's cards: the record with its 3x3 grid, the three forms, errors. */
@Singleton
class TalentCards {

    /** Whose eyes a record card is for: decides the buttons and whether the wellbeing note shows. */
    enum Viewer { PARTICIPANT, SPONSOR }

    private final CardTemplates templates;
    private final TalentGrids grids;
    private final TalentForms forms;
    private final TalentIndicators indicators;
    private final TalentConversationGuide guide;

    TalentCards(CardTemplates templates, TalentGrids grids, TalentForms forms, TalentIndicators indicators,
                TalentConversationGuide guide) {
        this.guide = guide;
        this.templates = templates;
        this.grids = grids;
        this.forms = forms;
        this.indicators = indicators;
    }

    Reply review(String participantName, long participantId, @Nullable TalentReview r, @Nullable String previousBox,
                 Viewer viewer, String cycle) {
        TalentGrid grid = gridOf(r);
        Map<String, Object> data = new HashMap<>();
        data.put("heading", viewer == Viewer.PARTICIPANT ? "Your 9-box and Maximising Potential conversation"
                : "9-box and Maximising Potential conversation: " + PlainText.of(participantName, 100));
        data.put("cycle", r == null ? cycle : r.cycle());
        data.put("participantId", participantId);
        data.put("version", r == null || r.version() == null ? 0 : r.version());
        Map<String, String> prep = r == null ? Map.of() : TalentReview.fields(r.preparation());
        Map<String, String> sponsor = r == null ? Map.of() : TalentReview.fields(r.sponsorInput());
        Map<String, String> outcome = r == null ? Map.of() : TalentReview.fields(r.outcome());
        String shownBox = r != null && r.agreedBox() != null ? r.agreedBox() : outcome.get("agreedBox");
        data.put("statusText", statusText(r));
        data.put("gridSource", "Grid: " + grid.source() + " (version " + grid.version() + ").");
        data.put("gridRows", gridRows(grid, shownBox, r != null && r.agreedBox() != null ? "Agreed" : "Proposed outcome", previousBox));
        data.put("performanceAxis", grid.performance().stream().map(p -> Map.of("label", p.axis())).toList());
        List<Map<String, Object>> facts = new ArrayList<>();
        fact(facts, "Your proposal", viewer == Viewer.PARTICIPANT ? box(grid, prep.get("proposedBox")) : null);
        fact(facts, "Participant's proposal", viewer == Viewer.SPONSOR && r != null && r.preparationSubmittedAt() != null
                ? box(grid, prep.get("proposedBox")) : null);
        fact(facts, "Sponsor's proposal", r != null && r.sponsorSubmittedAt() != null ? box(grid, sponsor.get("proposedBox")) : null);
        fact(facts, "Agreed box", shownBox == null ? null : box(grid, shownBox));
        fact(facts, "What it means", grid.boxes().stream().filter(b -> b.key().equals(shownBox)).map(TalentGrid.Box::description)
                .findFirst().orElse(null));
        fact(facts, "Previous placement", previousBox == null ? null : box(grid, previousBox));
        fact(facts, "Readiness", label(grid.readiness(), outcome.get("readiness")));
        fact(facts, "Specialist path", outcome.isEmpty() ? null : "true".equals(outcome.get("specialistPath")) ? "Yes" : "No");
        fact(facts, "Next review", day(outcome.get("nextReview")));
        fact(facts, "Placement panels", r != null && r.sponsorSubmittedAt() != null
                ? PlainText.of(sponsor.get("placementPanel"), 500) : null);
        if (viewer == Viewer.SPONSOR && r != null && r.preparationSubmittedAt() != null) {
            fact(facts, "Aspirations", PlainText.of(prep.get("aspirations"), 500));
            fact(facts, "Growth direction", label(grid.growth(), prep.get("growth")));
            fact(facts, "Self-rated performance", label(grid.performance(), prep.get("performance")));
            for (TalentIndicators.Area i : indicators.areas()) {
                fact(facts, i.label(), label(grid.ratings(), prep.get("rating_" + i.key())) + ": "
                        + PlainText.of(prep.getOrDefault("evidence_" + i.key(), ""), 300));
            }
            fact(facts, "Development wishes", PlainText.of(prep.get("developmentWishes"), 500));
            fact(facts, "Target role", PlainText.of(prep.get("targetRole"), 500));
            for (TalentConversationGuide.Driver d : guide.drivers()) {
                fact(facts, d.label(), PlainText.of(prep.get("driver_" + d.key()), 500));
            }
        }
        data.put("facts", facts);
        List<String> actions = new ArrayList<>();
        for (int n = 1; n <= TalentForms.ACTIONS; n++) {
            String text = outcome.getOrDefault("action" + n + "Text", "");
            if (!text.isBlank()) {
                actions.add(PlainText.of(text, 300) + " (" + label(grid.actionTypes(), outcome.get("action" + n + "Type")) + "; "
                        + outcome.getOrDefault("action" + n + "Owner", "").toLowerCase() + "; due "
                        + day(outcome.getOrDefault("action" + n + "Due", "")) + ")");
            }
        }
        data.put("actions", actions);
        boolean showWellbeing = r != null && r.wellbeingNote() != null
                && (viewer == Viewer.PARTICIPANT || (r.wellbeingShared() && r.preparationSubmittedAt() != null));
        data.put("wellbeing", showWellbeing ? PlainText.of(r.wellbeingNote(), 2000) : "");
        data.put("wellbeingHeading", viewer == Viewer.PARTICIPANT
                ? (r != null && r.wellbeingShared() ? "Wellbeing check-in (shared with your sponsor)" : "Wellbeing check-in (only you can see this)")
                : "Wellbeing check-in (shared with you)");
        data.put("note", "");
        data.put("buttons", buttons(r, viewer));
        return Reply.card(templates.render("talent-review", data));
    }

    /**
     * What the party who did not record the outcome receives: the outcome's main facts and the button that confirms
     * exactly this version of it (a later change makes the button answer "changed since you opened it").
     */
    Reply confirmRequest(String recordedBy, TalentReview r) {
        TalentGrid grid = gridOf(r);
        Map<String, String> outcome = TalentReview.fields(r.outcome());
        List<Map<String, Object>> facts = new ArrayList<>();
        fact(facts, "Agreed box", box(grid, outcome.get("agreedBox")));
        fact(facts, "Readiness", label(grid.readiness(), outcome.get("readiness")));
        fact(facts, "Development action 1", PlainText.of(outcome.getOrDefault("action1Text", ""), 300));
        fact(facts, "Next review", day(outcome.get("nextReview")));
        Map<String, Object> data = new HashMap<>();
        data.put("message", Markdown.of(Reply.fill("{} recorded the agreed outcome of your Maximising Potential conversation ("
                + r.cycle() + "). Please check it and confirm.", recordedBy)));
        data.put("facts", facts);
        data.put("participantId", r.participantPersonId());
        data.put("version", r.version() == null ? 0 : r.version());
        return Reply.card(templates.render("talent-confirm", data));
    }

    Reply preparation(long participantId, String cycle, String level, TalentReviews.Career career, @Nullable TalentReview r,
                      Map<String, String> typed, List<String> errors, String errorTitle) {
        Map<String, String> values = new HashMap<>(r == null ? Map.of() : TalentReview.fields(r.preparation()));
        if (r != null && r.wellbeingNote() != null) {
            values.put("wellbeing", r.wellbeingNote());
        }
        values.put("wellbeingShared", String.valueOf(r != null && r.wellbeingShared()));
        values.putAll(typed);
        Map<String, Object> data = formData(TalentForms.Form.PREPARATION, participantId, cycle, r, values, errors, errorTitle);
        indicatorData(data, level, "Indicators of potential: rate yourself, with evidence");
        careerData(data, career, true);
        data.put("driversIntroduction", "004's drivers: " + guide.guide().driversIntroduction());
        data.put("drivers", guide.drivers().stream().map(d -> Map.<String, Object>of("key", d.key(), "label", d.label(),
                "text", d.text(), "value", values.getOrDefault("driver_" + d.key(), ""))).toList());
        data.put("wellbeing", values.getOrDefault("wellbeing", ""));
        data.put("wellbeingShared", values.getOrDefault("wellbeingShared", "false"));
        return Reply.card(templates.render("talent-preparation", data));
    }

    Reply sponsorInput(long participantId, String participantName, String cycle, String level, TalentReviews.Career career,
                       @Nullable TalentReview r, Map<String, String> typed, List<String> errors, String errorTitle) {
        Map<String, String> values = new HashMap<>(r == null ? Map.of() : TalentReview.fields(r.sponsorInput()));
        values.putAll(typed);
        Map<String, Object> data = formData(TalentForms.Form.SPONSOR, participantId, cycle, r, values, errors, errorTitle);
        indicatorData(data, level, "Indicators of potential: rate what you have seen, with evidence");
        careerData(data, career, false);
        data.put("panelText", "Your role at placement panels (001): " + guide.guide().sponsorPlacementPanels());
        data.put("participantName", PlainText.of(participantName, 100));
        return Reply.card(templates.render("talent-sponsor", data));
    }

    Reply outcome(long participantId, String participantName, String cycle, @Nullable TalentReview r,
                  Map<String, String> typed, List<String> errors, String errorTitle) {
        Map<String, String> values = new HashMap<>(r == null ? Map.of() : TalentReview.fields(r.outcome()));
        values.putAll(typed);
        Map<String, Object> data = formData(TalentForms.Form.OUTCOME, participantId, cycle, r, values, errors, errorTitle);
        data.put("participantName", PlainText.of(participantName, 100));
        data.put("specialistPath", values.getOrDefault("specialistPath", "false"));
        data.put("ownerChoices", options(TalentForms.OWNERS));
        data.put("coachText", "Development actions are typed 70:20:10 (001), each with an owner and a due date; an action can be"
                + " the coach's (001: " + guide.guide().coachRole() + ")");
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int n = 2; n <= TalentForms.ACTIONS; n++) { // the first, required, is written out in the template
            rows.add(Map.of("n", n, "text", values.getOrDefault("action" + n + "Text", ""),
                    "kind", values.getOrDefault("action" + n + "Type", ""), "owner", values.getOrDefault("action" + n + "Owner", ""),
                    "due", values.getOrDefault("action" + n + "Due", "")));
        }
        data.put("actionRows", rows);
        return Reply.card(templates.render("talent-outcome", data));
    }

    Reply sponsorList(List<Map<String, Object>> rows) {
        Map<String, Object> data = new HashMap<>();
        data.put("heading", "Talent reviews for the participants you sponsor");
        data.put("cycle", rows.isEmpty() ? "" : rows.get(0).get("cycle"));
        data.put("statusText", rows.size() + (rows.size() == 1 ? " participant" : " participants"));
        data.put("gridRows", List.of());
        data.put("facts", rows.stream().map(r -> Map.of("title", r.get("name"), "value", r.get("status"))).toList());
        data.put("actions", List.of());
        data.put("wellbeing", "");
        data.put("wellbeingHeading", "");
        data.put("note", rows.isEmpty() ? "You don't sponsor anyone on the scheme at the moment." : "");
        data.put("participantId", "");
        data.put("version", "");
        data.put("buttons", rows.stream().map(r -> Map.of("label", "Open " + r.get("name"), "action", TalentCommands.OPEN,
                "participantId", r.get("participantId"), "version", "")).toList());
        return Reply.card(templates.render("talent-review", data));
    }

    Reply error(String title, List<String> problems) {
        return Reply.card(templates.render("reflection-notice", Map.of("cardId", "talent-error", "title", title,
                "message", Markdown.of(String.join("\n\n", problems)), "color", "Attention", "buttons", List.of())));
    }

    private Map<String, Object> formData(TalentForms.Form form, long participantId, String cycle, @Nullable TalentReview r,
                                         Map<String, String> values, List<String> errors, String errorTitle) {
        TalentGrid grid = gridOf(r);
        Map<String, Object> data = new HashMap<>();
        for (TalentForms.Field f : forms.fields(form)) {
            data.put(f.key(), values.getOrDefault(f.key(), ""));
        }
        data.put("participantId", participantId);
        data.put("cycle", r == null ? cycle : r.cycle());
        data.put("version", r == null || r.version() == null ? 0 : r.version());
        data.put("errors", errors.stream().map(Markdown::of).toList()); // the bot's wording; typed values went through PlainText
        data.put("errorTitle", errorTitle);
        Map<String, TalentForms.Field> byKey = new HashMap<>();
        forms.fields(form).forEach(f -> byKey.put(f.key(), f));
        List<Map<String, Object>> areas = new ArrayList<>();
        for (TalentIndicators.Area i : indicators.areas()) {
            TalentForms.Field rating = byKey.get("rating_" + i.key());
            TalentForms.Field evidence = byKey.get("evidence_" + i.key());
            if (rating == null || evidence == null) {
                continue;
            }
            Map<String, Object> item = new HashMap<>();
            item.put("key", i.key());
            item.put("ratingLabel", rating.label());
            item.put("ratingError", rating.errorMessage());
            item.put("evidenceLabel", evidence.label());
            item.put("evidenceError", evidence.errorMessage());
            item.put("rating", values.getOrDefault(rating.key(), ""));
            item.put("evidence", values.getOrDefault(evidence.key(), ""));
            item.put("keywords", String.join("; ", i.keywords()));
            item.put("definition", i.definition());
            areas.add(item);
        }
        data.put("indicators", areas);
        data.put("growthChoices", options(grid.growth()));
        data.put("performanceChoices", options(grid.performance()));
        data.put("ratingChoices", options(grid.ratings()));
        data.put("boxChoices", options(grid.boxOptions()));
        data.put("readinessRule", readinessRule(grid));
        data.put("typeChoices", options(grid.actionTypes()));
        return data;
    }

    /** Three rows of three boxes, each row headed by its potential; the box shown is "good", the previous "accent". */
    /** Where the participant is heading: their stream's transition and its target roles, or that the roster lacks it. */
    private static void careerData(Map<String, Object> data, TalentReviews.Career career, boolean own) {
        if (career.stream() == null) {
            data.put("careerText", (own ? "Your" : "Their") + " development stream is not on the roster yet, so the"
                    + " conversation cannot show the target roles of " + (own ? "your" : "their")
                    + " career transition. The programme team can add it (000: \"You are required to apply to a specific"
                    + " development stream\").");
            data.put("targetRolePlaceholder", "For example: head of service");
            return;
        }
        data.put("careerText", "Development stream " + career.stream() + ", " + career.transition() + ": " + career.summary()
                + " " + career.targetRoles() + " Example roles: " + career.exampleRoles());
        data.put("targetRolePlaceholder", "For example: " + career.exampleRoles());
    }

    /**
     * 002's words beside each rating: its purpose, the definition, keywords and the "generally indicated by" bullets
     * of the participant's level (each behind a "What this means" toggle, to keep the card short), the values.
     */
    @SuppressWarnings("unchecked")
    private void indicatorData(Map<String, Object> data, String level, String heading) {
        TalentIndicators.Scheme scheme = indicators.scheme();
        data.put("indicatorsHeading", heading);
        data.put("purpose", scheme.purpose());
        data.put("levelText", "Source: " + scheme.source() + ". Each \"What this means\" shows 002's bullets for the"
                + " participant's level: " + indicators.levelName(level) + ".");
        data.put("valuesIntroduction", scheme.valuesIntroduction());
        data.put("values", scheme.values().stream().map(v -> Map.of("name", v.name(), "text", v.text())).toList());
        for (Map<String, Object> item : (List<Map<String, Object>>) data.get("indicators")) {
            TalentIndicators.Area area = indicators.areas().stream().filter(a -> a.key().equals(item.get("key"))).findFirst()
                    .orElseThrow();
            item.put("bulletsHeading", "Generally this is indicated by (" + indicators.levelName(level) + "):");
            item.put("bullets", area.bulletsFor(level));
        }
    }

    private List<Map<String, Object>> gridRows(TalentGrid grid, @Nullable String box, String boxMarker, @Nullable String previous) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (TalentGrid.Option potential : grid.potential()) {
            List<Map<String, Object>> cells = new ArrayList<>();
            for (TalentGrid.Option performance : grid.performance()) {
                String key = potential.key() + "_" + performance.key();
                List<String> markers = new ArrayList<>();
                if (key.equals(box)) {
                    markers.add("● " + boxMarker);
                }
                if (key.equals(previous)) {
                    markers.add("◆ Previous");
                }
                cells.add(Map.of("label", grid.boxLabel(key), "marker", String.join(" ", markers),
                        "style", key.equals(box) ? "good" : key.equals(previous) ? "accent" : "emphasis"));
            }
            rows.add(Map.of("axis", potential.axis(), "cells", cells));
        }
        return rows;
    }

    private List<Map<String, Object>> buttons(@Nullable TalentReview r, Viewer viewer) {
        List<Map<String, Object>> buttons = new ArrayList<>();
        boolean open = r == null || (!r.locked() && r.participantConfirmedAt() == null && r.sponsorConfirmedAt() == null);
        if (open && viewer == Viewer.PARTICIPANT) {
            buttons.add(button(preparationButton(r), TalentCommands.PREP_OPEN));
        }
        if (open && viewer == Viewer.SPONSOR) {
            buttons.add(button(inputButton(r), TalentCommands.SPONSOR_OPEN));
        }
        if (r != null && !r.locked() && r.preparationSubmittedAt() != null && r.sponsorSubmittedAt() != null) {
            buttons.add(button(RECORD_OUTCOME, TalentCommands.OUTCOME_OPEN));
            boolean recorded = !TalentReview.fields(r.outcome()).isEmpty();
            boolean mine = viewer == Viewer.PARTICIPANT ? r.participantConfirmedAt() != null : r.sponsorConfirmedAt() != null;
            if (recorded && !mine) {
                buttons.add(button(CONFIRM_OUTCOME, TalentCommands.OUTCOME_CONFIRM));
            }
        }
        buttons.add(button(HISTORY, TalentCommands.HISTORY));
        return buttons;
    }

    // button titles, which the bot's messages name: a message names only a button the person will see
    static final String PREPARE = "Prepare";
    static final String CONTINUE_PREPARING = "Continue preparing";
    static final String EDIT_PREPARATION = "Edit my preparation";
    static final String GIVE_INPUT = "Give my input";
    static final String CONTINUE_INPUT = "Continue my input";
    static final String EDIT_INPUT = "Edit my input";
    static final String RECORD_OUTCOME = "Record agreed outcome";
    static final String CONFIRM_OUTCOME = "Confirm the agreed outcome";
    static final String HISTORY = "History";

    /** Prepare (nothing yet), Continue preparing (a draft), Edit my preparation (submitted). */
    static String preparationButton(@Nullable TalentReview r) {
        return r == null || r.preparation().equals("{}") ? PREPARE
                : r.preparationSubmittedAt() == null ? CONTINUE_PREPARING : EDIT_PREPARATION;
    }

    static String inputButton(@Nullable TalentReview r) {
        return r == null || r.sponsorInput().equals("{}") ? GIVE_INPUT : r.sponsorSubmittedAt() == null ? CONTINUE_INPUT : EDIT_INPUT;
    }

    private static Map<String, Object> button(String label, String action) {
        return Map.of("label", label, "action", action);
    }

    private String statusText(@Nullable TalentReview r) {
        if (r == null) {
            return "not started";
        }
        return switch (r.status()) {
            case PREPARING -> (r.preparationSubmittedAt() == null ? "participant preparing" : "participant prepared")
                    + " · " + (r.sponsorSubmittedAt() == null ? "sponsor input to come" : "sponsor input given")
                    + (TalentReview.fields(r.outcome()).isEmpty() ? "" : " · outcome awaiting "
                        + (r.participantConfirmedAt() == null ? "participant's" : "sponsor's") + " confirmation");
            case AGREED -> "agreed by both, awaiting moderation";
            case MODERATED -> "moderated by the programme team";
            case FED_BACK -> "moderated and fed back";
        };
    }

    /** How readiness follows from the box on this grid, for the outcome form (004: ready = within 6 months). */
    private static String readinessRule(TalentGrid grid) {
        List<String> parts = new ArrayList<>();
        for (TalentGrid.Option r : grid.readiness()) {
            List<String> boxes = grid.boxes().stream().filter(b -> r.key().equals(b.readiness())).map(TalentGrid.Box::label).toList();
            if (!boxes.isEmpty()) {
                parts.add(r.label() + " (" + String.join("; ", boxes) + ")");
            }
        }
        return "Readiness follows from the agreed box: " + String.join(". ", parts) + ".";
    }

    private static String box(TalentGrid grid, @Nullable String key) {
        return key == null || key.isBlank() ? null : grid.boxLabel(key);
    }

    /** The grid the review was made on (its labels stay as agreed), or the current one for a review not started. */
    private TalentGrid gridOf(@Nullable TalentReview r) {
        return grids.of(r == null ? null : r.gridVersion());
    }

    @Nullable
    private static String label(List<TalentGrid.Option> options, @Nullable String key) {
        return key == null ? null : options.stream().filter(o -> o.key().equals(key)).map(TalentGrid.Option::label)
                .findFirst().orElse(null);
    }

    private static void fact(List<Map<String, Object>> facts, String title, @Nullable String value) {
        if (value != null && !value.isBlank()) {
            facts.add(Map.of("title", title, "value", value));
        }
    }

    private static List<Map<String, Object>> options(List<TalentGrid.Option> options) {
        return options.stream().map(o -> Map.<String, Object>of("key", o.key(), "label", o.label())).toList();
    }

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK);

    /** A stored ISO date as people read it ("15 May 2027"); anything else as it was stored. */
    static String day(@Nullable String iso) {
        if (iso == null || iso.isBlank()) {
            return iso;
        }
        try {
            return DAY.format(LocalDate.parse(iso));
        } catch (DateTimeParseException e) {
            return iso;
        }
    }
}
