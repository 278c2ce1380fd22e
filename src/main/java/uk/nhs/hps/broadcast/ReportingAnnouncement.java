package uk.nhs.hps.broadcast;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import uk.nhs.hps.access.Access;
import uk.nhs.hps.access.NotFound;
import uk.nhs.hps.audit.AuditLog;
import uk.nhs.hps.csv.CsvCells;
import uk.nhs.hps.delivery.OutboundMessage;
import uk.nhs.hps.delivery.OutboundStatus;
import uk.nhs.hps.delivery.Outbox;
import uk.nhs.hps.people.Cohort;
import uk.nhs.hps.people.CohortRepository;
import uk.nhs.hps.people.Person;
import uk.nhs.hps.people.PersonRepository;

import java.sql.Connection;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Where an announcement has got to: totals, failures by reason, each recipient, and a CSV of it all. */
@Singleton
public class ReportingAnnouncement {

    @io.micronaut.serde.annotation.Serdeable
    public record Status(long announcementId, String title, String state, @Nullable Instant sendAt, int total, int sent,
                         int failed, Map<String, Integer> failedByReason, int unknown, int acknowledged, int pending,
                         int cancelled) {
    }

    @io.micronaut.serde.annotation.Serdeable
    public record Recipient(long personId, String name, String email, String status, @Nullable String reason,
                            @Nullable Instant sentAt, @Nullable Instant acknowledgedAt) {
    }

    /** Everything an announcement's console page shows: what it says, where delivery has got to, and to whom. */
    public record Overview(Announcement announcement, Audience audience, List<String> cohortNames, Status status,
                           List<Recipient> recipients) {
    }

    private final AnnouncementRepository announcements;
    private final Acknowledgement.Repository acknowledgements;
    private final Outbox outbox;
    private final PersonRepository people;
    private final CohortRepository cohorts;
    private final Access access;
    private final AuditLog audit;
    private final TransactionOperations<Connection> transactions;

    ReportingAnnouncement(AnnouncementRepository announcements, Acknowledgement.Repository acknowledgements,
                          Outbox outbox, PersonRepository people, CohortRepository cohorts, Access access, AuditLog audit,
                          TransactionOperations<Connection> transactions) {
        this.audit = audit;
        this.transactions = transactions;
        this.announcements = announcements;
        this.acknowledgements = acknowledgements;
        this.outbox = outbox;
        this.people = people;
        this.cohorts = cohorts;
        this.access = access;
    }

    public List<Announcement> list(Long actorId) {
        Broadcasters.require(access, actorId, "list announcements");
        return announcements.findAllOrderByCreatedAtDesc();
    }

    /** One announcement as written, with its audience (for the compose form and the edit form). */
    public Announcement announcement(long announcementId, Long actorId) {
        Broadcasters.require(access, actorId, "read announcement");
        return find(announcementId);
    }

    /**
     * The announcement with its delivery and recipients, for its console pages, which name the people whose copy
     * failed and who have not acknowledged: those reads are audited (as {@link #recipients}), the counts are not.
     */
    public Overview overview(long announcementId, Long actorId) {
        Announcement a = announcement(announcementId, actorId);
        Audience audience = Audience.fromJson(a.audience());
        List<String> cohortNames = audience.cohortIds().stream()
                .map(id -> cohorts.findById(id).map(Cohort::name).orElse("a cohort that no longer exists")).toList();
        List<Recipient> recipients = recipientsOf(a);
        auditRead(actorId, a, recipients.stream().filter(r -> "FAILED".equals(r.status()) || "UNKNOWN".equals(r.status())
                || (a.askAcknowledgement() && "SENT".equals(r.status()) && r.acknowledgedAt() == null)).toList(),
                "console: announcement page");
        return new Overview(a, audience, cohortNames, status(announcementId, actorId), recipients);
    }

    public Status status(long announcementId, Long actorId) {
        Broadcasters.require(access, actorId, "announcement status");
        Announcement a = find(announcementId);
        List<OutboundMessage> copies = copies(a);
        Map<OutboundStatus, Long> counts = copies.stream()
                .collect(Collectors.groupingBy(OutboundMessage::status, Collectors.counting()));
        Map<String, Integer> reasons = new TreeMap<>();
        copies.stream().filter(c -> c.status() == OutboundStatus.FAILED)
                .forEach(c -> reasons.merge(c.lastError() == null ? "unknown reason" : c.lastError(), 1, Integer::sum));
        int pending = (int) (count(counts, OutboundStatus.PENDING) + count(counts, OutboundStatus.CLAIMED)
                + count(counts, OutboundStatus.SENDING) + count(counts, OutboundStatus.HELD));
        return new Status(a.id(), a.title(), a.status().name(), a.sendAt(), copies.size(),
                (int) count(counts, OutboundStatus.SENT), (int) count(counts, OutboundStatus.FAILED), reasons,
                (int) count(counts, OutboundStatus.UNKNOWN), (int) acknowledgements.countByAnnouncementId(a.id()),
                pending, (int) count(counts, OutboundStatus.CANCELLED));
    }

    /** Every recipient with their e-mail and delivery: a read of each one's data, audited as the people API's reads are. */
    public List<Recipient> recipients(long announcementId, Long actorId) {
        return recipients(announcementId, actorId, "announcement recipients");
    }

    private List<Recipient> recipients(long announcementId, Long actorId, String why) {
        Broadcasters.require(access, actorId, why);
        Announcement a = find(announcementId);
        List<Recipient> recipients = recipientsOf(a);
        auditRead(actorId, a, recipients, why);
        return recipients;
    }

    /** One READ row per person read, by the reader, in one transaction (a cohort's list is thousands of rows). */
    private void auditRead(@Nullable Long actorId, Announcement a, List<Recipient> read, String why) {
        if (read.isEmpty()) {
            return;
        }
        String actor = actorId == null ? "dev-token" : AuditLog.person(actorId);
        transactions.executeWrite(status -> {
            for (Recipient r : read) {
                if (!Long.valueOf(r.personId()).equals(actorId)) {
                    audit.record(actor, AuditLog.READ, r.personId(), "ANNOUNCEMENT_RECIPIENTS: " + why + " of announcement " + a.id());
                }
            }
            return null;
        });
    }

    private List<Recipient> recipientsOf(Announcement a) {
        Map<Long, Instant> acks = acknowledgements.findByAnnouncementId(a.id()).stream()
                .collect(Collectors.toMap(Acknowledgement::personId, Acknowledgement::acknowledgedAt, (x, y) -> x));
        List<OutboundMessage> copies = copies(a);
        Map<Long, Person> byId = people.findByIdIn(copies.stream().map(OutboundMessage::personId).toList()).stream()
                .collect(Collectors.toMap(Person::id, Function.identity()));
        return copies.stream().map(c -> {
            Person p = byId.get(c.personId());
            return new Recipient(c.personId(), p == null ? "" : p.displayName(), p == null ? "" : p.email(),
                    c.status().name(), c.lastError(), c.sentAt(), acks.get(c.personId()));
        }).toList();
    }

    /** The recipient list as CSV; every cell is neutralised so a spreadsheet never runs it as a formula. */
    public String csv(long announcementId, Long actorId) {
        StringBuilder csv = new StringBuilder("name,email,status,reason,sent_at,acknowledged_at\r\n");
        for (Recipient r : recipients(announcementId, actorId, "announcement recipients export")) {
            csv.append(String.join(",", cell(r.name()), cell(r.email()), cell(r.status()), cell(r.reason()),
                    cell(r.sentAt() == null ? "" : r.sentAt().toString()),
                    cell(r.acknowledgedAt() == null ? "" : r.acknowledgedAt().toString()))).append("\r\n");
        }
        return csv.toString();
    }

    private static String cell(String value) {
        String safe = CsvCells.neutralise(value == null ? "" : value);
        return "\"" + safe.replace("\"", "\"\"") + "\"";
    }

    /** Each recipient's copy (not previews, not earlier attempts superseded by a resend). */
    private List<OutboundMessage> copies(Announcement a) {
        return latestPerRecipient(outbox.campaign(a.campaign()));
    }

    /** Of a campaign's rows, the newest for each recipient: a resend supersedes the copy that failed. */
    static List<OutboundMessage> latestPerRecipient(List<OutboundMessage> rows) {
        Map<Long, OutboundMessage> latest = new TreeMap<>();
        for (OutboundMessage m : rows) {
            latest.merge(m.personId(), m, (x, y) -> x.id() > y.id() ? x : y);
        }
        return List.copyOf(latest.values());
    }

    private static long count(Map<OutboundStatus, Long> counts, OutboundStatus status) {
        return counts.getOrDefault(status, 0L);
    }

    private Announcement find(long id) {
        return announcements.findById(id).orElseThrow(() -> new NotFound("No announcement " + id + "."));
    }
}
