package uk.nhs.hps.report;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import uk.nhs.hps.access.Access;
import uk.nhs.hps.access.Action;
import uk.nhs.hps.audit.AuditLog;
import uk.nhs.hps.cohort.ReportingEngagementByStream;
import uk.nhs.hps.cohort.ShowingCohortOverview;
import uk.nhs.hps.cohort.ShowingCohortOverview.CohortChoice;
import uk.nhs.hps.talent.CountingPlacements;

import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The cohort report a programme board receives each quarter: for a cohort and whole months (the last full calendar
 * quarter unless others are chosen), engagement, sponsor meetings and reflections per month, and the 9-box counts of
 * the latest review cycle in the period. Counts only: the report names nobody (see docs/console.md on small counts).
 * A preview is a cohort report like the overview and is not audited; each file downloaded is audited once, with the
 * cohort, the period and the format.
 */
@Singleton
public class ReportingCohortQuarter {

    /** The longest period one report covers. */
    public static final int MAX_MONTHS = 24;
    /** The audit log's action for a report downloaded. */
    public static final String AUDITED_AS = "COHORT_REPORT_DOWNLOAD";

    /** What was asked for, as typed: the cohort's id and the first and last months as "2027-01"; null or blank: the default. */
    public record Request(long actorId, @Nullable String cohort, @Nullable String from, @Nullable String to) {
    }

    /** A field of the form and what is wrong with it. */
    public record Problem(String field, String message) {
    }

    /** One month's figures; share met is of the pairs a meeting was due for (met, booked or missed; not "not needed"). */
    public record MonthFigures(YearMonth month, int met, int booked, int missed, int skipped, int reflections) {

        public int pairsRecorded() {
            return met + booked + missed + skipped;
        }

        /** Met as a whole percentage of met, booked and missed; empty when no meeting was due. */
        public Optional<Integer> shareMetPercent() {
            int due = met + booked + missed;
            return due == 0 ? Optional.empty() : Optional.of((int) Math.round(100.0 * met / due));
        }
    }

    /** Who is on the scheme at the time of the report, and the prompts of the period. */
    public record Engagement(int participants, int paused, int left, int reachable, int unreachable, int promptsSent,
                             int promptsAnswered) {

        public Optional<Integer> promptResponsePercent() {
            return promptsSent == 0 ? Optional.empty() : Optional.of((int) Math.round(100.0 * promptsAnswered / promptsSent));
        }
    }

    /** Every figure of the report. */
    public record CohortQuarter(long cohortId, String cohortName, YearMonth first, YearMonth last, Instant generatedAt,
                                Engagement engagement, List<MonthFigures> months,
                                List<ReportingEngagementByStream.StreamEngagement> byStream, CountingPlacements.Counts nineBox) {

        public int met() {
            return months.stream().mapToInt(MonthFigures::met).sum();
        }

        public int booked() {
            return months.stream().mapToInt(MonthFigures::booked).sum();
        }

        public int missed() {
            return months.stream().mapToInt(MonthFigures::missed).sum();
        }

        public int skipped() {
            return months.stream().mapToInt(MonthFigures::skipped).sum();
        }

        public int reflections() {
            return months.stream().mapToInt(MonthFigures::reflections).sum();
        }

        public Optional<Integer> shareMetPercent() {
            int due = met() + booked() + missed();
            return due == 0 ? Optional.empty() : Optional.of((int) Math.round(100.0 * met() / due));
        }

        public boolean hasMeetings() {
            return months.stream().anyMatch(m -> m.pairsRecorded() > 0);
        }

        public boolean hasReflections() {
            return reflections() > 0;
        }
    }

    /**
     * The form as it should be shown: the cohorts to choose from, what was chosen (or the defaults), problems with it,
     * and the report when there are none (null when there are, or when there is no cohort at all).
     */
    public record Shown(List<CohortChoice> cohorts, @Nullable Long cohortId, String from, String to, List<Problem> problems,
                        @Nullable CohortQuarter report) {
    }

    public enum Format { PDF, CSV }

    /** A download: refused with the problems (and no file), or the file. */
    public sealed interface Download {
        record Refused(Shown form) implements Download {
        }

        record File(String fileName, String contentType, byte[] body) implements Download {
        }
    }

    private final ShowingCohortOverview overview;
    private final ReportingEngagementByStream streams;
    private final CountingPlacements placements;
    private final Access access;
    private final AuditLog audit;
    private final Clock clock;

    ReportingCohortQuarter(ShowingCohortOverview overview, ReportingEngagementByStream streams, CountingPlacements placements,
                           Access access, AuditLog audit, Clock clock) {
        this.overview = overview;
        this.streams = streams;
        this.placements = placements;
        this.access = access;
        this.audit = audit;
        this.clock = clock;
    }

    /** The report for the preview; not audited (counts only, like the cohort overview). */
    public Shown show(Request request) {
        return prepare(request);
    }

    /** The report as a file; audited once when the file is made. */
    public Download download(Request request, Format format) {
        Shown shown = prepare(request);
        CohortQuarter report = shown.report();
        if (report == null) {
            return new Download.Refused(shown);
        }
        String name = "cohort-report-" + slug(report.cohortName()) + "-" + report.first() + "-to-" + report.last();
        Download.File file = format == Format.PDF
                ? new Download.File(name + ".pdf", "application/pdf", CohortReportPdf.write(report))
                : new Download.File(name + ".csv", "text/csv; charset=utf-8", CohortReportCsv.write(report));
        audit.record(AuditLog.person(request.actorId()), AUDITED_AS, null, format + ": cohort " + report.cohortId() + " ("
                + report.cohortName() + "), " + report.first() + " to " + report.last());
        return file;
    }

    private Shown prepare(Request request) {
        access.require(request.actorId(), Action.VIEW_COHORT_REPORTS, null, "cohort report");
        List<CohortChoice> cohorts = overview.choices(request.actorId());
        YearMonth thisMonth = YearMonth.from(clock.instant().atZone(ZoneId.of("Europe/London")));
        // the last full calendar quarter: January to March, April to June, ...
        YearMonth quarterStart = thisMonth.minusMonths((thisMonth.getMonthValue() - 1) % 3L).minusMonths(3);
        String from = blank(request.from()) ? quarterStart.toString() : request.from().strip();
        String to = blank(request.to()) ? quarterStart.plusMonths(2).toString() : request.to().strip();
        List<Problem> problems = new ArrayList<>();
        Long cohortId = null;
        if (blank(request.cohort())) {
            cohortId = cohorts.isEmpty() ? null : cohorts.get(0).id();
        } else {
            try {
                long id = Long.parseLong(request.cohort().strip());
                if (cohorts.stream().anyMatch(c -> c.id() == id)) {
                    cohortId = id;
                }
            } catch (NumberFormatException e) {
                // reported below, as for an id that is no cohort
            }
            if (cohortId == null) {
                problems.add(new Problem("cohort", "Choose a cohort from the list: there is no cohort “" + request.cohort().strip() + "”."));
            }
        }
        YearMonth first = month(from, "from", "first", problems);
        YearMonth last = month(to, "to", "last", problems);
        if (first != null && last != null) {
            if (last.isBefore(first)) {
                problems.add(new Problem("to", "The last month must be the same as the first month or after it."));
            } else if (last.isAfter(thisMonth)) {
                problems.add(new Problem("to", "The last month can be " + thisMonth + " at the latest: the report cannot cover"
                        + " months still to come."));
            } else if (first.plusMonths(MAX_MONTHS).isBefore(last.plusMonths(1))) {
                problems.add(new Problem("to", "A report covers " + MAX_MONTHS + " months at most: choose a last month no later than "
                        + first.plusMonths(MAX_MONTHS - 1L) + "."));
            }
        }
        if (!problems.isEmpty() || cohortId == null) {
            return new Shown(cohorts, cohortId, from, to, problems, null);
        }
        ShowingCohortOverview.PeriodFigures figures = overview.period(request.actorId(), cohortId, first, last);
        CountingPlacements.Counts nineBox = placements.latestIn(request.actorId(), cohortId, first.atDay(1), last.atEndOfMonth());
        List<MonthFigures> months = figures.months().stream().map(m -> new MonthFigures(m.month(), m.met(), m.booked(),
                m.missed(), m.skipped(), m.reflections())).toList();
        Engagement engagement = new Engagement(figures.participants(), figures.paused(), figures.left(), figures.reachable(),
                figures.unreachable(), figures.promptsSent(), figures.promptsAnswered());
        List<ReportingEngagementByStream.StreamEngagement> byStream = streams.period(cohortId, first, last).streams();
        CohortQuarter report = new CohortQuarter(cohortId, figures.cohort().name(), first, last, clock.instant(), engagement,
                months, byStream, nineBox);
        return new Shown(cohorts, cohortId, from, to, problems, report);
    }

    @Nullable
    private static YearMonth month(String typed, String field, String which, List<Problem> problems) {
        try {
            return YearMonth.parse(typed);
        } catch (DateTimeParseException e) {
            problems.add(new Problem(field, "Enter the " + which + " month as year and month, for example 2027-01."));
            return null;
        }
    }

    private static boolean blank(@Nullable String value) {
        return value == null || value.isBlank();
    }

    /** A file name's part from a cohort's name: lower-case letters, digits and hyphens only. */
    static String slug(String name) {
        String s = name.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        return s.isEmpty() ? "cohort" : s;
    }
}
