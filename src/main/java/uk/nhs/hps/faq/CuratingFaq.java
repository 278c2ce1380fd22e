package uk.nhs.hps.faq;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import uk.nhs.hps.access.Access;
import uk.nhs.hps.access.Action;
import uk.nhs.hps.audit.AuditLog;
import uk.nhs.hps.people.Person;
import uk.nhs.hps.people.PersonRepository;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The programme team's upkeep of the FAQ, from the chat and the console: reload, re-import, explain a match, edit and
 * switch entries, see gaps. The console's methods take the member's person id, check {@link Access} and audit every
 * change as the admin API does ({@link #FAQ_EDIT}).
 */
@Singleton
class CuratingFaq {

    /** Audit action for every change the programme team makes to the FAQ. */
    static final String FAQ_EDIT = "FAQ_EDIT";
    static final int MAX_QUESTION_CHARS = FaqTickets.MAX_ENTRY_QUESTION_CHARS;
    static final int MAX_ANSWER_CHARS = FaqTickets.MAX_ENTRY_ANSWER_CHARS;
    static final int MAX_PHRASINGS_CHARS = FaqTickets.MAX_PHRASINGS_CHARS;
    /** The gap clusters are built from at most this many distinct wordings, the most asked first. */
    static final int GAP_WORDINGS = 1000;

    record Reimported(int imported, int inUse) {
    }

    /** An entry as the console lists it: where it came from and who last changed it, when. */
    record Entry(KnowledgeEntry entry, String origin, String lastEditBy, Instant lastEditAt) {
    }

    /** The console's edit form: the text as typed (phrasings one a line). */
    record EditEntry(long actorId, String entryId, String question, String alternatives, String answer) {
    }

    sealed interface Edited permits Saved, Unchanged, EditNeedsText, NoSuchEntry {
    }

    record Saved(KnowledgeEntry entry) implements Edited {
    }

    /** The text is what the entry already says: nothing was written (a repeated post lands here). */
    record Unchanged(KnowledgeEntry entry) implements Edited {
    }

    /** Field name to problem; nothing was saved. */
    record EditNeedsText(Map<String, String> problems) implements Edited {
    }

    record NoSuchEntry() implements Edited, Switched {
    }

    sealed interface Switched permits Switch, AlreadySo, NoSuchEntry {
    }

    record Switch(String entryId, boolean enabled) implements Switched {
    }

    /** It was already enabled (or disabled): nothing was written. */
    record AlreadySo(String entryId, boolean enabled) implements Switched {
    }

    /** Wordings of unanswered questions grouped by the FAQ entry that came closest; {@code nearest} empty when none did. */
    record GapCluster(Optional<KnowledgeEntry> nearest, long times, Instant lastAsked, List<FaqStore.NearGap> wordings) {
    }

    /** What the bot would do with a question, and how strongly each entry matched. */
    record Explanation(String question, FaqReader.Kind kind, List<KnowledgeEntry> answers, Optional<MatchResult> result) {
    }

    private final KnowledgeBase knowledgeBase;
    private final FaqStore.Queries queries;
    private final FaqStore.Entries entries;
    private final PersonRepository people;
    private final Access access;
    private final AuditLog audit;

    CuratingFaq(KnowledgeBase knowledgeBase, FaqStore.Queries queries, FaqStore.Entries entries, PersonRepository people,
                Access access, AuditLog audit) {
        this.knowledgeBase = knowledgeBase;
        this.queries = queries;
        this.entries = entries;
        this.people = people;
        this.access = access;
        this.audit = audit;
    }

    /** Rebuilds the index from the database; the number of entries in use. */
    int reload() {
        return knowledgeBase.reload();
    }

    Reimported reimport(String by) {
        int imported = knowledgeBase.reimport(by);
        return new Reimported(imported, knowledgeBase.index().size());
    }

    /** The matcher's own account of how it would answer the question. */
    String explain(String question) {
        return knowledgeBase.index().match(FaqIndex.clean(question)).explain();
    }

    /** False when there is no such entry. */
    boolean setEnabled(String entryId, boolean on, String by) {
        return knowledgeBase.setEnabled(entryId, on, by);
    }

    List<FaqStore.Gap> gaps(int limit) {
        return queries.gaps(limit);
    }

    // ---- the console

    /** Every entry, disabled ones too, whose id, category, question, phrasings or answer contain the text. */
    List<Entry> entries(long actorId, @Nullable String search) {
        access.require(actorId, Action.MANAGE_FAQ, null, "console: FAQ entries");
        String needle = search == null ? "" : search.strip().toLowerCase(Locale.ROOT);
        List<FaqStore.EntryRow> rows = new ArrayList<>();
        entries.findAll().forEach(rows::add);
        Map<String, String> names = editorNames(rows);
        return rows.stream().map(r -> new Entry(r.toEntry(), r.origin(), names.getOrDefault(r.updatedBy(), r.updatedBy()), r.updatedAt()))
                .filter(e -> needle.isEmpty() || haystack(e.entry()).contains(needle))
                .sorted(Comparator.comparing((Entry e) -> e.entry().category()).thenComparing(e -> e.entry().id()))
                .toList();
    }

    Optional<Entry> entry(long actorId, String entryId) {
        access.require(actorId, Action.MANAGE_FAQ, null, "console: FAQ entry");
        return entries.findById(entryId).map(r -> new Entry(r.toEntry(), r.origin(),
                editorNames(List.of(r)).getOrDefault(r.updatedBy(), r.updatedBy()), r.updatedAt()));
    }

    /** Saves the edited text (live in the bot's answers at once) and audits it; unchanged text writes nothing. */
    Edited edit(EditEntry command) {
        access.require(command.actorId(), Action.MANAGE_FAQ, null, "console: edit FAQ entry");
        Optional<FaqStore.EntryRow> row = entries.findById(command.entryId());
        if (row.isEmpty()) {
            return new NoSuchEntry();
        }
        String question = strip(command.question());
        String answer = strip(command.answer());
        List<String> alternatives = Arrays.stream(strip(command.alternatives()).split("\\R")).map(String::strip)
                .filter(a -> !a.isEmpty()).distinct().toList();
        Map<String, String> problems = new LinkedHashMap<>();
        if (question.isEmpty()) {
            problems.put("question", "Enter the question.");
        } else if (question.length() > MAX_QUESTION_CHARS) {
            problems.put("question", "The question must be " + MAX_QUESTION_CHARS + " characters or fewer.");
        }
        if (alternatives.stream().anyMatch(a -> a.length() > MAX_QUESTION_CHARS)
                || String.join("\n", alternatives).length() > MAX_PHRASINGS_CHARS) {
            problems.put("alternatives", "Keep each phrasing under " + MAX_QUESTION_CHARS + " characters and all of them under "
                    + String.format("%,d", MAX_PHRASINGS_CHARS) + ".");
        }
        if (answer.isEmpty()) {
            problems.put("answer", "Enter the answer.");
        } else if (answer.length() > MAX_ANSWER_CHARS) {
            problems.put("answer", "The answer must be " + String.format("%,d", MAX_ANSWER_CHARS) + " characters or fewer.");
        }
        if (!problems.isEmpty()) {
            return new EditNeedsText(problems);
        }
        KnowledgeEntry before = row.get().toEntry();
        if (before.question().equals(question) && before.answer().equals(answer) && before.alternatives().equals(alternatives)) {
            return new Unchanged(before);
        }
        String by = AuditLog.person(command.actorId());
        KnowledgeEntry saved = knowledgeBase.save(new KnowledgeEntry(before.id(), before.category(), question, alternatives,
                answer, before.source(), before.enabled(), null, before.topics()), FaqStore.Origin.PROGRAMME_TEAM, by);
        List<String> changed = new ArrayList<>();
        if (!before.question().equals(question)) {
            changed.add("question");
        }
        if (!before.alternatives().equals(alternatives)) {
            changed.add("phrasings");
        }
        if (!before.answer().equals(answer)) {
            changed.add("answer text");
        }
        audit.record(by, FAQ_EDIT, null, "edited FAQ entry " + before.id() + " (" + String.join(", ", changed) + " changed)");
        return new Saved(saved);
    }

    /** Takes an entry out of the bot's answers or puts it back, audited; a repeat writes nothing. */
    Switched setEnabled(long actorId, String entryId, boolean on) {
        access.require(actorId, Action.MANAGE_FAQ, null, on ? "console: enable FAQ entry" : "console: disable FAQ entry");
        Optional<KnowledgeEntry> entry = knowledgeBase.find(entryId);
        if (entry.isEmpty()) {
            return new NoSuchEntry();
        }
        if (entry.get().enabled() == on) {
            return new AlreadySo(entryId, on);
        }
        String by = AuditLog.person(actorId);
        knowledgeBase.setEnabled(entryId, on, by);
        audit.record(by, FAQ_EDIT, null, (on ? "enabled" : "disabled") + " FAQ entry " + entryId);
        return new Switch(entryId, on);
    }

    /**
     * Questions the FAQ could not answer confidently (suggestions or "I don't know"), grouped by the entry that was the
     * top candidate when each was asked: one cluster per nearest entry, most asked first, each with its wordings.
     */
    List<GapCluster> gapClusters(long actorId) {
        access.require(actorId, Action.MANAGE_FAQ, null, "console: FAQ gaps");
        Map<String, List<FaqStore.NearGap>> byEntry = queries.gapsByNearestEntry(GAP_WORDINGS).stream()
                .collect(Collectors.groupingBy(g -> g.entryId() == null ? "" : g.entryId(), LinkedHashMap::new, Collectors.toList()));
        List<GapCluster> clusters = new ArrayList<>();
        byEntry.forEach((entryId, wordings) -> clusters.add(new GapCluster(
                entryId.isEmpty() ? Optional.empty() : knowledgeBase.find(entryId),
                wordings.stream().mapToLong(FaqStore.NearGap::times).sum(),
                wordings.stream().map(FaqStore.NearGap::lastAsked).max(Comparator.naturalOrder()).orElseThrow(),
                wordings)));
        clusters.sort(Comparator.comparing(GapCluster::times).reversed().thenComparing(GapCluster::lastAsked, Comparator.reverseOrder()));
        return clusters;
    }

    /** What the bot would do with the question, read exactly as a question in the chat is read. */
    Explanation explain(long actorId, String question) {
        access.require(actorId, Action.MANAGE_FAQ, null, "console: explain FAQ match");
        FaqReader.Reading reading = FaqReader.read(knowledgeBase.index(), question);
        return new Explanation(question, reading.kind(), reading.answers(), reading.result());
    }

    /** "person:12" (how the console and the admin API record an editor) as that person's name. */
    private Map<String, String> editorNames(List<FaqStore.EntryRow> rows) {
        List<Long> ids = rows.stream().map(FaqStore.EntryRow::updatedBy).filter(b -> b.matches("person:\\d+"))
                .map(b -> Long.valueOf(b.substring(7))).distinct().toList();
        Map<String, String> names = new LinkedHashMap<>();
        if (!ids.isEmpty()) {
            for (Person p : people.findByIdIn(ids)) {
                names.put(AuditLog.person(p.id()), p.anonymisedAt() == null ? p.displayName() : "(erased)");
            }
        }
        return names;
    }

    private static String haystack(KnowledgeEntry e) {
        return String.join("\n", e.id(), e.category(), e.question(), String.join("\n", e.alternatives()), e.answer())
                .toLowerCase(Locale.ROOT);
    }

    private static String strip(@Nullable String text) {
        // browsers send a textarea's lines with CRLF; the FAQ stores LF, so unchanged text compares equal
        return text == null ? "" : text.replace("\r\n", "\n").strip();
    }
}
