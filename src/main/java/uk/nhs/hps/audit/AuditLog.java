package uk.nhs.hps.audit;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import org.slf4j.MDC;

import java.time.Clock;
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

    AuditLog(AuditEvents events, Clock clock) {
        this.events = events;
        this.clock = clock;
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

    public List<AuditEvent> latestFirst(int limit) {
        return events.latest(Math.max(1, Math.min(limit, 1000)));
    }
}
