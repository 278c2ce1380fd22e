package uk.nhs.hps.talent;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import uk.nhs.hps.access.AccessDenied;
import uk.nhs.hps.conversation.CodeBuiltCardAction;
import uk.nhs.hps.conversation.CommandHandler;
import uk.nhs.hps.conversation.HelpEntry;
import uk.nhs.hps.conversation.PlainText;
import uk.nhs.hps.conversation.Reply;
import uk.nhs.hps.conversation.Turn;
import uk.nhs.hps.people.Person;
import uk.nhs.hps.people.Role;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The 9-box and Maximising Potential conversation in the chat: {@code my talent review} for participants,
 * {@code talent reviews} for sponsors, and every card's buttons. A refused or invalid submission answers
 * with the form again, the problems named, and nothing saved.
 */
@Singleton
class TalentCommands implements CommandHandler {

    private final TalentReviews reviews;
    private final TalentCards cards;
    private final TalentForms forms;
    private final TalentGrids grids;

    TalentCommands(TalentReviews reviews, TalentCards cards, TalentForms forms, TalentGrids grids) {
        this.reviews = reviews;
        this.cards = cards;
        this.forms = forms;
        this.grids = grids;
    }

    @Override
    public Set<String> commands() {
        return Set.of("my talent review", "talent reviews");
    }

    // buttons TalentCards puts on cards by code (a template's "${action}")
    @CodeBuiltCardAction
    static final String OPEN = "talent.open";
    @CodeBuiltCardAction
    static final String HISTORY = "talent.history";
    @CodeBuiltCardAction
    static final String PREP_OPEN = "talent.prep.open";
    @CodeBuiltCardAction
    static final String SPONSOR_OPEN = "talent.sponsor.open";
    @CodeBuiltCardAction
    static final String OUTCOME_OPEN = "talent.outcome.open";
    @CodeBuiltCardAction
    static final String OUTCOME_CONFIRM = "talent.outcome.confirm";

    @Override
    public Set<String> cardActions() {
        return Set.of(OPEN, HISTORY, PREP_OPEN, "talent.prep.draft", "talent.prep.submit",
                SPONSOR_OPEN, "talent.sponsor.draft", "talent.sponsor.submit", OUTCOME_OPEN,
                "talent.outcome.save", OUTCOME_CONFIRM);
    }

    @Override
    public List<HelpEntry> help() {
        return List.of(
                new HelpEntry("my talent review", "Prepare for your Maximising Potential conversation and see your 9-box placement.",
                        Set.of(Role.PARTICIPANT)),
                new HelpEntry("talent reviews", "Give your input to the 9-box conversations of the participants you sponsor.",
                        Set.of(Role.SPONSOR)));
    }

    @Override
    public List<Reply> handle(Turn turn) {
        if (turn.person().isEmpty()) {
            return List.of(Reply.text("Talent reviews are for people on the High Potential Scheme. Please contact the programme team."));
        }
        Person me = turn.person().get();
        if (turn.kind() != Turn.Kind.CARD_ACTION) {
            return List.of(turn.text().toLowerCase().startsWith("talent reviews") ? sponsorList(me) : record(me, me.id()));
        }
        Map<String, Object> data = turn.cardData();
        long participantId = number(data, "participantId").orElse(me.id());
        Integer version = number(data, "version").map(Long::intValue).orElse(null);
        String action = turn.action().orElse("");
        try {
            return List.of(switch (action) {
                case "talent.open" -> record(me, participantId);
                case "talent.history" -> history(me, participantId);
                case "talent.prep.open" -> preparation(reviews.preparationForm(me.id()), Map.of(), List.of(), "");
                case "talent.prep.draft", "talent.prep.submit" -> {
                    boolean submit = action.endsWith("submit");
                    try {
                        reviews.prepare(new TalentReviews.Prepare(participantId, me.id(),
                                forms.values(TalentForms.Form.PREPARATION, data), text(data, "wellbeing"),
                                text(data, "wellbeingShared"), version, submit));
                    } catch (TalentProblem p) {
                        yield preparation(reviews.preparationForm(me.id()), typed(TalentForms.Form.PREPARATION, data, true),
                                p.problems(), p.title());
                    }
                    yield submit ? record(me, me.id()) : Reply.text("Draft saved: only you can see it. Type **my talent review**"
                            + " and press **" + TalentCards.CONTINUE_PREPARING + "** to carry on.");
                }
                case "talent.sponsor.open" -> sponsorInput(reviews.sponsorForm(me.id(), participantId), Map.of(), List.of(), "");
                case "talent.sponsor.draft", "talent.sponsor.submit" -> {
                    boolean submit = action.endsWith("submit");
                    try {
                        reviews.sponsorInput(new TalentReviews.GiveSponsorInput(me.id(), participantId,
                                forms.values(TalentForms.Form.SPONSOR, data), version, submit));
                    } catch (TalentProblem p) {
                        if (p.kind() == TalentProblem.Kind.NOT_THEIR_PARTICIPANT) {
                            throw p;
                        }
                        yield sponsorInput(reviews.formAfterRefusal(participantId), typed(TalentForms.Form.SPONSOR, data, false),
                                p.problems(), p.title());
                    }
                    yield submit ? record(me, participantId) : Reply.text("Draft saved: only you can see it. Type **talent reviews**,"
                            + " open the participant and press **" + TalentCards.CONTINUE_INPUT + "** to carry on.");
                }
                case "talent.outcome.open" -> outcome(reviews.outcomeForm(me.id(), participantId), Map.of(), List.of(), "");
                case "talent.outcome.save" -> {
                    try {
                        reviews.recordOutcome(new TalentReviews.RecordOutcome(me.id(), participantId,
                                forms.values(TalentForms.Form.OUTCOME, data), version));
                    } catch (TalentProblem p) {
                        if (p.kind() != TalentProblem.Kind.ANSWERS) {
                            throw p;
                        }
                        yield outcome(reviews.formAfterRefusal(participantId), typed(TalentForms.Form.OUTCOME, data, false),
                                p.problems(), p.title());
                    }
                    yield record(me, participantId);
                }
                case "talent.outcome.confirm" -> {
                    reviews.confirm(new TalentReviews.ConfirmOutcome(me.id(), participantId, version));
                    yield record(me, participantId);
                }
                default -> cards.error("Sorry, that button didn't work", List.of("Type **my talent review** to start again."));
            });
        } catch (TalentProblem p) {
            return List.of(cards.error(p.title(), p.problems()));
        } catch (AccessDenied e) {
            return List.of(cards.error("You don't have access to that record",
                    List.of("Only the participant and their current sponsor can see or change it. Nothing was saved.")));
        }
    }

    private Reply record(Person me, long participantId) {
        TalentReviews.RecordView view = reviews.recordFor(me.id(), participantId);
        return cards.review(name(view.participantName()), participantId, view.review(), view.previousBox(),
                view.own() ? TalentCards.Viewer.PARTICIPANT : TalentCards.Viewer.SPONSOR, view.cycle());
    }

    private Reply preparation(TalentReviews.FormView form, Map<String, String> typed, List<String> problems, String title) {
        return cards.preparation(form.participantId(), form.cycle(), form.level(), form.career(), form.review(), typed, problems, title);
    }

    private Reply sponsorInput(TalentReviews.FormView form, Map<String, String> typed, List<String> problems, String title) {
        return cards.sponsorInput(form.participantId(), name(form.participantName()), form.cycle(), form.level(), form.career(),
                form.review(), typed,
                problems, title);
    }

    private Reply outcome(TalentReviews.FormView form, Map<String, String> typed, List<String> problems, String title) {
        return cards.outcome(form.participantId(), name(form.participantName()), form.cycle(), form.review(), typed,
                problems, title);
    }

    private Reply history(Person me, long participantId) {
        List<TalentReview> all = reviews.historyFor(me.id(), participantId);
        if (all.isEmpty()) {
            return Reply.text("No review cycles yet.");
        }
        StringBuilder out = new StringBuilder("**9-box history**\n\n");
        String before = null;
        for (TalentReview r : all) {
            out.append("- ").append(r.cycle()).append(": ")
                    .append(r.agreedBox() == null ? "not agreed yet" : grids.of(r.gridVersion()).boxLabel(r.agreedBox()))
                    .append(" (").append(said(r.status())).append(")");
            if (before != null && r.agreedBox() != null) {
                out.append(" · ").append(TalentReports.movement(grids.current(), before, r.agreedBox()).toLowerCase());
            }
            out.append("\n");
            if (r.agreedBox() != null) {
                before = r.agreedBox();
            }
        }
        return Reply.text(out.toString().strip());
    }

    private Reply sponsorList(Person me) {
        TalentReviews.SponsorList list = reviews.sponsorList(me.id());
        List<Map<String, Object>> rows = new ArrayList<>();
        for (TalentReviews.Sponsored p : list.participants()) {
            Optional<TalentReview> r = Optional.ofNullable(p.current());
            rows.add(Map.of("name", PlainText.of(p.name(), 100), "participantId", p.participantId(), "cycle", list.cycle(),
                    "status", r.map(x -> x.status() == TalentReview.Status.PREPARING
                            ? (x.preparationSubmittedAt() == null ? "Preparing" : "Prepared") + (x.sponsorSubmittedAt() == null
                            ? ", your input to come" : ", your input given") : said(x.status()))
                            .orElse("Not started")));
        }
        return cards.sponsorList(rows);
    }

    /** A status as the chat says it: "fed back". */
    private static String said(TalentReview.Status status) {
        return status.name().toLowerCase().replace('_', ' ');
    }

    private Map<String, String> typed(TalentForms.Form form, Map<String, Object> data, boolean withWellbeing) {
        Map<String, String> typed = new java.util.HashMap<>(forms.values(form, data));
        if (withWellbeing) {
            typed.put("wellbeing", data.getOrDefault("wellbeing", "").toString());
            typed.put("wellbeingShared", data.getOrDefault("wellbeingShared", "false").toString());
        }
        return typed;
    }

    private static String name(@Nullable String participantName) {
        return participantName == null ? "the participant" : participantName;
    }

    private static String text(Map<String, Object> data, String key) {
        Object v = data.get(key);
        return v == null ? "" : String.valueOf(v).replace("\r\n", "\n").strip();
    }

    private static Optional<Long> number(Map<String, Object> data, String key) {
        Object v = data.get(key);
        if (v instanceof Number n && n.longValue() >= 0) {
            return Optional.of(n.longValue());
        }
        if (v instanceof String s && s.strip().matches("[0-9]{1,18}")) {
            return Optional.of(Long.parseLong(s.strip()));
        }
        return Optional.empty();
    }
}
