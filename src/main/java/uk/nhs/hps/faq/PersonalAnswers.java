package uk.nhs.hps.faq;

import jakarta.inject.Singleton;
import uk.nhs.hps.access.Access;
import uk.nhs.hps.access.Action;
import uk.nhs.hps.people.CoachAssignment;
import uk.nhs.hps.people.CoachAssignmentRepository;
import uk.nhs.hps.people.Person;
import uk.nhs.hps.people.PersonRepository;
import uk.nhs.hps.people.Sponsorship;
import uk.nhs.hps.people.SponsorshipRepository;

import java.util.List;
import java.util.Optional;

/**
 * Answers "who is my sponsor?", "who is my coach?", "when is my next meeting?" from the asker's own roster
 * records, never from the generic FAQ entry. Only the asker's own records are read, and only after
 * {@link Access} agrees that they may see their own profile (people who have left may not).
 */
@Singleton
class PersonalAnswers {

    private final Access access;
    private final PersonRepository people;
    private final SponsorshipRepository sponsorships;
    private final CoachAssignmentRepository coaching;

    PersonalAnswers(Access access, PersonRepository people, SponsorshipRepository sponsorships,
                    CoachAssignmentRepository coaching) {
        this.access = access;
        this.people = people;
        this.sponsorships = sponsorships;
        this.coaching = coaching;
    }

    String answer(Optional<Person> asker, FaqReader.Personal about) {
        if (asker.isEmpty()) {
            return "I can't find you on the scheme's roster, so I have no " + what(about) + " to look up for you. If you"
                    + " are on the High Potential Scheme, ask the programme team to add you.";
        }
        Person me = asker.get();
        if (!access.may(me.id(), Action.VIEW_PROFILE, me.id())) {
            return "Your place on the scheme's roster is no longer active, so I can't look that up. The programme team can help.";
        }
        return switch (about) {
            case SPONSOR -> sponsor(me).map(s -> "Your sponsor is **" + s.displayName() + "** (" + s.email() + ").")
                    .orElse("You don't have a sponsor on the roster yet. The programme team records sponsors; ask them if"
                            + " you think one should be there.");
            case COACH -> coach(me).map(c -> "Your career coach is **" + c.displayName() + "** (" + c.email() + ")."
                            + " You arrange your coaching sessions with them directly.")
                    .orElse("You don't have a career coach on the roster yet. Coaches are assigned by the programme team.");
            case MEETING -> sponsor(me).map(s -> "You meet your sponsor **" + s.displayName() + "** every month. Type"
                            + " **meetings** to see whether this month's meeting is booked or recorded, and **meeting** to record it.")
                    .orElse("You don't have a sponsor on the roster yet, so there are no sponsor meetings to show.");
            case ENROLMENT -> "I don't hold your stream or placement in my records. Your sponsor or the programme team can"
                    + " tell you; for how streams and placements work in general, just ask me.";
        };
    }

    private Optional<Person> sponsor(Person me) {
        List<Sponsorship> current = sponsorships.findByParticipantIdOrderByStartsOn(me.id()).stream()
                .filter(Sponsorship::isCurrent).toList();
        return current.isEmpty() ? Optional.empty() : people.findById(current.get(current.size() - 1).sponsorId());
    }

    private Optional<Person> coach(Person me) {
        List<CoachAssignment> current = coaching.findByParticipantIdOrderByStartsOn(me.id()).stream()
                .filter(c -> c.endsOn() == null).toList();
        return current.isEmpty() ? Optional.empty() : people.findById(current.get(current.size() - 1).coachId());
    }

    private static String what(FaqReader.Personal about) {
        return switch (about) {
            case SPONSOR -> "sponsor";
            case COACH -> "coach";
            case MEETING -> "sponsor meetings";
            case ENROLMENT -> "stream or placement";
        };
    }
}
