package uk.nhs.hps.audit;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import org.slf4j.MDC;

import io.micronaut.transaction.TransactionOperations;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The append-only record of who read or changed whose personal data, and why. Every read of another
 * person's data, every export, import and erasure is written here.
 */
@Singleton
public class AuditLog {

    /** Audit actions written by this service. Features may add their own names. */
    public static final String READ = "READ";
    public static final String EXPORT = "SUBJECT_ACCESS_EXPORT";
    public static final String IMPORT = "ROSTER_IMPORT";
    public static final String ERASURE = "ERASURE";
    public static final String STATUS_CHANGE = "STATUS_CHANGE";
    public static final String SPONSOR_CHANGE = "SPONSOR_CHANGE";
    public static final String PROGRAMME_TEAM_CHANGE = "PROGRAMME_TEAM_CHANGE";
    public static final String DENIED = "ACCESS_DENIED";

    private static final int MAX_DETAIL = 2000;

    private final AuditEvents events;
    private final Clock clock;
    private final TransactionOperations<Connection> transactions;

    AuditLog(AuditEvents events, Clock clock, TransactionOperations<Connection> transactions) {
        this.events = events;
        this.clock = clock;
        this.transactions = transactions;
    }

    /** Which lines to read: each part null for any; {@code from} inclusive, {@code until} exclusive. */
    public record Filter(@Nullable String actor, @Nullable String action, @Nullable Long subjectPersonId,
                         @Nullable Instant from, @Nullable Instant until) {
    }

    /** The actor name for a person: their id, never their e-mail, so the log holds nothing identifying. */
    public static String person(long personId) {
        return "person:" + personId;
    }

    public void record(String actor, String action, @Nullable Long subjectPersonId, @Nullable String why) {
        String detail = why == null ? null : (why.length() > MAX_DETAIL ? why.substring(0, MAX_DETAIL) : why);
        events.save(new AuditEvent(null, clock.instant(), actor, action, subjectPersonId, detail,
                MDC.get("correlationId")));
    }

    public List<AuditEvent> about(long subjectPersonId) {
        return events.findBySubjectPersonIdOrderByOccurredAt(subjectPersonId);
    }

    public List<AuditEvent> by(String actor) {
        return events.findByActorOrderByOccurredAt(actor);
    }

    /** How many lines match. */
    public int count(Filter filter) {
        List<Object> parameters = new ArrayList<>();
        String where = where(filter, parameters);
        return transactions.executeRead(status -> {
            try (PreparedStatement s = status.getConnection().prepareStatement("SELECT COUNT(*) FROM audit_event" + where)) {
                bind(s, parameters);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        });
    }

    /** Matching lines, latest first, {@code limit} of them after skipping {@code offset}. */
    public List<AuditEvent> search(Filter filter, int offset, int limit) {
        List<Object> parameters = new ArrayList<>();
        String sql = "SELECT id, occurred_at, actor, action, subject_person_id, detail, correlation_id FROM audit_event"
                + where(filter, parameters) + " ORDER BY id DESC LIMIT " + Math.max(0, limit) + " OFFSET " + Math.max(0, offset);
        return transactions.executeRead(status -> {
            try (PreparedStatement s = status.getConnection().prepareStatement(sql)) {
                bind(s, parameters);
                List<AuditEvent> out = new ArrayList<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        long subject = rs.getLong(5);
                        out.add(new AuditEvent(rs.getLong(1), rs.getObject(2, OffsetDateTime.class).toInstant(), rs.getString(3),
                                rs.getString(4), rs.wasNull() ? null : subject, rs.getString(6), rs.getString(7)));
                    }
                }
                return out;
            }
        });
    }

    /** Every action name in the log, alphabetically, for choosing one. */
    public List<String> actions() {
        return transactions.executeRead(status -> {
            try (PreparedStatement s = status.getConnection().prepareStatement("SELECT DISTINCT action FROM audit_event ORDER BY action");
                 ResultSet rs = s.executeQuery()) {
                List<String> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
                return out;
            }
        });
    }

    private static String where(Filter f, List<Object> parameters) {
        List<String> clauses = new ArrayList<>();
        if (f.actor() != null) {
            clauses.add("actor = ?");
            parameters.add(f.actor());
        }
        if (f.action() != null) {
            clauses.add("action = ?");
            parameters.add(f.action());
        }
        if (f.subjectPersonId() != null) {
            clauses.add("subject_person_id = ?");
            parameters.add(f.subjectPersonId());
        }
        if (f.from() != null) {
            clauses.add("occurred_at >= ?");
            parameters.add(f.from().atOffset(ZoneOffset.UTC));
        }
        if (f.until() != null) {
            clauses.add("occurred_at < ?");
            parameters.add(f.until().atOffset(ZoneOffset.UTC));
        }
        return clauses.isEmpty() ? "" : " WHERE " + String.join(" AND ", clauses);
    }

    private static void bind(PreparedStatement s, List<Object> parameters) throws SQLException {
        for (int i = 0; i < parameters.size(); i++) {
            s.setObject(i + 1, parameters.get(i));
        }
    }

    public List<AuditEvent> latestFirst(int limit) {
        return events.latest(Math.max(1, Math.min(limit, 1000)));
    }
}
