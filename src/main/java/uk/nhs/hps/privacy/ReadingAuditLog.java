package uk.nhs.hps.privacy;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import uk.nhs.hps.access.Access;
import uk.nhs.hps.access.Action;
import uk.nhs.hps.audit.AuditEvent;
import uk.nhs.hps.audit.AuditLog;
import uk.nhs.hps.csv.CsvCells;
import uk.nhs.hps.people.Person;
import uk.nhs.hps.people.PersonRepository;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The programme team reads the audit log, filtered by who acted, what they did, whose data and when (dates in UK
 * time), a page at a time or as CSV. Authorised as the admin API's {@code GET /admin/api/audit}
 * ({@code VIEW_AUDIT_LOG}); like it, an allowed read is not itself written to the log (a refusal is). People are
 * named by their current name; the log itself holds only ids.
 */
@Singleton
public class ReadingAuditLog {

    public static final int PAGE_SIZE = 50;
    /** A CSV holds at most this many lines, latest first; the page says when a filter matches more. */
    public static final int CSV_LIMIT = 50_000;
    private static final ZoneId UK = ZoneId.of("Europe/London");
    private static final Pattern NUMBER = Pattern.compile("\\d{1,18}");
    private static final Pattern PERSON_ACTOR = Pattern.compile("person:(\\d{1,18})");
    private static final DateTimeFormatter CSV_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss", Locale.UK);

    /** The filters as typed; blank means any. */
    public record Query(@Nullable String who, @Nullable String action, @Nullable String whose, @Nullable String from,
                        @Nullable String to, int page) {
    }

    /** One line of the log with the people it names. */
    public record Line(long id, Instant at, String actor, @Nullable String actorName, String action,
                       @Nullable Long subjectId, @Nullable String subjectName, @Nullable String detail,
                       @Nullable String correlationId) {
    }

    /** A page of lines; {@code errors} (field to message) when a filter could not be read, and then no lines. */
    public record Found(List<Line> lines, int total, int page, int pages, List<String> actions, Map<String, String> errors) {
    }

    private final AuditLog audit;
    private final PersonRepository people;
    private final Access access;

    ReadingAuditLog(AuditLog audit, PersonRepository people, Access access) {
        this.audit = audit;
        this.people = people;
        this.access = access;
    }

    public Found read(long actorId, Query query) {
        access.require(actorId, Action.VIEW_AUDIT_LOG, null, "console: audit log");
        List<String> actions = audit.actions();
        Map<String, String> errors = new LinkedHashMap<>();
        Optional<AuditLog.Filter> filter = filter(query, actions, errors);
        if (filter.isEmpty()) {
            return new Found(List.of(), 0, 1, 1, actions, errors);
        }
        int total = audit.count(filter.get());
        int pages = Math.max(1, (total + PAGE_SIZE - 1) / PAGE_SIZE);
        int page = Math.max(1, Math.min(query.page(), pages));
        return new Found(named(audit.search(filter.get(), (page - 1) * PAGE_SIZE, PAGE_SIZE)), total, page, pages, actions, Map.of());
    }

    /** The matching lines as CSV (latest first, at most {@link #CSV_LIMIT}); empty when a filter could not be read. */
    public Optional<String> csv(long actorId, Query query) {
        access.require(actorId, Action.VIEW_AUDIT_LOG, null, "console: audit log CSV");
        Optional<AuditLog.Filter> filter = filter(query, audit.actions(), new HashMap<>());
        if (filter.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder csv = new StringBuilder("id,when_uk,actor,actor_name,action,subject_person_id,subject_name,detail,correlation_id\r\n");
        for (Line l : named(audit.search(filter.get(), 0, CSV_LIMIT))) {
            csv.append(String.join(",", cell(String.valueOf(l.id())), cell(CSV_TIME.format(l.at().atZone(UK))), cell(l.actor()),
                    cell(l.actorName()), cell(l.action()), cell(l.subjectId() == null ? "" : String.valueOf(l.subjectId())),
                    cell(l.subjectName()), cell(l.detail()), cell(l.correlationId()))).append("\r\n");
        }
        return Optional.of(csv.toString());
    }

    private Optional<AuditLog.Filter> filter(Query q, List<String> actions, Map<String, String> errors) {
        String actor = null;
        String who = blank(q.who());
        if (who != null) {
            if (NUMBER.matcher(who).matches()) {
                actor = AuditLog.person(Long.parseLong(who));
            } else if (who.contains("@")) {
                Optional<Person> p = byEmail(who);
                if (p.isEmpty()) {
                    errors.put("who", "No one on the roster has the e-mail address " + who + ".");
                } else {
                    actor = AuditLog.person(p.get().id());
                }
            } else if (who.chars().anyMatch(Character::isWhitespace)) {
                // a name: the log holds ids, so say what it can be searched by rather than find nothing
                errors.put("who", "Enter an e-mail address, a person number or a system name such as system:retention.");
            } else {
                actor = who;
            }
        }
        String action = blank(q.action());
        if (action != null && !actions.contains(action)) {
            errors.put("action", "Choose an action from the list.");
        }
        Long subject = null;
        String whose = blank(q.whose());
        if (whose != null) {
            if (NUMBER.matcher(whose).matches()) {
                subject = Long.parseLong(whose);
            } else {
                Optional<Person> p = byEmail(whose);
                if (p.isEmpty()) {
                    errors.put("whose", whose.contains("@") ? "No one on the roster has the e-mail address " + whose + "."
                            : "Enter an e-mail address or a person number, for example 42.");
                } else {
                    subject = p.get().id();
                }
            }
        }
        LocalDate from = date(q.from(), "from", "the first day", errors);
        LocalDate to = date(q.to(), "to", "the last day", errors);
        if (from != null && to != null && to.isBefore(from)) {
            errors.put("to", "The last day must be the same as or after the first day.");
        }
        if (!errors.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new AuditLog.Filter(actor, action, subject,
                from == null ? null : from.atStartOfDay(UK).toInstant(),
                to == null ? null : to.plusDays(1).atStartOfDay(UK).toInstant()));
    }

    private Optional<Person> byEmail(String email) {
        String normalised = Person.normaliseEmail(email);
        return normalised == null ? Optional.empty() : people.findByEmail(normalised);
    }

    /** The people a page names, in one query: erased people are "(erased)". */
    private List<Line> named(List<AuditEvent> events) {
        Set<Long> ids = events.stream().flatMap(e -> java.util.stream.Stream.of(personOf(e.actor()), e.subjectPersonId()))
                .filter(java.util.Objects::nonNull).collect(Collectors.toSet());
        Map<Long, String> names = new HashMap<>();
        if (!ids.isEmpty()) {
            people.findByIdIn(ids).forEach(p -> names.put(p.id(), p.anonymisedAt() == null ? p.displayName() : "(erased)"));
        }
        return events.stream().map(e -> {
            Long actorId = personOf(e.actor());
            return new Line(e.id(), e.occurredAt(), e.actor(), actorId == null ? null : names.get(actorId), e.action(),
                    e.subjectPersonId(), e.subjectPersonId() == null ? null : names.get(e.subjectPersonId()), e.detail(),
                    e.correlationId());
        }).toList();
    }

    @Nullable
    private static Long personOf(String actor) {
        var m = PERSON_ACTOR.matcher(actor == null ? "" : actor);
        return m.matches() ? Long.valueOf(m.group(1)) : null;
    }

    @Nullable
    private static LocalDate date(@Nullable String text, String field, String what, Map<String, String> errors) {
        if (blank(text) == null) {
            return null;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            errors.put(field, "Enter " + what + " as a real date, for example 2027-05-03.");
            return null;
        }
    }

    @Nullable
    private static String blank(@Nullable String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static String cell(@Nullable String value) {
        String safe = CsvCells.neutralise(value == null ? "" : value);
        return "\"" + safe.replace("\"", "\"\"") + "\"";
    }
}
