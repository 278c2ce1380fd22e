package uk.nhs.hps.nudge;

import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.nhs.hps.calendar.WorkingCalendar;
import uk.nhs.hps.conversation.CardTemplates;
import uk.nhs.hps.conversation.Reply;
import uk.nhs.hps.delivery.Outbox;
import uk.nhs.hps.people.DevelopmentStream;
import uk.nhs.hps.reflection.ReflectionLog;
import uk.nhs.hps.scheme.Transitions;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which reflective prompts are due now, set-based: one query for active participants in a running cohort with
 * their prompt settings, the rules in memory, and the reflective log asked only about those due (to skip
 * people who logged since their last prompt, and for the streak line). After the prompts are enqueued,
 * {@link #record} moves each participant's cadence on in one batch.
 */
@Singleton
class ReflectionPrompts {

    private static final Logger LOG = LoggerFactory.getLogger(ReflectionPrompts.class);

    record Update(long personId, Instant slot, boolean endsSnooze) {
    }

    record Pass(List<Outbox.Request> requests, List<Update> updates, int participants, int skipped, List<String> failures) {
    }

    private record Row(long personId, String zone, int cadenceDays, LocalDate cohortStarts, LocalDate cohortEnds,
                       PromptRules.State state, DevelopmentStream stream) {
    }

    private final TransactionOperations<Connection> transactions;
    private final ReflectionLog log;
    private final CardTemplates templates;
    private final Transitions transitions;

    ReflectionPrompts(TransactionOperations<Connection> transactions, ReflectionLog log, CardTemplates templates,
                      Transitions transitions) {
        this.transactions = transactions;
        this.log = log;
        this.templates = templates;
        this.transitions = transitions;
    }

    Pass due(Instant now, WorkingCalendar calendar) {
        List<Row> rows = transactions.executeRead(status -> participants(status.getConnection()));
        PromptRules rules = new PromptRules(calendar);
        List<Outbox.Request> requests = new ArrayList<>();
        List<Update> updates = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        int skipped = 0;
        String campaign = "nudge:reflection-prompt:" + YearMonth.from(now.atZone(ZoneOffset.UTC));
        for (Row row : rows) {
            try {
                ZoneId zone = WorkingCalendar.zone(row.zone());
                Optional<PromptRules.Due> due = rules.due(now, zone, row.state(), row.cadenceDays(), row.cohortStarts(), row.cohortEnds());
                if (due.isEmpty()) {
                    continue;
                }
                updates.add(new Update(row.personId(), due.get().slot(), due.get().endsSnooze()));
                Instant last = row.state().lastPromptedAt();
                if (last != null && log.lastEntryAt(row.personId()).map(at -> at.isAfter(last)).orElse(false)) {
                    skipped++;
                    continue;
                }
                Instant monthStart = WorkingCalendar.at(YearMonth.from(now.atZone(zone)).atDay(1), LocalTime.MIDNIGHT, zone);
                int thisMonth = log.entriesBetween(row.personId(), monthStart, now);
                requests.add(Outbox.Request.toPerson("reflection-prompt:" + row.personId() + ":" + due.get().keySuffix(),
                        row.personId(), card(thisMonth, due.get().endsSnooze(), keyExperience(row, due.get().slot(), zone)))
                        .at(now).inCampaign(campaign));
            } catch (RuntimeException e) {
                LOG.warn("Reflective prompt failed for person id={}", row.personId(), e);
                failures.add("participant " + row.personId() + ": " + e.getClass().getSimpleName());
            }
        }
        return new Pass(requests, updates, rows.size(), skipped, failures);
    }

    /** A key experience of the participant's transition to reflect on; none for a participant without a stream. */
    record Suggestion(Transitions.Transition transition, Transitions.KeyExperience experience) {
    }

    /**
     * Which of the transition's key experiences this prompt offers: one the participant has logged least (001 asks
     * for "at least two key experiences"), taking turns among those, one per prompt slot, so the pick follows from
     * the log and the slot and a re-run of the pass picks the same.
     */
    @io.micronaut.core.annotation.Nullable
    Suggestion keyExperience(Row row, Instant slot, ZoneId zone) {
        if (row.stream() == null) {
            return null;
        }
        Transitions.Transition transition = transitions.of(row.stream());
        Map<String, Integer> logged = log.keyExperienceCounts(row.personId());
        int least = transition.keyExperiences().stream().mapToInt(k -> logged.getOrDefault(k.key(), 0)).min().orElse(0);
        List<Transitions.KeyExperience> candidates = transition.keyExperiences().stream()
                .filter(k -> logged.getOrDefault(k.key(), 0) == least).toList();
        long turn = slot.atZone(zone).toLocalDate().toEpochDay() / Math.max(1, row.cadenceDays());
        return new Suggestion(transition, candidates.get((int) Math.floorMod(turn, (long) candidates.size())));
    }

    Reply card(int entriesThisMonth, boolean afterSnooze, @io.micronaut.core.annotation.Nullable Suggestion suggestion) {
        Map<String, Object> data = new HashMap<>();
        data.put("title", afterSnooze ? "Your snoozed reflection reminder" : "Time for a reflection");
        data.put("intro", "What happened recently that taught you something about leading? A few lines is enough:"
                + " what happened, what it meant, what you'll do next. Please leave out anything that could identify a patient.");
        data.put("streak", entriesThisMonth == 0 ? "" : entriesThisMonth + (entriesThisMonth == 1 ? " entry" : " entries")
                + " this month. Keep it going!");
        data.put("suggested", suggestion != null);
        data.put("keyExperienceHeading", suggestion == null ? "" : "A key experience of " + suggestion.transition().name()
                + " to reflect on");
        data.put("keyExperienceName", suggestion == null ? "" : suggestion.experience().name());
        data.put("keyExperienceText", suggestion == null ? "" : suggestion.experience().text());
        data.put("keyExperienceSource", suggestion == null ? "" : "One of the experiences the scheme's Guidance on Career"
                + " Transitions names for your development stream. Did anything you did recently count towards it?");
        data.put("keyExperience", suggestion == null ? "" : suggestion.experience().key());
        return Reply.card(templates.render("reflection-prompt", data));
    }

    /** Moves each prompted (or skipped) participant's cadence on; runs in the enqueue's transaction. */
    static void record(Connection c, List<Update> updates, Instant now) throws SQLException {
        if (updates.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO reflection_prompt (person_id, updated_at) VALUES (?, ?) ON CONFLICT DO NOTHING");
             PreparedStatement update = c.prepareStatement("""
                     UPDATE reflection_prompt SET
                         last_prompted_at = CASE WHEN ? THEN last_prompted_at ELSE ? END,
                         snoozed_until = CASE WHEN ? THEN NULL ELSE snoozed_until END,
                         updated_at = ?
                     WHERE person_id = ?""")) {
            for (Update u : updates) {
                insert.setLong(1, u.personId());
                insert.setObject(2, utc(now));
                insert.addBatch();
                update.setBoolean(1, u.endsSnooze());
                update.setObject(2, utc(u.slot()));
                update.setBoolean(3, u.endsSnooze());
                update.setObject(4, utc(now));
                update.setLong(5, u.personId());
                update.addBatch();
            }
            insert.executeBatch();
            update.executeBatch();
        }
    }

    static java.time.OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static List<Row> participants(Connection c) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("""
                SELECT p.id, p.time_zone, co.reflective_prompt_days, co.starts_on, co.ends_on,
                       r.weekday, r.minute_of_day, r.last_prompted_at, r.snoozed_until, r.paused_until,
                       p.development_stream
                FROM person p JOIN cohort co ON co.id = p.cohort_id
                LEFT JOIN reflection_prompt r ON r.person_id = p.id
                WHERE p.role = 'PARTICIPANT' AND p.status = 'ACTIVE' AND p.anonymised_at IS NULL""");
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                int weekday = rs.getObject(6) == null ? 4 : rs.getInt(6);
                int minute = rs.getObject(7) == null ? 16 * 60 : rs.getInt(7);
                java.time.OffsetDateTime last = rs.getObject(8, java.time.OffsetDateTime.class);
                java.time.OffsetDateTime snoozed = rs.getObject(9, java.time.OffsetDateTime.class);
                rows.add(new Row(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getObject(4, LocalDate.class),
                        rs.getObject(5, LocalDate.class),
                        new PromptRules.State(DayOfWeek.of(weekday), LocalTime.of(minute / 60, minute % 60),
                                last == null ? null : last.toInstant(), snoozed == null ? null : snoozed.toInstant(),
                                rs.getObject(10, LocalDate.class)),
                        rs.getString(11) == null ? null : DevelopmentStream.valueOf(rs.getString(11))));
            }
        }
        return rows;
    }
}
