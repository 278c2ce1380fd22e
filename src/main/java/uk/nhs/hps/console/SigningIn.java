package uk.nhs.hps.console;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import uk.nhs.hps.access.Access;
import uk.nhs.hps.access.SignInIdentities;
import uk.nhs.hps.audit.AuditLog;
import uk.nhs.hps.people.Person;
import uk.nhs.hps.people.PersonRepository;

import java.util.List;
import java.util.Optional;

/**
 * Signing in to the console and finding who is signed in. Only current programme-team members get a session, and
 * membership is asked again on every request ({@link #current}), so a member removed from the team loses the console
 * at their next click.
 */
@Singleton
public class SigningIn {

    public static final String SIGN_IN = "CONSOLE_SIGN_IN";
    public static final String SIGN_OUT = "CONSOLE_SIGN_OUT";

    /** A signed-in programme-team member, as every console page sees them. */
    public record Member(long personId, String displayName, String csrfToken, ConsoleSessions.Via via) {
    }

    /** The outcome of a request's session cookie. */
    public sealed interface Current permits SignedIn, NotSignedIn, NotAMember {
    }

    public record SignedIn(Member member) implements Current {
    }

    public record NotSignedIn() implements Current {
    }

    /**
     * Signed in, but no longer (or never) a current programme-team member. The session's CSRF token and how it was
     * opened are kept so that the 403 page can still offer a working sign-out, worded for a browser or the Teams tab.
     */
    public record NotAMember(String displayName, String csrfToken, ConsoleSessions.Via via) implements Current {
    }

    /** The outcome of a sign-in. */
    public sealed interface Outcome permits Opened, Refused, Failed {
    }

    /** Signed in; {@code returnTo} is the console page they were on their way to, if any. */
    public record Opened(String cookieValue, Member member, @Nullable String returnTo) implements Outcome {
    }

    /** The sign-in itself went wrong (expired, replayed, Microsoft unreachable): why, for the person. */
    public record Failed(String why) implements Outcome {
    }

    /** Not a programme-team member, or a token that names nobody on the roster. */
    public record Refused(@Nullable String displayName) implements Outcome {
    }

    /** A roster person the dev sign-in offers. */
    public record Candidate(long id, String displayName, String email, String role, boolean programmeTeam) {
    }

    private final ConsoleSessions sessions;
    private final EntraSignIn entra;
    private final TeamsTokens teams;
    private final SignInIdentities identities;
    private final PersonRepository people;
    private final Access access;
    private final AuditLog audit;

    SigningIn(ConsoleSessions sessions, EntraSignIn entra, TeamsTokens teams, SignInIdentities identities,
              PersonRepository people, Access access, AuditLog audit) {
        this.sessions = sessions;
        this.entra = entra;
        this.teams = teams;
        this.identities = identities;
        this.people = people;
        this.access = access;
        this.audit = audit;
    }

    boolean entraConfigured() {
        return entra.configured();
    }

    /** Where to send the browser to sign in with Entra ID, and the state cookie that ties the answer to it. */
    EntraSignIn.Redirect beginEntra(@Nullable String returnTo) throws EntraSignIn.Failed {
        return entra.begin(returnTo);
    }

    /** Entra ID's answer: the person is identified by object id (the tenant checked with the token). */
    Outcome completeEntra(@Nullable String code, @Nullable String state, @Nullable String stateCookie) {
        EntraSignIn.Identity identity;
        try {
            identity = entra.complete(code, state, stateCookie);
        } catch (EntraSignIn.Failed e) {
            return new Failed(e.getMessage());
        }
        return open(identities.personOf(identity.objectId(), identity.email(), "console"), ConsoleSessions.Via.ENTRA,
                identity.returnTo());
    }

    /**
     * The Teams tab's single sign-on: the access token Teams gave the tab, checked like the admin API's tokens; the
     * person is identified by object id as in the browser sign-in, and must be a current programme-team member.
     */
    Outcome withTeams(@Nullable String token) {
        TeamsTokens.Identity identity;
        try {
            identity = teams.verify(token);
        } catch (TeamsTokens.Refused e) {
            return new Failed(e.getMessage());
        }
        return open(identities.personOf(identity.objectId(), identity.email(), "console Teams tab"), ConsoleSessions.Via.TEAMS, null);
    }

    /** The dev environment's "act as": the controller exists only in dev. */
    Outcome asDev(long personId) {
        return open(people.findById(personId), ConsoleSessions.Via.DEV, null);
    }

    private Outcome open(Optional<Person> person, ConsoleSessions.Via via, @Nullable String returnTo) {
        if (person.isEmpty() || !access.isProgrammeTeam(person.get().id())) {
            return new Refused(person.map(Person::displayName).orElse(null));
        }
        long id = person.get().id();
        ConsoleSessions.Opened opened = sessions.open(id, via);
        audit.record(AuditLog.person(id), SIGN_IN, id, "console: signed in (" + via.name().toLowerCase(java.util.Locale.ROOT) + ")");
        return new Opened(opened.cookieValue(), new Member(id, person.get().displayName(), opened.session().csrfToken(), via),
                returnTo);
    }

    public Current current(@Nullable String cookieValue) {
        Optional<ConsoleSessions.Session> session = sessions.find(cookieValue);
        if (session.isEmpty()) {
            return new NotSignedIn();
        }
        Optional<Person> person = people.findById(session.get().personId());
        if (person.isEmpty()) {
            return new NotSignedIn();
        }
        if (!access.isProgrammeTeam(person.get().id())) {
            return new NotAMember(person.get().displayName(), session.get().csrfToken(), session.get().via());
        }
        return new SignedIn(new Member(person.get().id(), person.get().displayName(), session.get().csrfToken(),
                session.get().via()));
    }

    void signOut(@Nullable String cookieValue, @Nullable Long personId) {
        sessions.end(cookieValue);
        if (personId != null) {
            audit.record(AuditLog.person(personId), SIGN_OUT, personId, "console: signed out");
        }
    }

    /** Everyone on the roster the dev sign-in can act as (programme team first), at most {@code limit}. */
    List<Candidate> devCandidates(int limit) {
        return people.search("%", limit, 0).stream()
                .filter(p -> p.anonymisedAt() == null)
                .map(p -> new Candidate(p.id(), p.displayName(), p.email(), p.role().name(), access.isProgrammeTeam(p.id())))
                .sorted(java.util.Comparator.comparing((Candidate c) -> !c.programmeTeam()).thenComparing(Candidate::displayName))
                .toList();
    }
}
