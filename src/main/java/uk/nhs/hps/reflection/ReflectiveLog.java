package uk.nhs.hps.reflection;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.exceptions.OptimisticLockException;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import uk.nhs.hps.access.Access;
import uk.nhs.hps.access.Action;
import uk.nhs.hps.conversation.Reply;
import uk.nhs.hps.delivery.Outbox;
import uk.nhs.hps.people.CareerTransition;
import uk.nhs.hps.people.DevelopmentStream;
import uk.nhs.hps.people.Person;
import uk.nhs.hps.people.PersonRepository;
import uk.nhs.hps.people.SchemeTimeZone;
import uk.nhs.hps.people.Sponsorship;
import uk.nhs.hps.people.SponsorshipRepository;
import uk.nhs.hps.scheme.Transitions;
import uk.nhs.hps.store.Savepoints;

import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The reflective log: saving, editing (earlier versions kept), soft deletion with a 30-day undo, listing
 * with filters, and what the reflective prompts need to know. Every method takes the acting person and
 * checks through {@link Access} before touching someone's entries.
 */
@Singleton
class ReflectiveLog implements ReflectionLog {

    static final Duration UNDO_WINDOW = Duration.ofDays(30);
    static final int PAGE_SIZE = 5;
    private static final ObjectMapper JSON = new ObjectMapper();

    enum Outcome { SAVED, ALREADY_SAVED, CHANGED_SINCE_OPENED, NOT_FOUND }

    record Saved(Outcome outcome, @Nullable ReflectionEntry entry) {
    }

    /** Which entries to list: a dimension key and/or a month, either may be null. */
    record Filter(@Nullable String dimension, @Nullable YearMonth month) {
        static final Filter NONE = new Filter(null, null);

        boolean matches(ReflectionEntry e) {
            return (dimension == null || e.dimensionKeys().contains(dimension))
                    && (month == null || YearMonth.from(e.experiencedOn()).equals(month));
        }
    }

    private final ReflectionStore.Entries entries;
    private final ReflectionStore.Revisions revisions;
    private final TransactionOperations<Connection> transactions;
    private final Access access;
    private final SponsorshipRepository sponsorships;
    private final PersonRepository people;
    private final Outbox outbox;
    private final ReflectionCards cards;
    private final ReflectionDefinitions definitions;
    private final Transitions transitions;
    private final Clock clock;

    ReflectiveLog(ReflectionStore.Entries entries, ReflectionStore.Revisions revisions,
                  TransactionOperations<Connection> transactions, Access access, SponsorshipRepository sponsorships,
                  PersonRepository people, Outbox outbox, ReflectionCards cards, ReflectionDefinitions definitions,
                  Transitions transitions, Clock clock) {
        this.transitions = transitions;
        this.entries = entries;
        this.revisions = revisions;
        this.transactions = transactions;
        this.access = access;
        this.sponsorships = sponsorships;
        this.people = people;
        this.outbox = outbox;
        this.cards = cards;
        this.definitions = definitions;
        this.clock = clock;
    }

    // ---- ReflectionLog, for the reflective prompts

    @Override
    public Optional<Instant> lastEntryAt(long participantId) {
        return entries.lastCreatedAt(participantId);
    }

    @Override
    public int entriesBetween(long participantId, Instant from, Instant to) {
        return (int) entries.countCreatedBetween(participantId, from, to);
    }

    @Override
    public Reply newEntryCard(long participantId) {
        return newEntryCard(participantId, null);
    }

    @Override
    public Reply newEntryCard(long participantId, @Nullable String keyExperience) {
        CareerTransition transition = transitionOf(participantId);
        boolean known = keyExperience != null && transition != null
                && transitions.of(transition).keyExperience(keyExperience).isPresent();
        return cards.newEntry(null, today(participantId), known ? Map.of("keyExperiences", keyExperience) : Map.of(),
                transition);
    }

    @Override
    public Map<String, Integer> keyExperienceCounts(long participantId) {
        CareerTransition transition = transitionOf(participantId);
        Map<String, Integer> counts = new LinkedHashMap<>();
        if (transition == null) {
            return counts;
        }
        transitions.of(transition).keyExperiences().forEach(k -> counts.put(k.key(), 0));
        for (ReflectionEntry e : entries.live(participantId)) {
            if (e.transition() == transition) {
                e.keyExperienceKeys().forEach(k -> counts.computeIfPresent(k, (key, n) -> n + 1));
            }
        }
        return counts;
    }

    /** The career transition of the participant's recorded development stream; null when none is recorded. */
    @Nullable
    CareerTransition transitionOf(long personId) {
        return people.findById(personId).map(Person::stream).map(DevelopmentStream::transition).orElse(null);
    }

    // ---- what the chat asks for

    /** Whether the person keeps a reflective log (participants do). */
    boolean mayKeepALog(long personId) {
        return access.may(personId, Action.VIEW_PRIVATE_REFLECTIONS, personId);
    }

    /** What happened to a reflective-log card submitted with Save. */
    sealed interface Written {
        /** The form breaks a rule (a missing title, a date in the future...): nothing was saved. */
        record Invalid(ReflectionForm form, LocalDate today, List<String> problems) implements Written {
        }

        /** The text may identify a patient and the author has not confirmed it does not: nothing was saved. */
        record MayIdentifyAPatient(ReflectionForm form, LocalDate today, List<String> warnings) implements Written {
        }

        /** Saved, as a new entry or an edit; sponsors told is how many sponsors were sent a note of a newly shared entry. */
        record Kept(ReflectionEntry entry, boolean edited, int sponsorsTold) implements Written {
        }

        record AlreadySaved(ReflectionEntry entry) implements Written {
        }

        record ChangedSinceOpened() implements Written {
        }

        record NotFound() implements Written {
        }

        record NotYours() implements Written {
        }
    }

    /**
     * Checks and saves a submitted entry: the form's rules, then (unless the author confirmed) the patient-data
     * scan, then the save; sponsors hear of an entry when it becomes shared, not on every edit.
     */
    Written write(long personId, ReflectionForm form) {
        if (!mayKeepALog(personId)) {
            return new Written.NotYours();
        }
        LocalDate today = today(personId);
        List<String> problems = form.problems(definitions, transitions, today);
        if (!problems.isEmpty()) {
            return new Written.Invalid(form, today, problems);
        }
        if (!form.confirmed()) {
            List<String> warnings = PatientDataDetector.scan(form.freeText(), today.getYear()).stream()
                    .map(f -> f.describe(f.field())).distinct().toList();
            if (!warnings.isEmpty()) {
                return new Written.MayIdentifyAPatient(form, today, warnings);
            }
        }
        boolean wasShared = form.entryId() != null && ownLive(personId, form.entryId())
                .map(ReflectionEntry::sharedWithSponsor).orElse(false);
        Saved saved = save(personId, form);
        return switch (saved.outcome()) {
            case SAVED -> new Written.Kept(saved.entry(), form.entryId() != null,
                    wasShared ? 0 : notifySponsors(personId, saved.entry()));
            case ALREADY_SAVED -> new Written.AlreadySaved(saved.entry());
            case CHANGED_SINCE_OPENED -> new Written.ChangedSinceOpened();
            case NOT_FOUND -> new Written.NotFound();
        };
    }

    /** One page of the person's own entries matching a filter, and the months they have entries in, newest first. */
    record Page(List<ReflectionEntry> shown, int page, int pages, int matching, Filter filter, List<YearMonth> months) {
    }

    /** Empty for someone who keeps no reflective log. */
    Optional<Page> page(long personId, Filter filter, int page) {
        if (!mayKeepALog(personId)) {
            return Optional.empty();
        }
        List<ReflectionEntry> all = own(personId, Filter.NONE);
        List<ReflectionEntry> matching = all.stream().filter(filter::matches).toList();
        int pages = Math.max(1, (matching.size() + PAGE_SIZE - 1) / PAGE_SIZE);
        int current = Math.min(Math.max(page, 1), pages);
        List<ReflectionEntry> shown = matching.subList((current - 1) * PAGE_SIZE,
                Math.min(matching.size(), current * PAGE_SIZE));
        List<YearMonth> months = new java.util.TreeSet<>(all.stream().map(e -> YearMonth.from(e.experiencedOn())).toList())
                .descendingSet().stream().toList();
        return Optional.of(new Page(shown, current, pages, matching.size(), filter, months));
    }

    /** An entry opened to read: the actor's own, or one shared with them (then with its author's name, if known). */
    record Opened(ReflectionEntry entry, int edits, boolean own, @Nullable String authorName) {
    }

    Optional<Opened> open(long actorId, long entryId) {
        return visibleTo(actorId, entryId).map(e -> new Opened(e, editCount(e.id()), e.personId() == actorId,
                e.personId() == actorId ? null : people.findById(e.personId()).map(p -> p.displayName()).orElse(null)));
    }

    // ---- writing

    /** Saves a validated form as a new entry or an edit of the person's own entry, all or nothing. */
    Saved save(long personId, ReflectionForm form) {
        Instant now = clock.instant();
        String answers = json(form.answers());
        String dimensions = String.join(",", form.dimensions());
        String assignment = form.assignment().isBlank() ? null : form.assignment();
        String areas = String.join(",", form.areas());
        String keyExperiences = String.join(",", form.keyExperiences());
        // key experiences are read against the transition they were chosen from; without any, none is kept
        CareerTransition transition = form.keyExperiences().isEmpty() ? null : form.transition();
        String indicator = form.indicator().isBlank() ? null : form.indicator();
        Saved saved;
        try {
            saved = Savepoints.attempt(transactions, () -> {
                if (form.entryId() == null) {
                    if (form.submissionKey() != null) {
                        Optional<ReflectionEntry> earlier = entries.findByPersonIdAndSubmissionKey(personId, form.submissionKey());
                        if (earlier.isPresent()) {
                            return new Saved(Outcome.ALREADY_SAVED, earlier.get());
                        }
                    }
                    return new Saved(Outcome.SAVED, entries.save(new ReflectionEntry(null, personId, form.template().key(),
                            form.title(), form.date(), answers, dimensions, form.source(), assignment, form.share(),
                            form.submissionKey(), null, now, now, null, areas, keyExperiences, transition, indicator)));
                }
                Optional<ReflectionEntry> current = ownLive(personId, form.entryId());
                if (current.isEmpty()) {
                    return new Saved(Outcome.NOT_FOUND, null);
                }
                ReflectionEntry before = current.get();
                if (form.version() == null || !form.version().equals(before.version())) {
                    return new Saved(Outcome.CHANGED_SINCE_OPENED, before);
                }
                int revision = (int) revisions.countForEntry(before.id()) + 1;
                revisions.save(ReflectionRevision.of(before, revision, now));
                return new Saved(Outcome.SAVED, entries.update(new ReflectionEntry(before.id(), personId,
                        form.template().key(), form.title(), form.date(), answers, dimensions, form.source(), assignment,
                        form.share(), before.submissionKey(), before.version(), before.createdAt(), now, null, areas,
                        keyExperiences, transition, indicator)));
            });
        } catch (OptimisticLockException e) {
            return new Saved(Outcome.CHANGED_SINCE_OPENED, null);
        } catch (io.micronaut.data.exceptions.DataAccessException e) {
            // two presses of Save on a new-entry card at once: the unique submission key lets one through
            Optional<ReflectionEntry> winner = form.submissionKey() == null ? Optional.empty()
                    : entries.findByPersonIdAndSubmissionKey(personId, form.submissionKey());
            if (winner.isPresent()) {
                return new Saved(Outcome.ALREADY_SAVED, winner.get());
            }
            throw e;
        }
        return saved;
    }

    /** Tells the participant's current sponsor(s) about a newly shared entry, once per entry and sponsor. */
    int notifySponsors(long participantId, ReflectionEntry entry) {
        if (!entry.sharedWithSponsor()) {
            return 0;
        }
        String name = people.findById(participantId).map(p -> p.displayName()).orElse("Your participant");
        int queued = 0;
        for (Sponsorship s : sponsorships.findByParticipantIdOrderByStartsOn(participantId)) {
            if (!s.isCurrent() || !access.may(s.sponsorId(), Action.VIEW_SHARED_REFLECTIONS, participantId)) {
                continue;
            }
            if (outbox.enqueue(Outbox.Request.toPerson("reflection-shared:" + entry.id() + ":" + s.sponsorId(),
                    s.sponsorId(), cards.sharedWithSponsor(name, entry)))) {
                queued++;
            }
        }
        return queued;
    }

    /** A live entry a participant shared with their sponsor, with the participant's name. */
    record SharedEntry(String participantName, ReflectionEntry entry) {
    }

    /**
     * The live entries shared with this sponsor by the participants they currently sponsor and may read, most
     * recent experience first; listing each participant's entries is an audited read.
     */
    List<SharedEntry> sharedWith(long sponsorId) {
        List<SharedEntry> shared = new java.util.ArrayList<>();
        for (Sponsorship s : sponsorships.findBySponsorIdAndEndsOnIsNull(sponsorId)) {
            if (!access.may(sponsorId, Action.VIEW_SHARED_REFLECTIONS, s.participantId())) {
                continue;
            }
            List<ReflectionEntry> theirs = entries.live(s.participantId()).stream().filter(ReflectionEntry::sharedWithSponsor).toList();
            if (theirs.isEmpty()) {
                continue;
            }
            access.require(sponsorId, Action.VIEW_SHARED_REFLECTIONS, s.participantId(), "list of shared reflective entries");
            String name = people.findById(s.participantId()).map(p -> p.displayName()).orElse("Your participant");
            theirs.forEach(e -> shared.add(new SharedEntry(name, e)));
        }
        shared.sort(java.util.Comparator.comparing((SharedEntry e) -> e.entry().experiencedOn()).reversed());
        return shared;
    }

    /** Soft-deletes the person's own entry; it can be restored for {@link #UNDO_WINDOW}. */
    Optional<ReflectionEntry> delete(long personId, long entryId) {
        return transactions.executeWrite(status -> ownLive(personId, entryId)
                .map(e -> entries.update(e.deleted(clock.instant()))));
    }

    /** Restores an entry the person deleted within the undo window. */
    Optional<ReflectionEntry> undoDelete(long personId, long entryId) {
        Instant since = clock.instant().minus(UNDO_WINDOW);
        return transactions.executeWrite(status -> entries.findById(entryId)
                .filter(e -> e.personId() == personId && e.deletedAt() != null && !e.deletedAt().isBefore(since))
                .map(e -> entries.update(e.deleted(null))));
    }

    /** Removes entries deleted longer ago than the undo window, for good. */
    int purgeExpired() {
        return entries.purgeDeletedBefore(clock.instant().minus(UNDO_WINDOW));
    }

    // ---- reading

    /** The person's own live entries, newest experience first, filtered. */
    List<ReflectionEntry> own(long personId, Filter filter) {
        access.require(personId, Action.VIEW_PRIVATE_REFLECTIONS, personId, "own reflective log");
        return entries.live(personId).stream().filter(filter::matches).toList();
    }

    List<ReflectionEntry> recentlyDeleted(long personId) {
        return entries.deletedSince(personId, clock.instant().minus(UNDO_WINDOW));
    }

    Optional<ReflectionEntry> ownLive(long personId, long entryId) {
        return entries.findById(entryId).filter(e -> e.personId() == personId && e.deletedAt() == null);
    }

    /**
     * An entry as the actor may see it: their own, or a shared entry of a participant they sponsor (audited
     * by {@link Access}). Empty when there is no such entry or the actor may not see it.
     */
    Optional<ReflectionEntry> visibleTo(long actorId, long entryId) {
        Optional<ReflectionEntry> entry = entries.findById(entryId).filter(e -> e.deletedAt() == null);
        if (entry.isEmpty()) {
            return Optional.empty();
        }
        ReflectionEntry e = entry.get();
        if (e.personId() == actorId) {
            return entry;
        }
        if (!e.sharedWithSponsor() || !access.may(actorId, Action.VIEW_SHARED_REFLECTIONS, e.personId())) {
            return Optional.empty();
        }
        access.require(actorId, Action.VIEW_SHARED_REFLECTIONS, e.personId(), "shared reflective entry " + e.id());
        return entry;
    }

    int editCount(long entryId) {
        return (int) revisions.countForEntry(entryId);
    }

    List<ReflectionRevision> history(long entryId) {
        return revisions.findByEntryIdOrderByRevision(entryId);
    }

    LocalDate today(long personId) {
        String zone = people.findById(personId).map(p -> p.timeZone()).orElse(SchemeTimeZone.NAME);
        return LocalDate.now(clock.withZone(java.time.ZoneId.of(zone)));
    }

    static Map<String, String> answers(ReflectionEntry entry) {
        try {
            return JSON.readValue(entry.answers(), new TypeReference<LinkedHashMap<String, String>>() { });
        } catch (JsonProcessingException e) {
            return Map.of();
        }
    }

    private static String json(Map<String, String> answers) {
        try {
            return JSON.writeValueAsString(answers);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
