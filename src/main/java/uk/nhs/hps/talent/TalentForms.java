package uk.nhs.hps.talent;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import uk.nhs.hps.conversation.PlainText;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The three forms of the conversation (participant preparation, sponsor input, agreed outcome) as field
 * lists built from the grid's data, and the checks on what a card submitted. A problem names the field by
 * its label; a form with problems is never saved, in part or in whole.
 */
@Singleton
class TalentForms {

    static final int MAX_TEXT = 2000;
    static final int ACTIONS = 3;

    enum Kind { CHOICE, TEXT, DATE, FLAG }

    /** One input of a form; the card shows {@code label} and, when required, {@link #errorMessage()}. */
    record Field(String key, String label, Kind kind, List<TalentGrid.Option> options, boolean required) {
        boolean allows(String value) {
            return options.stream().anyMatch(o -> o.key().equals(value));
        }

        /** What the card says under an empty required input, and the server when one arrives empty anyway. */
        String errorMessage() {
            return label + " is required.";
        }
    }

    /** The conversation's three forms, and the coach's part of the development roadmap. */
    enum Form { PREPARATION, SPONSOR, OUTCOME, ROADMAP }

    /** The coach's note on the roadmap (a ROADMAP field). */
    static final String COACH_NOTE = "coachNote";

    /** 001: the coach helps "set goals and plan a bespoke development roadmap", so an action may be theirs. */
    static final List<TalentGrid.Option> OWNERS = List.of(new TalentGrid.Option("PARTICIPANT", "Participant"),
            new TalentGrid.Option("SPONSOR", "Sponsor"), new TalentGrid.Option("COACH", "Coach"));

    private final TalentGrids grids;
    private final TalentIndicators indicators;
    private final TalentConversationGuide guide;

    TalentForms(TalentGrids grids, TalentIndicators indicators, TalentConversationGuide guide) {
        this.grids = grids;
        this.indicators = indicators;
        this.guide = guide;
    }

    /** The form's fields; choices are keys, the same on every version of the grid. */
    List<Field> fields(Form form) {
        TalentGrid grid = grids.current();
        List<Field> fields = new ArrayList<>();
        switch (form) {
            case PREPARATION -> {
                fields.add(text("aspirations", "Career aspirations", true));
                fields.add(text("targetRole", "The role I am aiming for next", false));
                for (TalentConversationGuide.Driver d : guide.drivers()) {
                    fields.add(text("driver_" + d.key(), d.label(), false));
                }
                fields.add(choice("growth", "Growth direction", grid.growth(), true));
                fields.add(choice("performance", "My performance in my current role", grid.performance(), true));
                indicators(fields, grid, true);
                fields.add(choice("proposedBox", "The box I propose", grid.boxOptions(), true));
                fields.add(text("developmentWishes", "Development I would like", false));
            }
            case SPONSOR -> {
                fields.add(choice("performance", "Performance in current role", grid.performance(), true));
                indicators(fields, grid, true);
                fields.add(choice("proposedBox", "The box I propose", grid.boxOptions(), true));
                fields.add(text("placementPanel", "Placement panels: stretch opportunities you will present them for", false));
            }
            case OUTCOME -> {
                fields.add(choice("agreedBox", "Agreed box", grid.boxOptions(), true));
                fields.add(new Field("specialistPath", "Specialist path", Kind.FLAG, List.of(), false));
                // readiness is not asked: it follows from the agreed box (TalentGrid.readinessFor)
                // the first action is required whole; a later one only once its text is given (see problems)
                for (int n = 1; n <= ACTIONS; n++) {
                    fields.add(text("action" + n + "Text", "Development action " + n + (n == 1 ? "" : " (optional)"), n == 1));
                    fields.add(choice("action" + n + "Type", "Action " + n + " type (70:20:10)", grid.actionTypes(), n == 1));
                    fields.add(choice("action" + n + "Owner", "Action " + n + " owner", OWNERS, n == 1));
                    fields.add(new Field("action" + n + "Due", "Action " + n + " due date", Kind.DATE, List.of(), n == 1));
                }
                fields.add(new Field("nextReview", "Next review date", Kind.DATE, List.of(), true));
            }
            case ROADMAP -> {
                // every action is optional; one whose text is given needs its type, owner and due date (see problems)
                for (int n = 1; n <= ACTIONS; n++) {
                    fields.add(text("action" + n + "Text", "Coach's development action " + n, false));
                    fields.add(choice("action" + n + "Type", "Action " + n + " type (70:20:10)", grid.actionTypes(), false));
                    fields.add(choice("action" + n + "Owner", "Action " + n + " owner", OWNERS, false));
                    fields.add(new Field("action" + n + "Due", "Action " + n + " due date", Kind.DATE, List.of(), false));
                }
                fields.add(text(COACH_NOTE, "Coach's note on the roadmap", false));
            }
        }
        return fields;
    }

    /** The submitted values of the form's fields, trimmed; keys not on the form are dropped. */
    Map<String, String> values(Form form, Map<String, Object> data) {
        Map<String, String> values = new LinkedHashMap<>();
        for (Field f : fields(form)) {
            Object v = data.get(f.key());
            values.put(f.key(), v == null ? "" : String.valueOf(v).replace("\r\n", "\n").strip());
        }
        return values;
    }

    /**
     * Problems with the values. Drafts are checked for bad values only; a submission must also be complete.
     */
    List<String> problems(Form form, Map<String, String> values, boolean complete, LocalDate today) {
        List<String> problems = new ArrayList<>();
        for (Field f : fields(form)) {
            String v = values.getOrDefault(f.key(), "");
            if (v.isEmpty()) {
                if (complete && f.required()) {
                    problems.add("**" + f.label() + "** is required.");  // the card's errorMessage, in bold
                }
                continue;
            }
            switch (f.kind()) {
                case CHOICE -> {
                    if (!f.allows(v)) {
                        problems.add("**" + f.label() + "**: '" + PlainText.of(v, 40) + "' is not one of the choices.");
                    }
                }
                case TEXT -> {
                    if (v.length() > MAX_TEXT) {
                        problems.add("**" + f.label() + "** is " + v.length() + " characters; the most is " + MAX_TEXT + ".");
                    }
                }
                case DATE -> {
                    LocalDate date = date(v);
                    if (date == null) {
                        problems.add("**" + f.label() + "** must be a date (YYYY-MM-DD).");
                    } else if (date.isBefore(today) || date.isAfter(today.plusYears(5))) {
                        problems.add("**" + f.label() + "** must be between today and five years from now.");
                    }
                }
                case FLAG -> {
                    if (!Set.of("true", "false").contains(v)) {
                        problems.add("**" + f.label() + "** must be yes or no.");
                    }
                }
            }
        }
        if ((form == Form.OUTCOME || form == Form.ROADMAP) && complete) {
            for (Field f : fields(form)) {
                String n = f.key().replaceAll("[^0-9]", "");
                boolean part = f.key().startsWith("action") && !f.key().endsWith("Text") && !f.required();
                if (part && !values.getOrDefault("action" + n + "Text", "").isEmpty()
                        && values.getOrDefault(f.key(), "").isEmpty()) {
                    problems.add("**" + f.label() + "** is required for each development action.");
                }
            }
        }
        return problems;
    }

    private void indicators(List<Field> fields, TalentGrid grid, boolean required) {
        for (TalentIndicators.Area area : indicators.areas()) {
            fields.add(choice("rating_" + area.key(), area.label(), grid.ratings(), required));
            fields.add(text("evidence_" + area.key(), "Evidence for " + area.label(), required));
        }
    }

    private static Field choice(String key, String label, List<TalentGrid.Option> options, boolean required) {
        return new Field(key, label, Kind.CHOICE, options, required);
    }

    private static Field text(String key, String label, boolean required) {
        return new Field(key, label, Kind.TEXT, List.of(), required);
    }

    @Nullable
    static LocalDate date(String value) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
