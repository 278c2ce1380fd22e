package uk.nhs.hps.talent;

import jakarta.inject.Singleton;
import uk.nhs.hps.access.AccessDenied;
import uk.nhs.hps.conversation.CommandHandler;
import uk.nhs.hps.conversation.HelpEntry;
import uk.nhs.hps.conversation.PlainText;
import uk.nhs.hps.conversation.Reply;
import uk.nhs.hps.conversation.Turn;
import uk.nhs.hps.people.Person;
import uk.nhs.hps.people.PersonRepository;
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
    private final TalentGrid grid;
    private final PersonRepository people;

    TalentCommands(TalentReviews reviews, TalentCards cards, TalentForms forms, TalentGrid grid, PersonRepository people) {
        this.reviews = reviews;
        this.cards = cards;
        this.forms = forms;
        this.grid = grid;
        this.people = people;
    }

    @Override
    public Set<String> commands() {
        return Set.of("my talent review", "talent reviews");
    }

    @Override
    public Set<String> cardActions() {
        return Set.of("talent.open", "talent.history", "talent.prep.open", "talent.prep.draft", "talent.prep.submit",
                "talent.sponsor.open", "talent.sponsor.draft", "talent.sponsor.submit", "talent.outcome.open",
                "talent.outcome.save", "talent.outcome.confirm");
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
                case "talent.prep.open" -> cards.preparation(me.id(), reviews.currentCycle(), reviews.current(me.id()).orElse(null),
                        Map.of(), List.of(), "");
                case "talent.prep.draft", "talent.prep.submit" -> {
                    boolean submit = action.endsWith("submit");
                    try {
                        reviews.prepare(participantId, me.id(), data, version, submit);
                    } catch (TalentProblem p) {
                        yield cards.preparation(me.id(), reviews.currentCycle(), reviews.current(me.id()).orElse(null),
                                typed(TalentForms.Form.PREPARATION, data, true), p.problems(), p.title());
                    }
                    yield submit ? record(me, me.id())
                            : Reply.text("Draft saved. Type **my talent review** and press **Prepare** to carry on.");
                }
                case "talent.sponsor.open" -> {
                    // the sponsor's form holds their unsubmitted draft: only the current sponsor may open it
                    Optional<TalentReview> r = reviews.readAsSponsor(me.id(), participantId);
                    yield cards.sponsorInput(participantId, name(participantId), reviews.currentCycle(), r.orElse(null),
                            Map.of(), List.of(), "");
                }
                case "talent.sponsor.draft", "talent.sponsor.submit" -> {
                    boolean submit = action.endsWith("submit");
                    try {
                        reviews.sponsorInput(me.id(), participantId, data, version, submit);
                    } catch (TalentProblem p) {
                        if (p.title().startsWith("You don't sponsor")) {
                            throw p;
                        }
                        yield cards.sponsorInput(participantId, name(participantId), reviews.currentCycle(),
                                reviews.current(participantId).orElse(null), typed(TalentForms.Form.SPONSOR, data, false),
                                p.problems(), p.title());
                    }
                    yield submit ? record(me, participantId) : Reply.text("Draft saved. Type **talent reviews** to carry on.");
                }
                case "talent.outcome.open" -> cards.outcome(participantId, name(participantId), reviews.currentCycle(),
                        reviews.read(me.id(), participantId, "agreed outcome card").orElse(null), Map.of(), List.of(), "");
                case "talent.outcome.save" -> {
                    try {
                        reviews.recordOutcome(me.id(), participantId, data, version);
                    } catch (TalentProblem p) {
                        if (p.title().startsWith("You don't sponsor") || p.title().contains("changed since")
                                || p.title().contains("confirmed")) {
                            throw p;
                        }
                        yield cards.outcome(participantId, name(participantId), reviews.currentCycle(),
                                reviews.current(participantId).orElse(null), typed(TalentForms.Form.OUTCOME, data, false),
                                p.problems(), p.title());
                    }
                    notifyOther(me, participantId, "recorded the agreed outcome of your Maximising Potential conversation."
                            + " Please check it and confirm.");
                    yield record(me, participantId);
                }
                case "talent.outcome.confirm" -> {
                    TalentReview r = reviews.confirm(me.id(), participantId, version);
                    if (r.state() == TalentReview.Status.AGREED) {
                        notifyOther(me, participantId, "confirmed the agreed outcome: the placement is agreed and goes to the"
                                + " programme team for moderation.");
                    }
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
        boolean own = participantId == me.id();
        Optional<TalentReview> r = reviews.read(me.id(), participantId, own ? "own talent record" : "sponsor reading talent record");
        if (!own && reviews.currentSponsor(participantId).filter(s -> s == me.id()).isEmpty()) {
            throw new AccessDenied("not the current sponsor");
        }
        String previous = r.flatMap(reviews::previousBox).orElseGet(() -> reviews.history(participantId).stream()
                .filter(x -> x.agreedBox() != null && !x.cycle().equals(reviews.currentCycle())).reduce((a, b) -> b)
                .map(TalentReview::agreedBox).orElse(null));
        return cards.review(name(participantId), participantId, r.orElse(null), previous,
                own ? TalentCards.Viewer.PARTICIPANT : TalentCards.Viewer.SPONSOR, reviews.currentCycle());
    }

    private Reply history(Person me, long participantId) {
        reviews.read(me.id(), participantId, "talent history");
        List<TalentReview> all = reviews.history(participantId);
        if (all.isEmpty()) {
            return Reply.text("No review cycles yet.");
        }
        StringBuilder out = new StringBuilder("**9-box history**\n\n");
        String before = null;
        for (TalentReview r : all) {
            out.append("- ").append(r.cycle()).append(": ")
                    .append(r.agreedBox() == null ? "not agreed yet" : grid.boxLabel(r.agreedBox()))
                    .append(" (").append(r.status().toLowerCase().replace('_', ' ')).append(")");
            if (before != null && r.agreedBox() != null) {
                out.append(" · ").append(TalentReports.movement(grid, before, r.agreedBox()).toLowerCase());
            }
            out.append("\n");
            if (r.agreedBox() != null) {
                before = r.agreedBox();
            }
        }
        return Reply.text(out.toString().strip());
    }

    private Reply sponsorList(Person me) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Person p : reviews.sponsoredBy(me.id())) {
            Optional<TalentReview> r = reviews.current(p.id());
            rows.add(Map.of("name", PlainText.of(p.displayName(), 100), "participantId", p.id(), "cycle", reviews.currentCycle(),
                    "status", r.map(x -> x.state() == TalentReview.Status.PREPARING
                            ? (x.preparationSubmittedAt() == null ? "Preparing" : "Prepared") + (x.sponsorSubmittedAt() == null
                            ? ", your input to come" : ", your input given") : x.status().toLowerCase().replace('_', ' '))
                            .orElse("Not started")));
        }
        return cards.sponsorList(rows);
    }

    private void notifyOther(Person me, long participantId, String what) {
        reviews.current(participantId).ifPresent(r -> {
            Long other = me.id() == participantId ? r.sponsorId() : Long.valueOf(participantId);
            if (other != null) {
                reviews.tell(other, "talent-outcome:" + r.id() + ":" + r.version() + ":" + other,
                        Reply.fill("{} ", me.displayName()) + what + " Type **"
                                + (other == participantId ? "my talent review" : "talent reviews") + "** to see it.");
            }
        });
    }

    private Map<String, String> typed(TalentForms.Form form, Map<String, Object> data, boolean withWellbeing) {
        Map<String, String> typed = new java.util.HashMap<>(forms.values(form, data));
        if (withWellbeing) {
            typed.put("wellbeing", data.getOrDefault("wellbeing", "").toString());
            typed.put("wellbeingShared", data.getOrDefault("wellbeingShared", "false").toString());
        }
        return typed;
    }

    private String name(long personId) {
        return people.findById(personId).map(Person::displayName).orElse("the participant");
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
