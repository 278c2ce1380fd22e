package uk.nhs.hps.roster;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import uk.nhs.hps.access.Access;
import uk.nhs.hps.access.Action;
import uk.nhs.hps.access.NotFound;
import uk.nhs.hps.people.CoachAssignmentRepository;
import uk.nhs.hps.people.Cohort;
import uk.nhs.hps.people.CohortRepository;
import uk.nhs.hps.people.Person;
import uk.nhs.hps.people.PersonRepository;
import uk.nhs.hps.people.PersonStatus;
import uk.nhs.hps.people.Role;
import uk.nhs.hps.people.SponsorshipRepository;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The console's People pages: searching the roster (as the admin API's search, authorised as managing the roster)
 * and one person's page (authorised and audited as a read of their profile, as {@code GET /admin/api/people/{id}}),
 * with their sponsors and coaches over time and whether the bot can reach them in Teams.
 */
@Singleton
public class ShowingPeople {

    public static final int PAGE_SIZE = 25;
    static final String NO_ACCOUNT = "Not linked to a Microsoft account yet: no Entra object id on the roster and they"
            + " have never written to HPS Companion.";

    public record Search(@Nullable String text, @Nullable Long cohortId, @Nullable Role role, @Nullable PersonStatus status,
                         int page) {
    }

    public record Row(long id, String name, String email, Role role, PersonStatus status, @Nullable String cohort) {
    }

    public record Found(List<Row> people, int total, int page, int pages, List<CohortChoice> cohorts) {
    }

    public record CohortChoice(long id, String name) {
    }

    /** A sponsor or coach over a period; {@code until} null while current. */
    public record Pairing(long personId, String name, String email, LocalDate from, @Nullable LocalDate until) {
    }

    /** Whether the bot can write to them in Teams, and why not. */
    public record Reach(boolean reachable, String why, @Nullable Instant since) {
    }

    public record PersonPage(Person person, @Nullable String cohort, List<Pairing> sponsors, List<Pairing> coaches,
                             Reach reach) {
        public Optional<Pairing> currentSponsor() {
            return sponsors.stream().filter(p -> p.until() == null).findFirst();
        }
    }

    private final PersonRepository people;
    private final CohortRepository cohorts;
    private final SponsorshipRepository sponsorships;
    private final CoachAssignmentRepository coaching;
    private final Access access;
    private final TransactionOperations<Connection> transactions;

    ShowingPeople(PersonRepository people, CohortRepository cohorts, SponsorshipRepository sponsorships,
                  CoachAssignmentRepository coaching, Access access, TransactionOperations<Connection> transactions) {
        this.people = people;
        this.cohorts = cohorts;
        this.sponsorships = sponsorships;
        this.coaching = coaching;
        this.access = access;
        this.transactions = transactions;
    }

    /** Name or e-mail contains the text (case-insensitive), within the filters given; erased people never appear. */
    public Found search(long actorId, Search search) {
        access.require(actorId, Action.MANAGE_ROSTER, null, "console: search people");
        List<Object> parameters = new ArrayList<>();
        StringBuilder where = new StringBuilder(" FROM person WHERE anonymised_at IS NULL");
        if (search.text() != null && !search.text().isBlank()) {
            String pattern = "%" + escape(search.text().strip().toLowerCase(Locale.ROOT)) + "%";
            where.append(" AND (LOWER(display_name) LIKE ? OR email LIKE ?)");
            parameters.add(pattern);
            parameters.add(pattern);
        }
        if (search.cohortId() != null) {
            where.append(" AND cohort_id = ?");
            parameters.add(search.cohortId());
        }
        if (search.role() != null) {
            where.append(" AND role = ?");
            parameters.add(search.role().name());
        }
        if (search.status() != null) {
            where.append(" AND status = ?");
            parameters.add(search.status().name());
        }
        int total = transactions.executeRead(status -> {
            try (PreparedStatement s = status.getConnection().prepareStatement("SELECT COUNT(*)" + where)) {
                bind(s, parameters);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        });
        int pages = Math.max(1, (total + PAGE_SIZE - 1) / PAGE_SIZE);
        int page = Math.max(1, Math.min(search.page(), pages));
        List<Long> ids = transactions.executeRead(status -> {
            try (PreparedStatement s = status.getConnection().prepareStatement("SELECT id" + where
                    + " ORDER BY display_name, id LIMIT " + PAGE_SIZE + " OFFSET " + (page - 1) * PAGE_SIZE)) {
                bind(s, parameters);
                List<Long> out = new ArrayList<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getLong(1));
                    }
                }
                return out;
            }
        });
        Map<Long, Person> byId = ids.isEmpty() ? Map.of() : people.findByIdIn(ids).stream()
                .collect(Collectors.toMap(Person::id, Function.identity()));
        Map<Long, String> cohortNames = cohortNames();
        List<Row> rows = ids.stream().map(byId::get).filter(java.util.Objects::nonNull)
                .map(p -> new Row(p.id(), p.displayName(), p.email(), p.role(), p.status(),
                        p.cohortId() == null ? null : cohortNames.get(p.cohortId())))
                .toList();
        return new Found(rows, total, page, pages, cohorts());
    }

    /** Every cohort, newest first, for filters and forms. */
    public List<CohortChoice> cohorts() {
        List<CohortChoice> all = new ArrayList<>();
        cohorts.findAll().forEach(c -> all.add(new CohortChoice(c.id(), c.name())));
        all.sort(Comparator.comparing(CohortChoice::id).reversed());
        return all;
    }

    /** A person's page: a read of their profile, authorised and audited as the admin API's. */
    public PersonPage show(long actorId, long personId) {
        Person person = people.findById(personId).orElseThrow(() -> new NotFound("There is no person " + personId + "."));
        access.require(actorId, Action.VIEW_PROFILE, personId, "console: person's page");
        Map<Long, String> cohortNames = cohortNames();
        List<Pairing> sponsors = pairings(sponsorships.findByParticipantIdOrderByStartsOn(personId).stream()
                .map(s -> new Period(s.sponsorId(), s.startsOn(), s.endsOn())).toList());
        List<Pairing> coaches = pairings(coaching.findByParticipantIdOrderByStartsOn(personId).stream()
                .map(c -> new Period(c.coachId(), c.startsOn(), c.endsOn())).toList());
        return new PersonPage(person, person.cohortId() == null ? null : cohortNames.get(person.cohortId()),
                sponsors, coaches, reach(person));
    }

    /** The person on the roster with this e-mail (ignoring case), not erased; for naming a new sponsor. */
    public Optional<Person> byEmail(long actorId, @Nullable String email) {
        access.require(actorId, Action.MANAGE_ROSTER, null, "console: find a sponsor by e-mail");
        String normalised = Person.normaliseEmail(email);
        return normalised == null ? Optional.empty()
                : people.findByEmail(normalised).filter(p -> p.anonymisedAt() == null);
    }

    private record Period(long who, LocalDate from, @Nullable LocalDate until) {
    }

    /** Newest first, so the current one is at the top. */
    private List<Pairing> pairings(List<Period> periods) {
        List<Long> ids = periods.stream().map(Period::who).distinct().toList();
        Map<Long, Person> byId = ids.isEmpty() ? Map.of() : people.findByIdIn(ids).stream()
                .collect(Collectors.toMap(Person::id, Function.identity()));
        List<Pairing> out = new ArrayList<>();
        List<Period> newestFirst = new ArrayList<>(periods);
        java.util.Collections.reverse(newestFirst);
        for (Period period : newestFirst) {
            Person p = byId.get(period.who());
            boolean erased = p == null || p.anonymisedAt() != null;
            out.add(new Pairing(period.who(), erased ? "(erased)" : p.displayName(), erased ? "" : p.email(),
                    period.from(), period.until()));
        }
        return out;
    }

    /** As the cohort overview decides it: no Microsoft account known, or their latest message failed. */
    private Reach reach(Person person) {
        if (person.anonymisedAt() != null) {
            return new Reach(false, "Erased from the roster.", null);
        }
        return transactions.executeRead(status -> {
            Connection c = status.getConnection();
            boolean linked = person.aadObjectId() != null;
            if (!linked) {
                try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM teams_identity WHERE person_id = ?")) {
                    s.setLong(1, person.id());
                    try (ResultSet rs = s.executeQuery()) {
                        rs.next();
                        linked = rs.getInt(1) > 0;
                    }
                }
            }
            if (!linked) {
                return new Reach(false, NO_ACCOUNT, null);
            }
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT status, last_error, updated_at FROM outbound_message
                    WHERE person_id = ? AND status IN ('SENT', 'FAILED') ORDER BY id DESC LIMIT 1""")) {
                s.setLong(1, person.id());
                try (ResultSet rs = s.executeQuery()) {
                    if (!rs.next()) {
                        return new Reach(true, "Linked to their Microsoft account; nothing has been sent to them yet.", null);
                    }
                    Instant at = rs.getObject(3, OffsetDateTime.class).toInstant();
                    if ("FAILED".equals(rs.getString(1))) {
                        String error = rs.getString(2);
                        return new Reach(false, "Their last message was not delivered: "
                                + (error == null || error.isBlank() ? "no reason given." : error), at);
                    }
                    return new Reach(true, "Their last message was delivered.", at);
                }
            }
        });
    }

    private Map<Long, String> cohortNames() {
        Map<Long, String> names = new HashMap<>();
        for (Cohort c : cohorts.findAll()) {
            names.put(c.id(), c.name());
        }
        return names;
    }

    private static void bind(PreparedStatement s, List<Object> parameters) throws java.sql.SQLException {
        for (int i = 0; i < parameters.size(); i++) {
            s.setObject(i + 1, parameters.get(i));
        }
    }

    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
