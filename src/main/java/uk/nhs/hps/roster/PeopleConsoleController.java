package uk.nhs.hps.roster;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.RequestAttribute;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Hidden;
import uk.nhs.hps.access.Access;
import uk.nhs.hps.access.Action;
import uk.nhs.hps.access.InvalidRequest;
import uk.nhs.hps.access.NotFound;
import uk.nhs.hps.audit.AuditLog;
import uk.nhs.hps.console.ConsolePages;
import uk.nhs.hps.console.SigningIn;
import uk.nhs.hps.console.UkTime;
import uk.nhs.hps.people.DevelopmentStream;
import uk.nhs.hps.people.Person;
import uk.nhs.hps.people.PersonStatus;
import uk.nhs.hps.people.Role;
import uk.nhs.hps.people.SchemeTimeZone;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The console's People pages (page 2): search, a person's page, and the roster changes the admin API makes (add a
 * person, change sponsor, pause for leave, mark as left, resume, set the development stream). Every change is a form
 * that first shows a confirmation page and only writes when that is confirmed; it is authorised and audited as the
 * admin API's (the same {@link Access} checks, the same use cases), and a repeated post changes nothing more.
 */
@Hidden
@Controller("/console/people")
@ExecuteOn(TaskExecutors.BLOCKING)
class PeopleConsoleController {

    private static final String SECTION = "people";
    private static final String FORM = MediaType.APPLICATION_FORM_URLENCODED;

    private final ShowingPeople showing;
    private final AddingPerson adding;
    private final ChangingSponsor changingSponsor;
    private final ChangingStatus changingStatus;
    private final RecordingDevelopmentStream recordingStream;
    private final Access access;
    private final ConsolePages pages;
    private final Clock clock;

    PeopleConsoleController(ShowingPeople showing, AddingPerson adding, ChangingSponsor changingSponsor,
                            ChangingStatus changingStatus, RecordingDevelopmentStream recordingStream, Access access,
                            ConsolePages pages, Clock clock) {
        this.showing = showing;
        this.adding = adding;
        this.changingSponsor = changingSponsor;
        this.changingStatus = changingStatus;
        this.recordingStream = recordingStream;
        this.access = access;
        this.pages = pages;
        this.clock = clock;
    }

    // ---- search ----

    @Get
    MutableHttpResponse<String> search(HttpRequest<?> request, @RequestAttribute(ConsolePages.MEMBER) SigningIn.Member member,
                                       @Nullable @QueryValue String q, @Nullable @QueryValue String cohort,
                                       @Nullable @QueryValue String role, @Nullable @QueryValue String status,
                                       @Nullable @QueryValue String page) {
        ShowingPeople.Found found = showing.search(member.personId(), new ShowingPeople.Search(blank(q), number(cohort),
                parse(Role.class, role), parse(PersonStatus.class, status), Optional.ofNullable(number(page)).orElse(1L).intValue()));
        Map<String, Object> m = new HashMap<>();
        m.put("q", q == null ? "" : q);
        m.put("cohort", cohort == null ? "" : cohort);
        m.put("role", role == null ? "" : role);
        m.put("status", status == null ? "" : status);
        m.put("cohorts", found.cohorts());
        m.put("total", found.total());
        m.put("page", found.page());
        m.put("pages", found.pages());
        m.put("people", found.people().stream().map(p -> Map.of("id", p.id(), "name", p.name(), "email", p.email(),
                "role", label(p.role()), "status", label(p.status()), "cohort", p.cohort() == null ? "" : p.cohort())).toList());
        String query = "q=" + enc(q) + "&cohort=" + enc(cohort) + "&role=" + enc(role) + "&status=" + enc(status);
        m.put("previous", found.page() > 1 ? "/console/people?" + query + "&page=" + (found.page() - 1) : null);
        m.put("next", found.page() < found.pages() ? "/console/people?" + query + "&page=" + (found.page() + 1) : null);
        m.put("filtered", blank(q) != null || blank(cohort) != null || blank(role) != null || blank(status) != null);
        return pages.page(request, "roster/people", SECTION, m);
    }

    // ---- one person ----

    @Get("/{id}")
    MutableHttpResponse<String> person(HttpRequest<?> request, @RequestAttribute(ConsolePages.MEMBER) SigningIn.Member member,
                                       long id, @Nullable @QueryValue String done) {
        return personPage(request, member, id, HttpStatus.OK, Map.of(), Map.of(), done);
    }

    @Post(value = "/{id}/sponsor", consumes = FORM)
    MutableHttpResponse<String> changeSponsor(HttpRequest<?> request, @RequestAttribute(ConsolePages.MEMBER) SigningIn.Member member,
                                              long id, @Nullable String sponsorEmail, @Nullable String startsOn,
                                              @Nullable String reason, @Nullable String confirm) {
        access.require(member.personId(), Action.MANAGE_ROSTER, null, "change sponsor");
        Map<String, String> typed = typed("sponsorEmail", sponsorEmail, "startsOn", startsOn, "sponsorReason", reason);
        Map<String, String> errors = new LinkedHashMap<>();
        Optional<Person> sponsor = showing.byEmail(member.personId(), sponsorEmail);
        LocalDate from = date(startsOn, "startsOn", "the date the new sponsor starts", errors);
        if (blank(sponsorEmail) == null) {
            errors.put("sponsorEmail", "Enter the new sponsor's e-mail address.");
        } else if (sponsor.isEmpty()) {
            errors.put("sponsorEmail", "No one on the roster has that e-mail address. Add the sponsor first (a roster import adds them).");
        } else if (sponsor.get().id() == id) {
            errors.put("sponsorEmail", "A person cannot be their own sponsor.");
        }
        if (reason != null && reason.length() > 200) {
            errors.put("sponsorReason", "The reason must be 200 characters or fewer.");
        }
        if (!errors.isEmpty()) {
            return personPage(request, member, id, HttpStatus.UNPROCESSABLE_ENTITY, errors, typed, null);
        }
        ShowingPeople.PersonPage page = showing.show(member.personId(), id);
        LocalDate start = from != null ? from : today();
        if (!"yes".equals(confirm)) {
            String current = page.currentSponsor().map(s -> s.name() + " (" + s.email() + ")").orElse("nobody");
            return confirmPage(request, "Change " + page.person().displayName() + "'s sponsor?",
                    List.of("Current sponsor: " + current + ".", "New sponsor: " + sponsor.get().displayName() + " ("
                            + sponsor.get().email() + "), from " + UkTime.date(start) + ".",
                            "The current sponsorship ends that day; the history is kept."),
                    "/console/people/" + id + "/sponsor", typed("sponsorEmail", sponsor.get().email(), "startsOn", start.toString(),
                            "reason", reason), "Yes, change the sponsor", id);
        }
        try {
            changingSponsor.change(id, sponsor.get().id(), start, AuditLog.person(member.personId()), blank(reason));
        } catch (InvalidRequest e) {
            return personPage(request, member, id, HttpStatus.UNPROCESSABLE_ENTITY, Map.of("sponsorEmail", e.getMessage()), typed, null);
        }
        return done(id, "sponsor");
    }

    @Post(value = "/{id}/status", consumes = FORM)
    MutableHttpResponse<String> changeStatus(HttpRequest<?> request, @RequestAttribute(ConsolePages.MEMBER) SigningIn.Member member,
                                             long id, @Nullable String status, @Nullable String reason,
                                             @Nullable String since, @Nullable String until, @Nullable String confirm) {
        access.require(member.personId(), Action.CHANGE_STATUS, id, "change status");
        PersonStatus wanted = parse(PersonStatus.class, status);
        String prefix = wanted == PersonStatus.LEFT ? "left" : "pause";
        Map<String, String> typed = typed("status", status, prefix + "Reason", reason, prefix + "Since", since, prefix + "Until", until);
        Map<String, String> errors = new LinkedHashMap<>();
        if (wanted == null) {
            return personPage(request, member, id, HttpStatus.UNPROCESSABLE_ENTITY, Map.of("status", "Choose what to change."), typed, null);
        }
        LocalDate from = date(since, prefix + "Since", "the start date", errors);
        LocalDate to = date(until, prefix + "Until", "the expected return date", errors);
        if (wanted != PersonStatus.ACTIVE && blank(reason) == null) {
            errors.put(prefix + "Reason", wanted == PersonStatus.LEFT ? "Enter why they left the scheme." : "Enter the kind of leave, for example maternity leave.");
        } else if (reason != null && reason.length() > 200) {
            errors.put(prefix + "Reason", "The reason must be 200 characters or fewer.");
        }
        if (from != null && to != null && to.isBefore(from)) {
            errors.put(prefix + "Until", "The return date must be on or after the start date.");
        }
        if (!errors.isEmpty()) {
            return personPage(request, member, id, HttpStatus.UNPROCESSABLE_ENTITY, errors, typed, null);
        }
        ShowingPeople.PersonPage page = showing.show(member.personId(), id);
        LocalDate start = wanted == PersonStatus.ACTIVE ? null : (from != null ? from : today());
        if (!"yes".equals(confirm)) {
            String name = page.person().displayName();
            List<String> details = new ArrayList<>();
            String title;
            String button;
            if (wanted == PersonStatus.PAUSED) {
                title = "Pause " + name + " for leave?";
                details.add("Reason: " + reason.strip() + ", from " + UkTime.date(start)
                        + (to == null ? "" : " until " + UkTime.date(to)) + ".");
                details.add("While paused they are sent no nudges or prompts; they keep access to their own records.");
                button = "Yes, pause for leave";
            } else if (wanted == PersonStatus.LEFT) {
                title = "Mark " + name + " as having left the scheme?";
                details.add("Reason: " + reason.strip() + ", from " + UkTime.date(start) + ".");
                details.add("They lose access to HPS Companion and are sent nothing more. Their records are kept.");
                button = "Yes, mark as left";
            } else {
                title = "Make " + name + " active again?";
                details.add("Their status becomes active: nudges and prompts start again.");
                button = "Yes, make active";
            }
            Map<String, String> hidden = new LinkedHashMap<>();
            hidden.put("status", wanted.name());
            hidden.put("reason", reason == null ? "" : reason);
            hidden.put("since", start == null ? "" : start.toString());
            hidden.put("until", to == null ? "" : to.toString());
            return confirmPage(request, title, details, "/console/people/" + id + "/status", hidden, button, id);
        }
        try {
            changingStatus.change(id, wanted, blank(reason), start, wanted == PersonStatus.ACTIVE ? null : to,
                    AuditLog.person(member.personId()));
        } catch (InvalidRequest | uk.nhs.hps.access.Conflict e) {
            return personPage(request, member, id, HttpStatus.UNPROCESSABLE_ENTITY, Map.of("status", e.getMessage()), typed, null);
        }
        return done(id, wanted.name().toLowerCase(Locale.ROOT));
    }

    @Post(value = "/{id}/stream", consumes = FORM)
    MutableHttpResponse<String> setStream(HttpRequest<?> request, @RequestAttribute(ConsolePages.MEMBER) SigningIn.Member member,
                                          long id, @Nullable String stream, @Nullable String confirm) {
        access.require(member.personId(), Action.MANAGE_ROSTER, null, "record development stream");
        Integer number = "1".equals(stream) ? Integer.valueOf(1) : "2".equals(stream) ? Integer.valueOf(2) : null;
        if (stream != null && !stream.isBlank() && number == null) {
            return personPage(request, member, id, HttpStatus.UNPROCESSABLE_ENTITY, Map.of("stream", "Choose stream 1, stream 2 or not known."),
                    typed("stream", stream), null);
        }
        if (!"yes".equals(confirm)) {
            ShowingPeople.PersonPage page = showing.show(member.personId(), id);
            return confirmPage(request, "Record " + page.person().displayName() + "'s development stream?",
                    List.of("From: " + streamLabel(DevelopmentStream.numberOf(page.person().stream())) + ".",
                            "To: " + streamLabel(number) + "."),
                    "/console/people/" + id + "/stream", typed("stream", number == null ? "" : String.valueOf(number)),
                    "Yes, record the stream", id);
        }
        try {
            recordingStream.record(id, number, AuditLog.person(member.personId()));
        } catch (InvalidRequest e) {
            return personPage(request, member, id, HttpStatus.UNPROCESSABLE_ENTITY, Map.of("stream", e.getMessage()), typed("stream", stream), null);
        }
        return done(id, "stream");
    }

    // ---- adding a person ----

    @Get("/new")
    MutableHttpResponse<String> addForm(HttpRequest<?> request, @RequestAttribute(ConsolePages.MEMBER) SigningIn.Member member) {
        access.require(member.personId(), Action.MANAGE_ROSTER, null, "console: add a person");
        return addPage(request, HttpStatus.OK, Map.of(), Map.of());
    }

    @Post(value = "/new", consumes = FORM)
    MutableHttpResponse<String> add(HttpRequest<?> request, @RequestAttribute(ConsolePages.MEMBER) SigningIn.Member member,
                                    @Nullable String name, @Nullable String email, @Nullable String cohort,
                                    @Nullable String sponsorEmail, @Nullable String coachEmail, @Nullable String organisation,
                                    @Nullable String band, @Nullable String stream, @Nullable String confirm) {
        Map<String, String> typed = typed("name", name, "email", email, "cohort", cohort, "sponsorEmail", sponsorEmail,
                "coachEmail", coachEmail, "organisation", organisation, "band", band, "stream", stream);
        AddingPerson.NewPerson person = new AddingPerson.NewPerson(blank(name), blank(email), number(cohort), blank(sponsorEmail),
                blank(coachEmail), blank(organisation), blank(band), blank(stream));
        if (!"yes".equals(confirm)) {
            Map<String, String> errors = adding.check(member.personId(), person);
            if (!errors.isEmpty()) {
                return addPage(request, HttpStatus.UNPROCESSABLE_ENTITY, errors, typed);
            }
            Optional<Long> already = adding.existing(email);
            if (already.isPresent()) {
                return addPage(request, HttpStatus.UNPROCESSABLE_ENTITY, Map.of("email",
                        "Someone with this e-mail address is already on the roster."), typed);
            }
            String cohortName = showing.cohorts().stream().filter(c -> c.id() == person.cohortId()).findFirst()
                    .map(ShowingPeople.CohortChoice::name).orElse("");
            List<String> details = new ArrayList<>(List.of("E-mail: " + Person.normaliseEmail(email) + ".", "Cohort: " + cohortName + ".",
                    "Sponsor: " + Person.normaliseEmail(sponsorEmail) + " (added to the roster as a sponsor if they are not on it)."));
            if (person.coachEmail() != null) {
                details.add("Coach: " + Person.normaliseEmail(coachEmail) + ".");
            }
            details.add("Development stream: " + streamLabel(person.stream() == null ? null : Integer.valueOf(person.stream())) + ".");
            return confirmPage(request, "Add " + name.strip() + " to the roster as a participant?", details,
                    "/console/people/new", typed, "Yes, add them", null);
        }
        AddingPerson.Outcome outcome = adding.add(member.personId(), person);
        if (outcome instanceof AddingPerson.Invalid invalid) {
            return addPage(request, HttpStatus.UNPROCESSABLE_ENTITY, invalid.errors(), typed);
        }
        if (outcome instanceof AddingPerson.AlreadyOnRoster already) {
            return done(already.personId(), "exists");
        }
        return done(((AddingPerson.Added) outcome).personId(), "added");
    }

    // ---- pages ----

    private MutableHttpResponse<String> personPage(HttpRequest<?> request, SigningIn.Member member, long id, HttpStatus status,
                                                   Map<String, String> errors, Map<String, String> typed, @Nullable String done) {
        ShowingPeople.PersonPage page;
        try {
            page = showing.show(member.personId(), id);
        } catch (NotFound e) {
            return pages.render(request, HttpStatus.NOT_FOUND, "roster/not-found", SECTION,
                    Map.of("why", e.getMessage(), "back", "/console/people", "backText", "Find a person"));
        }
        Person p = page.person();
        if (p.anonymisedAt() != null) {
            return pages.render(request, HttpStatus.NOT_FOUND, "roster/not-found", SECTION,
                    Map.of("why", "This person was erased on " + UkTime.dateTime(p.anonymisedAt())
                            + ". Nothing that identifies them is kept.", "back", "/console/people", "backText", "Find a person"));
        }
        Map<String, Object> m = new HashMap<>();
        m.put("id", p.id());
        m.put("name", p.displayName());
        m.put("email", p.email());
        m.put("role", label(p.role()));
        m.put("participant", p.role() == Role.PARTICIPANT);
        m.put("status", label(p.status()));
        m.put("statusCode", p.status().name());
        m.put("statusReason", p.statusReason());
        m.put("statusSince", p.statusSince() == null ? null : UkTime.date(p.statusSince()));
        m.put("statusUntil", p.statusUntil() == null ? null : UkTime.date(p.statusUntil()));
        m.put("cohort", page.cohort());
        m.put("cohortId", p.cohortId());
        m.put("stream", streamLabel(DevelopmentStream.numberOf(p.stream())));
        m.put("streamNumber", DevelopmentStream.numberOf(p.stream()) == null ? "" : String.valueOf(DevelopmentStream.numberOf(p.stream())));
        m.put("organisation", p.organisation());
        m.put("payBand", p.band());
        m.put("erased", p.anonymisedAt() != null);
        m.put("sponsors", pairings(page.sponsors()));
        m.put("coaches", pairings(page.coaches()));
        m.put("reachable", page.reach().reachable());
        m.put("reachWhy", page.reach().why());
        m.put("reachSince", page.reach().since() == null ? null : UkTime.dateTime(page.reach().since()));
        m.put("done", done == null ? null : doneMessage(done, p.displayName()));
        m.put("errors", errors);
        m.put("form", typed);
        m.put("today", today().toString());
        return pages.render(request, status, "roster/person", SECTION, m);
    }

    private MutableHttpResponse<String> addPage(HttpRequest<?> request, HttpStatus status, Map<String, String> errors,
                                                Map<String, String> typed) {
        Map<String, Object> m = new HashMap<>();
        m.put("errors", errors);
        m.put("form", typed);
        m.put("cohorts", showing.cohorts());
        return pages.render(request, status, "roster/add", SECTION, m);
    }

    private MutableHttpResponse<String> confirmPage(HttpRequest<?> request, String title, List<String> details, String action,
                                                    Map<String, String> hidden, String button, @Nullable Long back) {
        Map<String, Object> m = new HashMap<>();
        m.put("heading", title);
        m.put("details", details);
        m.put("action", action);
        m.put("hidden", hidden.entrySet().stream().map(e -> Map.of("name", e.getKey(),
                "value", e.getValue() == null ? "" : e.getValue())).toList());
        m.put("button", button);
        m.put("back", back == null ? "/console/people" : "/console/people/" + back);
        return pages.page(request, "roster/confirm-change", SECTION, m);
    }

    private static List<Map<String, Object>> pairings(List<ShowingPeople.Pairing> pairings) {
        return pairings.stream().map(s -> {
            Map<String, Object> row = new HashMap<>();
            row.put("id", s.personId());
            row.put("name", s.name());
            row.put("email", s.email());
            row.put("from", UkTime.date(s.from()));
            row.put("until", s.until() == null ? "now" : UkTime.date(s.until()));
            row.put("current", s.until() == null);
            return row;
        }).toList();
    }

    private static String doneMessage(String done, String name) {
        return switch (done) {
            case "sponsor" -> "The sponsor was changed.";
            case "paused" -> name + " is paused for leave.";
            case "left" -> name + " is marked as having left the scheme.";
            case "active" -> name + " is active again.";
            case "stream" -> "The development stream was recorded.";
            case "added" -> name + " was added to the roster.";
            case "exists" -> name + " is already on the roster, so nobody was added.";
            default -> null;
        };
    }

    private MutableHttpResponse<String> done(long id, String what) {
        return HttpResponse.<String>seeOther(URI.create("/console/people/" + id + "?done=" + what));
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), SchemeTimeZone.ZONE);
    }

    @Nullable
    private static LocalDate date(@Nullable String text, String field, String what, Map<String, String> errors) {
        if (blank(text) == null) {
            return null;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            errors.put(field, "Enter " + what + " as a real date.");
            return null;
        }
    }

    private static Map<String, String> typed(String... pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1] == null ? "" : pairs[i + 1]);
        }
        return m;
    }

    static String label(Enum<?> value) {
        return value.name().replace('_', ' ').toLowerCase(Locale.UK);
    }

    private static String streamLabel(@Nullable Integer stream) {
        return stream == null ? "not known" : "stream " + stream;
    }

    @Nullable
    private static String blank(@Nullable String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    @Nullable
    private static Long number(@Nullable String text) {
        try {
            return blank(text) == null ? null : Long.valueOf(text.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    @Nullable
    private static <E extends Enum<E>> E parse(Class<E> type, @Nullable String text) {
        try {
            return blank(text) == null ? null : Enum.valueOf(type, text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String enc(@Nullable String text) {
        return text == null ? "" : URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
