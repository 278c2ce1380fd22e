package uk.nhs.hps.privacy;

import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import io.micronaut.core.annotation.Nullable;
import uk.nhs.hps.access.Access;
import uk.nhs.hps.access.Action;
import uk.nhs.hps.access.NotFound;
import uk.nhs.hps.audit.AuditLog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Erasure (UK GDPR art. 17): irreversibly anonymises a person. The person row keeps only non-identifying
 * facts (role, cohort, status dates) so cohort-level counts still add up; identities and conversation
 * references are deleted; every other table about people is blanked by its feature's eraser, or by
 * nulling its nullable text columns. The audit log keeps its rows: it never holds identifying text.
 * All in one transaction: nothing is half-erased.
 */
@Singleton
public class ErasingPerson {

    /** Tables erased here or deliberately kept (audit: ids only, append-only). */
    private static final Set<String> BUILT_IN = Set.of("teams_identity", "roster_upload", "audit_event",
            "programme_team_member", "sponsorship", "coach_assignment");

    private final TransactionOperations<Connection> transactions;
    private final PersonalDataTables tables;
    private final List<PersonalDataEraser> erasers;
    private final AuditLog audit;
    private final Access programmeTeam;
    private final Clock clock;

    static final int MAX_REASON = 500;
    /** Tables an erasure leaves as they are: ids and dates only (the audit log; who sponsored or coached whom, when). */
    private static final Set<String> KEPT = Set.of("audit_event", "sponsorship", "coach_assignment");

    ErasingPerson(TransactionOperations<Connection> transactions, PersonalDataTables tables,
                  List<PersonalDataEraser> erasers, AuditLog audit, Access programmeTeam, Clock clock) {
        this.transactions = transactions;
        this.tables = tables;
        this.erasers = List.copyOf(erasers);
        this.audit = audit;
        this.programmeTeam = programmeTeam;
        this.clock = clock;
    }

    /** Throws {@link IllegalArgumentException} when there is no such person. */
    public ErasureReport erase(long personId, String actor, String why) {
        List<PersonalDataTables.Table> about = tables.aboutPeople();
        return transactions.executeWrite(status -> eraseIn(status.getConnection(), about, personId, actor, why));
    }

    /**
     * What an erasure of the person would remove or blank: their own row and the rows that refer to them, table by
     * table (only tables with rows; not the tables it keeps, which hold ids and dates only).
     */
    public record Preview(long personId, String name, String email, @Nullable Instant erasedAt, Map<String, Integer> rows) {
    }

    /** The console's erasure: what happened, or why nothing did. */
    public sealed interface Outcome permits Erased, AlreadyErased, NotConfirmed {
    }

    /** Erased now; {@code name} is the name the person had. */
    public record Erased(String name, ErasureReport report) implements Outcome {
    }

    /** Erased before (a second press, or someone else): nothing more was done. */
    public record AlreadyErased(Instant erasedAt) implements Outcome {
    }

    /** The typed confirmation or the reason was missing or wrong; field name to message. Nothing was changed. */
    public record NotConfirmed(Map<String, String> errors) implements Outcome {
    }

    /**
     * What erasing would remove, for the confirmation page: authorised as the erasure itself (nothing is read
     * beyond the person's name and row counts). {@link NotFound} when there is no such person.
     */
    public Preview preview(long actorId, long personId) {
        List<PersonalDataTables.Table> about = tables.aboutPeople();
        transactions.executeRead(status -> named(status.getConnection(), personId, false));
        // outside the read-only transaction: a refusal is written to the audit log
        programmeTeam.require(actorId, Action.ERASE_PERSONAL_DATA, personId, "console: erasure preview");
        return transactions.executeRead(status -> {
            Connection c = status.getConnection();
            Named person = named(c, personId, false);
            Map<String, Integer> rows = new LinkedHashMap<>();
            rows.put("person", 1);
            for (PersonalDataTables.Table table : about) {
                if (KEPT.contains(table.name())) {
                    continue;
                }
                int n = countAbout(c, table, personId);
                if (n > 0) {
                    rows.put(table.name(), n);
                }
            }
            return new Preview(personId, person.name(), person.email(), person.erasedAt(), rows);
        });
    }

    /**
     * Erases once the person's current name is typed exactly (surrounding spaces aside) and a reason is given.
     * The person's row is locked first, so two presses (or two members at once) erase once: the second is told
     * it is already done. {@link NotFound} when there is no such person.
     */
    public Outcome eraseConfirmed(long actorId, long personId, @Nullable String typedName, @Nullable String reason) {
        String why = reason == null ? "" : reason.strip();
        transactions.executeRead(status -> named(status.getConnection(), personId, false));
        programmeTeam.require(actorId, Action.ERASE_PERSONAL_DATA, personId, why.isEmpty() ? "console: erasure" : why);
        List<PersonalDataTables.Table> about = tables.aboutPeople();
        return transactions.executeWrite(status -> {
            Connection c = status.getConnection();
            Named person = named(c, personId, true);
            if (person.erasedAt() != null) {
                return new AlreadyErased(person.erasedAt());
            }
            Map<String, String> errors = new LinkedHashMap<>();
            if (why.isEmpty()) {
                errors.put("reason", "Enter why they are being erased (it is kept in the audit log).");
            } else if (why.length() > MAX_REASON) {
                errors.put("reason", "The reason must be " + MAX_REASON + " characters or fewer.");
            }
            if (typedName == null || typedName.isBlank()) {
                errors.put("confirmName", "Type the person's name to confirm.");
            } else if (!typedName.strip().equals(person.name())) {
                errors.put("confirmName", "The name typed does not match. Type it exactly as shown, capital letters included.");
            }
            if (!errors.isEmpty()) {
                return new NotConfirmed(errors);
            }
            return new Erased(person.name(), eraseIn(c, about, personId, AuditLog.person(actorId), why));
        });
    }

    private ErasureReport eraseIn(Connection c, List<PersonalDataTables.Table> about, long personId, String actor, String why)
            throws SQLException {
        // erasure ends membership too, so it may not leave the programme team without a current member
        programmeTeam.keepsAnActiveProgrammeTeamMember(personId, "erased");
        String email = emailOf(c, personId);
        Map<String, Integer> changed = new LinkedHashMap<>();
        List<String> unhandled = new ArrayList<>();
        // features first: their rows may be keyed by the Teams ids deleted below
        Set<String> claimed = new HashSet<>(BUILT_IN);
        for (PersonalDataEraser eraser : erasers) {
            int rows = eraser.erase(c, personId, email);
            eraser.tables().forEach(t -> changed.put(t, rows));
            claimed.addAll(eraser.tables());
        }
        changed.put("teams_identity", update(c, "DELETE FROM teams_identity WHERE person_id = ?", personId));
        changed.put("programme_team_member", update(c, "DELETE FROM programme_team_member WHERE person_id = ?", personId));
        changed.put("roster_upload", redactUploads(c, email));
        for (PersonalDataTables.Table table : about) {
            if (claimed.contains(table.name())) {
                continue;
            }
            changed.put(table.name(), blankNullableText(c, table, personId));
            table.columns().stream().filter(col -> col.text() && !col.nullable())
                    .forEach(col -> unhandled.add(table.name() + "." + col.name()));
        }
        changed.put("person", anonymisePerson(c, personId));
        audit.record(actor, AuditLog.ERASURE, personId, why);
        return new ErasureReport(personId, changed, unhandled);
    }

    private record Named(String name, String email, @Nullable Instant erasedAt) {
    }

    private static Named named(Connection c, long personId, boolean lock) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT display_name, email, anonymised_at FROM person WHERE id = ?"
                + (lock ? " FOR UPDATE" : ""))) {
            s.setLong(1, personId);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    throw new NotFound("There is no person " + personId + ".");
                }
                java.sql.Timestamp erased = rs.getTimestamp(3);
                return new Named(rs.getString(1), rs.getString(2), erased == null ? null : erased.toInstant());
            }
        }
    }

    private static int countAbout(Connection c, PersonalDataTables.Table table, long personId) throws SQLException {
        String where = String.join(" OR ", table.personColumns().stream().map(n -> n + " = ?").toList());
        // names come from the database metadata, never from a request
        try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM " + table.name() + " WHERE " + where)) {
            for (int i = 1; i <= table.personColumns().size(); i++) {
                s.setLong(i, personId);
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static String emailOf(Connection c, long personId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT email FROM person WHERE id = ?")) {
            s.setLong(1, personId);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalArgumentException("No person " + personId + ".");
                }
                return rs.getString(1);
            }
        }
    }

    private int anonymisePerson(Connection c, long personId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE person SET email = ?, display_name = 'Erased person',"
                + " aad_object_id = NULL, organisation = NULL, band = NULL, development_stream = NULL, status = 'LEFT', status_reason = NULL,"
                + " anonymised_at = ?, updated_at = ? WHERE id = ?")) {
            java.sql.Timestamp now = java.sql.Timestamp.from(clock.instant());
            s.setString(1, "erased-" + personId + "@erased.invalid");
            s.setTimestamp(2, now);
            s.setTimestamp(3, now);
            s.setLong(4, personId);
            return s.executeUpdate();
        }
    }

    /** A staged roster file that names the person loses its content (it names others too, so it cannot be kept). */
    private static int redactUploads(Connection c, String email) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT id, content FROM roster_upload WHERE content IS NOT NULL");
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                String content = rs.getString(2);
                if (content != null && content.toLowerCase(java.util.Locale.ROOT).contains(email)) {
                    ids.add(rs.getLong(1));
                }
            }
        }
        int changed = 0;
        for (Long id : ids) {
            changed += update(c, "UPDATE roster_upload SET content = NULL, file_name = NULL, failure = NULL, claim_token = NULL, status = 'REDACTED' WHERE id = ?", id);
        }
        return changed;
    }

    private static int blankNullableText(Connection c, PersonalDataTables.Table table, long personId) throws SQLException {
        List<String> nullableText = table.columns().stream()
                .filter(col -> col.text() && col.nullable() && !table.personColumns().contains(col.name()))
                .map(PersonalDataTables.Column::name).toList();
        if (nullableText.isEmpty()) {
            return 0;
        }
        String set = String.join(", ", nullableText.stream().map(n -> n + " = NULL").toList());
        String where = String.join(" OR ", table.personColumns().stream().map(n -> n + " = ?").toList());
        // names come from the database metadata, never from a request
        try (PreparedStatement s = c.prepareStatement("UPDATE " + table.name() + " SET " + set + " WHERE " + where)) {
            for (int i = 1; i <= table.personColumns().size(); i++) {
                s.setLong(i, personId);
            }
            return s.executeUpdate();
        }
    }

    private static int update(Connection c, String sql, long id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, id);
            return s.executeUpdate();
        }
    }
}
