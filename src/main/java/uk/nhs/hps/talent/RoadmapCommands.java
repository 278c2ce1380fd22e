package uk.nhs.hps.talent;

import jakarta.inject.Singleton;
import uk.nhs.hps.access.AccessDenied;
import uk.nhs.hps.conversation.CodeBuiltCardAction;
import uk.nhs.hps.conversation.CommandHandler;
import uk.nhs.hps.conversation.HelpEntry;
import uk.nhs.hps.conversation.Reply;
import uk.nhs.hps.conversation.Turn;
import uk.nhs.hps.people.Person;
import uk.nhs.hps.people.Role;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The coach's part of the career conversation in the chat: {@code coaching roadmaps} lists the participants they
 * coach now, each roadmap opens with the agreed development actions and the coach's own, and the coach's form
 * saves their actions and note. {@code my roadmap} shows a participant theirs.
 */
@Singleton
class RoadmapCommands implements CommandHandler {

    static final String COACH_COMMAND = "coaching roadmaps";
    static final String OWN_COMMAND = "my roadmap";

    @CodeBuiltCardAction
    static final String OPEN = "talent.roadmap.open";
    @CodeBuiltCardAction
    static final String EDIT = "talent.roadmap.edit";

    private final PlanningRoadmaps roadmaps;
    private final RoadmapCards cards;
    private final TalentForms forms;

    RoadmapCommands(PlanningRoadmaps roadmaps, RoadmapCards cards, TalentForms forms) {
        this.roadmaps = roadmaps;
        this.cards = cards;
        this.forms = forms;
    }

    @Override
    public Set<String> commands() {
        return Set.of(COACH_COMMAND, OWN_COMMAND);
    }

    @Override
    public Set<String> cardActions() {
        return Set.of(OPEN, EDIT, "talent.roadmap.save");
    }

    @Override
    public List<HelpEntry> help() {
        return List.of(
                new HelpEntry(COACH_COMMAND, "Add development actions and a note to the roadmaps of the participants you coach.",
                        Set.of(Role.COACH)),
                new HelpEntry(OWN_COMMAND, "See your development roadmap: agreed actions and what your coach added.",
                        Set.of(Role.PARTICIPANT)));
    }

    @Override
    public List<Reply> handle(Turn turn) {
        if (turn.person().isEmpty()) {
            return List.of(Reply.text("Development roadmaps are for people on the High Potential Scheme. Please contact the programme team."));
        }
        Person me = turn.person().get();
        try {
            if (turn.kind() != Turn.Kind.CARD_ACTION) {
                return List.of(turn.text().toLowerCase().startsWith(COACH_COMMAND) ? cards.coachees(roadmaps.coachees(me.id()))
                        : cards.roadmap(roadmaps.roadmapFor(me.id(), me.id())));
            }
            Map<String, Object> data = turn.cardData();
            Optional<Long> participant = number(data, "participantId");
            if (participant.isEmpty()) {
                return List.of(error("Sorry, that button didn't work", "Type **" + COACH_COMMAND + "** to start again."));
            }
            long participantId = participant.get();
            return List.of(switch (turn.action().orElse("")) {
                case OPEN -> cards.roadmap(roadmaps.roadmapFor(me.id(), participantId));
                case EDIT -> {
                    Map<String, String> values = roadmaps.formValues(me.id(), participantId);
                    yield cards.form(participantId, roadmaps.roadmapFor(me.id(), participantId).participantName(), values, List.of(), "");
                }
                default -> {
                    Map<String, String> values = forms.values(TalentForms.Form.ROADMAP, data);
                    Integer version = number(data, "version").map(Long::intValue).orElse(null);
                    try {
                        roadmaps.save(new PlanningRoadmaps.SaveRoadmap(me.id(), participantId, values, version));
                    } catch (TalentProblem p) {
                        if (p.kind() != TalentProblem.Kind.ANSWERS) {
                            throw p;
                        }
                        Map<String, String> typed = new java.util.HashMap<>(values);
                        typed.put("version", version == null ? "0" : String.valueOf(version));
                        yield cards.form(participantId, roadmaps.roadmapFor(me.id(), participantId).participantName(), typed,
                                p.problems(), p.title());
                    }
                    yield cards.roadmap(roadmaps.roadmapFor(me.id(), participantId));
                }
            });
        } catch (TalentProblem p) {
            return List.of(error(p.title(), String.join("\n\n", p.problems())));
        } catch (AccessDenied e) {
            return List.of(error("You don't have access to that roadmap",
                    "Only the participant and their current coach can see it. Nothing was saved."));
        }
    }

    private Reply error(String title, String message) {
        return cards.error(title, message);
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
