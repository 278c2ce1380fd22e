package uk.nhs.hps.reflection;

import jakarta.inject.Singleton;
import uk.nhs.hps.access.Access;
import uk.nhs.hps.access.Action;
import uk.nhs.hps.audit.AuditLog;
import uk.nhs.hps.conversation.Reply;
import uk.nhs.hps.people.Cohort;
import uk.nhs.hps.people.CohortRepository;
import uk.nhs.hps.people.Person;
import uk.nhs.hps.people.PersonRepository;
import uk.nhs.hps.people.Sponsorship;
import uk.nhs.hps.people.SponsorshipRepository;
import uk.nhs.hps.privacy.DataLinks;
import uk.nhs.hps.scheme.Transitions;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The reflective log for graduation: a PDF (title page, summary of dimensions and months, entries in date
 * order) and the same as Markdown, offered in the chat as short-lived links that only open this export.
 */
@Singleton
class ReflectionExports {

    static final String PURPOSE = "reflective-log";
    static final String PATH = "/reflection/export/";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    /**
     * Everything an export shows, read once. Entries are in date order, oldest first. Cohort, organisation and
     * sponsor are null when the roster has none (the sponsor is the current one, else the latest).
     */
    record Contents(String name, LocalDate generatedOn, List<ReflectionEntry> entries, Map<String, Integer> perDimension,
                    Map<String, Integer> perSource, Map<YearMonth, Integer> perMonth, @io.micronaut.core.annotation.Nullable Cohort cohort,
                    @io.micronaut.core.annotation.Nullable String organisation, @io.micronaut.core.annotation.Nullable String sponsor,
                    Map<String, Integer> perArea, Map<String, Integer> perIndicator,
                    @io.micronaut.core.annotation.Nullable Transitions.Transition transition,
                    List<KeyExperienceLine> keyExperiences, KeyExperiencesCheck check) {
    }

    /**
     * One key experience of the participant's transition with the entries tagged with it and the dates they span
     * (001: key experiences "spanning several months"); {@code first} and {@code last} are null with no entry.
     */
    record KeyExperienceLine(String name, int entries, @io.micronaut.core.annotation.Nullable LocalDate first,
                             @io.micronaut.core.annotation.Nullable LocalDate last) {
    }

    /** Whether the log shows 001's "at least two key experiences": distinct key experiences with an entry. */
    record KeyExperiencesCheck(int expected, int shown, boolean met, String sentence, Transitions.Source source) {
    }

    private final ReflectiveLog log;
    private final ReflectionDefinitions definitions;
    private final ReflectionCards cards;
    private final DataLinks links;
    private final AuditLog audit;
    private final CohortRepository cohorts;
    private final SponsorshipRepository sponsorships;
    private final PersonRepository people;
    private final Access access;
    private final Transitions transitions;
    private final Clock clock;

    ReflectionExports(ReflectiveLog log, ReflectionDefinitions definitions, ReflectionCards cards, DataLinks links,
                      AuditLog audit, CohortRepository cohorts, SponsorshipRepository sponsorships, PersonRepository people,
                      Access access, Transitions transitions, Clock clock) {
        this.transitions = transitions;
        this.log = log;
        this.definitions = definitions;
        this.cards = cards;
        this.links = links;
        this.audit = audit;
        this.cohorts = cohorts;
        this.sponsorships = sponsorships;
        this.people = people;
        this.access = access;
        this.clock = clock;
    }

    /** The formats an export link opens. */
    enum Format { PDF, MARKDOWN }

    /** What opening an export link gives. */
    sealed interface Download {
        /** The link was real but is past its time. */
        record Expired() implements Download {
        }

        /** Not a link to a reflective-log export, a person who is gone, or a format there is none of. */
        record NotValid() implements Download {
        }

        /** The link's owner may no longer export their data (they have left the scheme). */
        record NoLongerAllowed() implements Download {
        }

        record File(Format format, byte[] body) implements Download {
        }
    }

    /**
     * Opens the link the bot sent ("pdf" or "md"): checks the token is one for this export and still valid, that
     * its owner may still export their own data, and records the export in the audit log.
     */
    Download download(String token, String format) {
        DataLinks.Result checked = links.check(token, PURPOSE);
        if (checked.personId().isEmpty()) {
            return checked.refusal() == DataLinks.Refusal.EXPIRED ? new Download.Expired() : new Download.NotValid();
        }
        Optional<Person> person = people.findById(checked.personId().getAsLong()).filter(p -> p.anonymisedAt() == null);
        if (person.isEmpty() || !(format.equals("pdf") || format.equals("md"))) {
            return new Download.NotValid();
        }
        long id = person.get().id();
        if (!access.may(id, Action.EXPORT_PERSONAL_DATA, id)) {
            return new Download.NoLongerAllowed();
        }
        Contents contents = contents(person.get());
        audit.record(AuditLog.person(id), "REFLECTIVE_LOG_EXPORT", id, "own log as " + format);
        return format.equals("md")
                ? new Download.File(Format.MARKDOWN, markdown(contents).getBytes(StandardCharsets.UTF_8))
                : new Download.File(Format.PDF, pdf(contents));
    }

    Reply offer(Person person) {
        DataLinks.Link link = links.issue(person.id(), PURPOSE, PATH);
        audit.record(AuditLog.person(person.id()), "REFLECTIVE_LOG_LINK_ISSUED", person.id(), "export reflections");
        String until = TIME.format(link.expiresAt().atZone(ZoneId.of(person.timeZone())));
        return Reply.text("Your reflective log for graduation: [PDF](" + link.url() + "?format=pdf) or [Markdown]("
                + link.url() + "?format=md) (opens in Word or any text editor). The links work for 15 minutes (until "
                + until + ") and only for you: please don't forward them.");
    }

    Contents contents(Person person) {
        List<ReflectionEntry> entries = log.own(person.id(), ReflectiveLog.Filter.NONE).stream()
                .sorted(Comparator.comparing(ReflectionEntry::experiencedOn).thenComparing(ReflectionEntry::id)).toList();
        Map<String, Integer> perDimension = new LinkedHashMap<>();
        definitions.dimensions().forEach(d -> perDimension.put(d.key(), 0));
        Map<String, Integer> perSource = new LinkedHashMap<>();
        definitions.sources().forEach(s -> perSource.put(s.key(), 0));
        Map<YearMonth, Integer> perMonth = new TreeMap<>();
        for (ReflectionEntry e : entries) {
            e.dimensionKeys().forEach(d -> perDimension.merge(d, 1, Integer::sum));
            perSource.merge(e.learningSource(), 1, Integer::sum);
            perMonth.merge(YearMonth.from(e.experiencedOn()), 1, Integer::sum);
        }
        Map<String, Integer> perArea = new LinkedHashMap<>();
        transitions.areas().forEach(a -> perArea.put(a.key(), 0));
        Map<String, Integer> perIndicator = new LinkedHashMap<>();
        definitions.indicators().forEach(i -> perIndicator.put(i.key(), 0));
        for (ReflectionEntry e : entries) {
            e.areaKeys().forEach(a -> perArea.merge(a, 1, Integer::sum));
            if (e.indicator() != null) {
                perIndicator.merge(e.indicator(), 1, Integer::sum);
            }
        }
        Transitions.Transition transition = transitions.forStream(person.stream()).orElse(null);
        List<KeyExperienceLine> lines = keyExperienceLines(transition, entries);
        Cohort cohort = person.cohortId() == null ? null : cohorts.findById(person.cohortId()).orElse(null);
        return new Contents(person.displayName(), LocalDate.now(clock.withZone(ZoneId.of(person.timeZone()))), entries,
                perDimension, perSource, perMonth, cohort, blankToNull(person.organisation()), sponsorOf(person).orElse(null),
                perArea, perIndicator, transition, lines, check(transition, lines));
    }

    /** The key experiences of the participant's transition, counted over the entries tagged under that transition. */
    private static List<KeyExperienceLine> keyExperienceLines(@io.micronaut.core.annotation.Nullable Transitions.Transition transition,
                                                              List<ReflectionEntry> entries) {
        if (transition == null) {
            return List.of();
        }
        List<KeyExperienceLine> lines = new java.util.ArrayList<>();
        for (Transitions.KeyExperience k : transition.keyExperiences()) {
            List<LocalDate> dates = entries.stream().filter(e -> e.transition() == transition.id())
                    .filter(e -> e.keyExperienceKeys().contains(k.key())).map(ReflectionEntry::experiencedOn).sorted().toList();
            lines.add(new KeyExperienceLine(k.name(), dates.size(), dates.isEmpty() ? null : dates.get(0),
                    dates.isEmpty() ? null : dates.get(dates.size() - 1)));
        }
        return List.copyOf(lines);
    }

    private KeyExperiencesCheck check(@io.micronaut.core.annotation.Nullable Transitions.Transition transition,
                                      List<KeyExperienceLine> lines) {
        Transitions.Expectation expected = transitions.keyExperiencesExpected();
        int shown = (int) lines.stream().filter(l -> l.entries() > 0).count();
        boolean met = transition != null && shown >= expected.count();
        String sentence = transition == null
                ? "Not shown: no development stream is recorded, so the log has no key experiences to count."
                : met ? "Met: the log shows " + shown + " of the " + lines.size() + " key experiences of " + transition.name() + "."
                : "Not yet: the log shows " + shown + " of the " + expected.count() + " key experiences expected ("
                + lines.size() + " listed for " + transition.name() + ").";
        return new KeyExperiencesCheck(expected.count(), shown, met, sentence, expected.source());
    }

    /** 001's expectation and whether the log meets it, e.g. "The scheme expects at least 2 key experiences (001). Met: ...". */
    static String expectation(Contents c) {
        return "The scheme expects at least " + c.check().expected() + " key experiences (001: \""
                + c.check().source().passage() + "\"). " + c.check().sentence();
    }

    /** A key experience's entries and the months they span, e.g. "3 (March 2027 to June 2027)". */
    static String span(KeyExperienceLine line) {
        if (line.entries() == 0) {
            return "not yet";
        }
        String from = ReflectionCards.MONTH.format(line.first());
        String to = ReflectionCards.MONTH.format(line.last());
        return line.entries() + (from.equals(to) ? " (" + from + ")" : " (" + from + " to " + to + ")");
    }

    private String areaName(String key) {
        return transitions.area(key).map(Transitions.Area::name).orElse(key);
    }

    private Optional<String> sponsorOf(Person person) {
        List<Sponsorship> all = sponsorships.findByParticipantIdOrderByStartsOn(person.id());
        Optional<Sponsorship> chosen = all.stream().filter(Sponsorship::isCurrent).reduce((a, b) -> b)
                .or(() -> all.stream().reduce((a, b) -> b));
        return chosen.flatMap(s -> people.findById(s.sponsorId())).filter(p -> p.anonymisedAt() == null).map(Person::displayName);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    /** The title page's facts, in order: who, where, with whom, and over what period. */
    Map<String, String> facts(Contents c) {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("Cohort", c.cohort() == null ? "not recorded" : c.cohort().name() + " ("
                + ReflectionCards.DAY.format(c.cohort().startsOn()) + " to " + ReflectionCards.DAY.format(c.cohort().endsOn()) + ")");
        facts.put("Organisation", c.organisation() == null ? "not recorded" : c.organisation());
        facts.put("Sponsor", c.sponsor() == null ? "not recorded" : c.sponsor());
        facts.put("Period covered", c.entries().isEmpty() ? "no entries yet"
                : ReflectionCards.DAY.format(c.entries().get(0).experiencedOn()) + " to "
                + ReflectionCards.DAY.format(c.entries().get(c.entries().size() - 1).experiencedOn()));
        facts.put("Entries", String.valueOf(c.entries().size()));
        facts.put("Exported", ReflectionCards.DAY.format(c.generatedOn()));
        return facts;
    }

    String markdown(Contents c) {
        StringBuilder md = new StringBuilder();
        md.append("# Reflective log\n\n");
        md.append("**").append(plain(c.name())).append("**, NHS High Potential Scheme  \n");
        md.append(c.entries().size()).append(c.entries().size() == 1 ? " entry" : " entries").append(range(c))
                .append("  \nExported ").append(ReflectionCards.DAY.format(c.generatedOn())).append("\n\n");
        md.append("| | |\n|---|---|\n");
        facts(c).forEach((label, value) -> md.append("| ").append(label).append(" | ").append(plain(value)).append(" |\n"));
        md.append('\n');
        md.append("## Summary\n\n### Healthcare Leadership Model dimensions\n\n| Dimension | Entries |\n|---|---:|\n");
        c.perDimension().forEach((k, n) -> md.append("| ").append(definitions.dimensionLabel(k)).append(" | ")
                .append(n).append(" |\n"));
        md.append("\n### Where the learning came from (70:20:10)\n\n| Source | Entries |\n|---|---:|\n");
        c.perSource().forEach((k, n) -> md.append("| ").append(definitions.sourceLabel(k)).append(" | ").append(n).append(" |\n"));
        md.append("\n### Key experiences").append(c.transition() == null ? "" : " of " + c.transition().name()).append("\n\n");
        md.append(expectation(c).replace(c.check().sentence(), "**" + c.check().sentence() + "**")).append("\n\n");
        if (!c.keyExperiences().isEmpty()) {
            md.append("| Key experience | Entries |\n|---|---:|\n");
            c.keyExperiences().forEach(l -> md.append("| ").append(l.name()).append(" | ").append(span(l)).append(" |\n"));
        }
        md.append("\n### Areas of the career transitions\n\n| Area | Entries |\n|---|---:|\n");
        c.perArea().forEach((k, n) -> md.append("| ").append(areaName(k)).append(" | ").append(n).append(" |\n"));
        md.append("\n### Evidence for the indicators of potential\n\n| Indicator | Entries |\n|---|---:|\n");
        c.perIndicator().forEach((k, n) -> md.append("| ").append(definitions.indicatorLabel(k)).append(" | ").append(n).append(" |\n"));
        md.append("\n### Entries per month\n\n| Month | Entries |\n|---|---:|\n");
        c.perMonth().forEach((m, n) -> md.append("| ").append(ReflectionCards.MONTH.format(m)).append(" | ").append(n).append(" |\n"));
        md.append("\n## Entries\n");
        for (ReflectionEntry e : c.entries()) {
            md.append("\n### ").append(plain(e.title())).append("\n\n");
            md.append("*").append(ReflectionCards.DAY.format(e.experiencedOn())).append(" · ")
                    .append(cards.dimensionLabels(e)).append(" · ").append(definitions.sourceLabel(e.learningSource()))
                    .append(e.assignment() == null ? "" : " · " + plain(e.assignment())).append("*\n");
            String tags = tags(e, " · ");
            if (!tags.isEmpty()) {
                md.append("\n").append(tags).append("\n");
            }
            ReflectiveLog.answers(e).forEach((k, v) -> {
                if (!v.isBlank()) {
                    md.append("\n**").append(definitions.stepLabel(e.template(), k)).append("**\n\n")
                            .append(plain(v)).append("\n");
                }
            });
        }
        return md.toString();
    }

    byte[] pdf(Contents c) {
        try (PdfWriter pdf = new PdfWriter("Reflective log: " + c.name(), c.name())) {
            pdf.moveTo(0.12f);
            pdf.text("Reflective log", pdf.bold, 32);
            pdf.space(12);
            pdf.text(c.name(), pdf.regular, 18);
            pdf.text("NHS High Potential Scheme", pdf.regular, 14);
            pdf.space(18);
            facts(c).forEach((label, value) -> pdf.row(label, value, 11));
            pdf.space(18);
            pdf.text("Entries per Healthcare Leadership Model dimension", pdf.bold, 13);
            pdf.space(2);
            c.perDimension().forEach((k, n) -> pdf.row(definitions.dimensionLabel(k), String.valueOf(n), 11));

            pdf.newPage();
            pdf.text("Summary", pdf.bold, 20);
            pdf.space(10);
            pdf.text("Healthcare Leadership Model dimensions", pdf.bold, 13);
            long covered = c.perDimension().values().stream().filter(n -> n > 0).count();
            pdf.text(covered + " of " + c.perDimension().size() + " dimensions covered", pdf.italic, 10);
            c.perDimension().forEach((k, n) -> pdf.row(definitions.dimensionLabel(k), n == 0 ? "not yet" : String.valueOf(n), 11));
            pdf.space(12);
            pdf.text("Where the learning came from (70:20:10)", pdf.bold, 13);
            // the part before the examples, so each row fits beside its count
            c.perSource().forEach((k, n) -> pdf.row(definitions.sourceLabel(k).replaceFirst(" \\(.*$", ""), String.valueOf(n), 11));
            pdf.space(12);
            pdf.keepTogether(70);
            pdf.text("Key experiences" + (c.transition() == null ? "" : " of " + c.transition().name()), pdf.bold, 13);
            pdf.text(expectation(c), pdf.italic, 10);
            c.keyExperiences().forEach(l -> pdf.row(l.name(), span(l), 11));
            pdf.space(12);
            pdf.keepTogether(70);
            pdf.text("Areas of the career transitions", pdf.bold, 13);
            c.perArea().forEach((k, n) -> pdf.row(areaName(k), n == 0 ? "not yet" : String.valueOf(n), 11));
            pdf.space(12);
            pdf.keepTogether(70);
            pdf.text("Evidence for the indicators of potential", pdf.bold, 13);
            c.perIndicator().forEach((k, n) -> pdf.row(definitions.indicatorLabel(k), String.valueOf(n), 11));
            pdf.space(12);
            pdf.keepTogether(70);
            pdf.text("Entries per month", pdf.bold, 13);
            c.perMonth().forEach((m, n) -> pdf.row(ReflectionCards.MONTH.format(m), String.valueOf(n), 11));

            for (int i = 0; i < c.entries().size(); i++) {
                ReflectionEntry e = c.entries().get(i);
                if (i == 0) {
                    pdf.newPage();
                    pdf.text("Entries", pdf.bold, 20);
                }
                pdf.space(14);
                pdf.keepTogether(90);
                pdf.text(e.title(), pdf.bold, 14);
                pdf.text(ReflectionCards.DAY.format(e.experiencedOn()) + "  |  " + cards.dimensionLabels(e) + "  |  "
                        + definitions.sourceLabel(e.learningSource())
                        + (e.assignment() == null ? "" : "  |  " + e.assignment()), pdf.italic, 9);
                String tags = tags(e, "  |  ");
                if (!tags.isEmpty()) {
                    pdf.text(tags, pdf.italic, 9);
                }
                for (Map.Entry<String, String> step : ReflectiveLog.answers(e).entrySet()) {
                    if (step.getValue().isBlank()) {
                        continue;
                    }
                    pdf.space(4);
                    pdf.keepTogether(40);
                    pdf.text(definitions.stepLabel(e.template(), step.getKey()), pdf.bold, 11);
                    pdf.text(step.getValue(), pdf.regular, 11);
                }
            }
            return pdf.finish();
        }
    }

    /** An entry's areas, key experiences and indicator, as one line ("" when it has none). */
    private String tags(ReflectionEntry e, String separator) {
        List<String> parts = new java.util.ArrayList<>();
        if (!e.areaKeys().isEmpty()) {
            parts.add("Areas: " + cards.areaLabels(e));
        }
        if (!e.keyExperienceKeys().isEmpty()) {
            parts.add("Key experiences: " + cards.keyExperienceLabels(e));
        }
        if (e.indicator() != null) {
            parts.add("Evidence for: " + definitions.indicatorLabel(e.indicator()));
        }
        return String.join(separator, parts);
    }

    private static String range(Contents c) {
        if (c.entries().isEmpty()) {
            return "";
        }
        return ", " + ReflectionCards.DAY.format(c.entries().get(0).experiencedOn()) + " to "
                + ReflectionCards.DAY.format(c.entries().get(c.entries().size() - 1).experiencedOn());
    }

    /** Markdown from what people typed: no raw HTML, no accidental headings or links. */
    private static String plain(String text) {
        return text.replace("<", "&lt;").replace(">", "&gt;").replace("[", "\\[").replace("]", "\\]")
                .replaceAll("(?m)^#", "\\\\#").replace("|", "\\|");
    }
}
