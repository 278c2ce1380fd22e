package uk.nhs.hps.conversation;

import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import uk.nhs.hps.access.Access;
import uk.nhs.hps.people.Person;
import uk.nhs.hps.people.Role;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The welcome and help cards: what this person can do, by their role in the scheme. */
@Singleton
public class HelpCard {

    private static final String HELP_MARKER = "\"id\":\"hps-help-title\"";

    private final CardTemplates templates;
    private final Provider<Router> router;
    private final Access access;

    HelpCard(CardTemplates templates, Provider<Router> router, Access access) {
        this.templates = templates;
        this.router = router;
        this.access = access;
    }

    public Reply help(Turn turn) {
        return Reply.card(templates.render("help", data(turn, false)));
    }

    public Reply welcome(Turn turn) {
        return Reply.card(templates.render("help", data(turn, true)));
    }

    boolean isHelpCard(Reply reply) {
        return reply instanceof Reply.Card card && card.json().contains(HELP_MARKER);
    }

    private Map<String, Object> data(Turn turn, boolean welcome) {
        List<Map<String, Object>> everyone = new ArrayList<>();
        List<Map<String, Object>> mine = new ArrayList<>();
        everyone.add(Map.of("command", "Ask a question", "description",
                Markdown.of("Type any question about the High Potential Scheme, e.g. *how long is the scheme?*")));
        for (HelpEntry entry : router.get().helpEntries()) {
            if (entry.shownTo(role(turn))) {
                (entry.roles().isEmpty() ? everyone : mine)
                        .add(Map.of("command", entry.command(), "description", Markdown.of(entry.description())));
            }
        }
        everyone.add(Map.of("command", "help", "description", "Show this list again."));
        Set<String> known = router.get().knownCommands();
        List<Map<String, Object>> buttons = role(turn).map(r -> COMMON.getOrDefault(r, List.of())).orElse(List.of()).stream()
                .filter(known::contains).map(c -> Map.<String, Object>of("command", c)).toList();
        Map<String, Object> data = new HashMap<>();
        data.put("title", welcome ? "Welcome to HPS Companion, " + turn.firstName() : "What I can do for you");
        data.put("intro", Markdown.of(welcome
                ? "I'm the NHS High Potential Scheme's assistant in Teams. I can answer questions about the scheme"
                  + " and, once you're on the scheme roster, help with sponsor meetings, your reflective log and"
                  + " career conversations. " + roleLine(role(turn))
                : roleLine(role(turn))));
        data.put("mineHeading", role(turn).map(HelpCard::heading).orElse(""));
        data.put("mine", mine);
        data.put("entries", everyone);
        data.put("buttons", buttons);
        data.put("notOnRoster", turn.person().isEmpty());
        return data;
    }

    /**
     * The role whose commands to offer: none for someone who has left, and not the programme team's for someone
     * no longer on it ({@code person.role} is not changed by removal; membership is what counts).
     */
    private Optional<Role> role(Turn turn) {
        Optional<Person> person = turn.person().filter(Access::mayAct);
        return person.map(Person::role)
                .filter(r -> r != Role.PROGRAMME_TEAM || access.isProgrammeTeam(person.get().id()));
    }

    /** The commands a person of each role uses most, as buttons (each sends the command as if typed). */
    private static final Map<Role, List<String>> COMMON = Map.of(
            Role.PARTICIPANT, List.of("log reflection", "my reflections", "meeting"),
            Role.SPONSOR, List.of("meeting", "shared reflections", "talent reviews"),
            Role.PROGRAMME_TEAM, List.of("announce", "faq gaps"));

    private static String heading(Role role) {
        return switch (role) {
            case PARTICIPANT -> "For you as a participant";
            case SPONSOR -> "For you as a sponsor";
            case COACH -> "For you as a coach";
            case PROGRAMME_TEAM -> "For you on the programme team";
        };
    }

    private static String roleLine(Optional<Role> shown) {
        return shown.map(role -> switch (role) {
            case PARTICIPANT -> "You're a participant on the scheme.";
            case SPONSOR -> "You're a sponsor on the scheme.";
            case COACH -> "You're a coach on the scheme. Coaching sessions aren't arranged or recorded in this chat;"
                    + " you can ask me anything about the scheme and use the commands below.";
            case PROGRAMME_TEAM -> "You're on the programme team.";
        }).orElse("You can ask me anything about the High Potential Scheme.");
    }
}
