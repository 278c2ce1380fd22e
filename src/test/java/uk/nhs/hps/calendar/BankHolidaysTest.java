package uk.nhs.hps.calendar;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.nhs.hps.admin.AdminApiTestBase;
import uk.nhs.hps.audit.AuditEvent;
import uk.nhs.hps.audit.AuditLog;
import uk.nhs.hps.nudge.EnqueueDueNudges;
import uk.nhs.hps.people.Person;
import uk.nhs.hps.people.PersonStatus;
import uk.nhs.hps.people.Role;
import uk.nhs.hps.people.Sponsorship;
import uk.nhs.hps.people.SponsorshipRepository;
import uk.nhs.hps.support.Activities;
import uk.nhs.hps.support.TestClock;
import uk.nhs.hps.support.TestUsers;

import java.io.IOException;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The programme team edits the bank holidays, in chat and over the admin API; the nudges follow at once. */
@MicronautTest(transactional = false)
class BankHolidaysTest extends AdminApiTestBase {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Monday 1 February 2027, 09:00 in London (GMT): the month's first working day, meeting-nudge time. */
    private static final Instant FIRST_OF_FEBRUARY_0900 = Instant.parse("2027-02-01T09:00:00Z");

    @Inject
    TestClock clock;
    @Inject
    SponsorshipRepository sponsorships;
    @Inject
    EnqueueDueNudges nudges;
    @Inject
    AuditLog audit;
    @Inject
    TransactionOperations<Connection> transactions;

    @Override
    protected Map<String, String> extraProperties() {
        Map<String, String> p = new HashMap<>(super.extraProperties());
        p.put("hps.test.clock", "manual");
        return p;
    }

    @BeforeEach
    void shippedHolidaysAndOnePairing() {
        clock.set(Instant.parse("2027-01-04T10:00:00Z"));
        transactions.executeWrite(status -> {
            try (Statement s = status.getConnection().createStatement()) {
                s.execute("DELETE FROM bank_holiday_override");
                s.execute("DELETE FROM meeting_month");
                s.execute("DELETE FROM outbound_message");
            }
            return null;
        });
        if (people.findByEmail(TestUsers.SAM.email()).isEmpty()) {
            Instant then = Instant.parse("2026-01-01T00:00:00Z");
            Person sam = person(TestUsers.SAM, Role.SPONSOR, then);
            Person alice = person(TestUsers.ALICE, Role.PARTICIPANT, then);
            sponsorships.save(new Sponsorship(null, alice.id(), sam.id(), LocalDate.of(2026, 1, 1), null, then));
            send(Activities.message("hi").from(TestUsers.PAT));
            send(Activities.message("hi").from(TestUsers.ALICE));
        }
        connector.reset();
    }

    @Test
    void programmeTeamSeesTheNextTwelveMonthsInChat() {
        send(Activities.message("bank holidays").from(TestUsers.PAT));

        String text = connector.messages().get(0).text();
        assertThat(text).contains("Fri 26 Mar 2027, Good Friday", "Mon 27 Dec 2027, Christmas Day (substitute day)",
                "bank holidays add 2027-05-03").doesNotContain("2026").doesNotContain("Jan 2027");
    }

    @Test
    void addedHolidayMovesTheFirstWorkingDayNudge() {
        send(Activities.message("bank holidays add 2027-02-01 Extra day").from(TestUsers.PAT));

        clock.set(FIRST_OF_FEBRUARY_0900);
        EnqueueDueNudges.Result onTheHoliday = nudges.run();
        clock.set(FIRST_OF_FEBRUARY_0900.plusSeconds(24 * 3600));
        EnqueueDueNudges.Result nextDay = nudges.run();

        assertThat(connector.messages().get(0).text()).startsWith("Added: Mon 1 Feb 2027, Extra day.");
        assertThat(onTheHoliday.meetingNudges()).isZero();
        assertThat(nextDay.meetingNudges()).isEqualTo(1);
    }

    @Test
    void removedHolidayIsMarkedInTheListAndIsAWorkingDayAgain() {
        send(Activities.message("bank holidays remove 2027-05-03").from(TestUsers.PAT));
        send(Activities.message("bank holidays").from(TestUsers.PAT));

        assertThat(connector.messages().get(0).text()).startsWith("Removed: Mon 3 May 2027 is a working day again");
        assertThat(connector.messages().get(1).text()).contains("~~Mon 3 May 2027, Early May bank holiday~~ (removed by the programme team)");
    }

    @Test
    void othersAreRefusedTheCommandAndNothingChanges() {
        send(Activities.message("bank holidays add 2027-02-01 My day off").from(TestUsers.ALICE));

        assertThat(connector.messages().get(0).text()).isEqualTo("Only the programme team can see and change the bank holidays.");
        assertThat(get("/admin/api/calendar/bank-holidays?from=2027-02-01&to=2027-02-01").body()).isEqualTo("[]");
    }

    @Test
    void aBadDateInChatGetsAClearErrorAndNothingChanges() {
        send(Activities.message("bank holidays add 2027-02-30 Extra day").from(TestUsers.PAT));
        send(Activities.message("bank holidays add 2027-02-06 A Saturday").from(TestUsers.PAT));

        assertThat(connector.messages().get(0).text()).isEqualTo("Sorry: “2027-02-30” is not a date: give it as YYYY-MM-DD,"
                + " for example 2027-05-03. Nothing was changed.");
        assertThat(connector.messages().get(1).text()).contains("2027-02-06 is a Saturday, already not a working day");
        assertThat(get("/admin/api/calendar/bank-holidays?from=2027-02-01&to=2027-02-28").body()).isEqualTo("[]");
    }

    @Test
    void adminApiAddsListsAndRemovesWithAnAuditTrail() throws IOException {
        JsonNode added = JSON.readTree(send("POST", "/admin/api/calendar/bank-holidays",
                "{\"date\":\"2027-06-07\",\"name\":\"Extra day\"}").body());
        JsonNode listed = JSON.readTree(get("/admin/api/calendar/bank-holidays?from=2027-05-01&to=2027-06-30").body());
        int removed = call("DELETE", "/admin/api/calendar/bank-holidays/2027-06-07", entra.token(TestUsers.PAT), null, null).statusCode();
        int removedAgain = call("DELETE", "/admin/api/calendar/bank-holidays/2027-06-07", entra.token(TestUsers.PAT), null, null).statusCode();

        assertThat(added.path("origin").asText()).isEqualTo("ADDED");
        assertThat(listed).extracting(e -> e.path("date").asText() + " " + e.path("origin").asText())
                .containsExactly("2027-05-03 SHIPPED", "2027-05-31 SHIPPED", "2027-06-07 ADDED");
        assertThat(removed).isEqualTo(204);
        assertThat(removedAgain).isEqualTo(404);
        assertThat(audit.latestFirst(20)).extracting(AuditEvent::action)
                .contains("BANK_HOLIDAY_ADDED", "BANK_HOLIDAY_REMOVED");
    }

    @Test
    void adminApiRejectsABadDateClearly() {
        var response = send("POST", "/admin/api/calendar/bank-holidays", "{\"date\":\"03/05/2027\",\"name\":\"Extra day\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("is not a date: give it as YYYY-MM-DD");
        assertThat(call("DELETE", "/admin/api/calendar/bank-holidays/tomorrow", entra.token(TestUsers.PAT), null, null)
                .statusCode()).isEqualTo(400);
    }

    @Test
    void adminApiNeedsAProgrammeTeamToken() {
        assertThat(call("GET", "/admin/api/calendar/bank-holidays", entra.token(TestUsers.ALICE), null, null).statusCode())
                .isIn(401, 403);
        assertThat(call("POST", "/admin/api/calendar/bank-holidays", entra.token(TestUsers.ALICE), "application/json",
                "{\"date\":\"2027-02-01\"}").statusCode()).isIn(401, 403);
        assertThat(call("GET", "/admin/api/calendar/bank-holidays", null, null, null).statusCode()).isEqualTo(401);
    }

    private Person person(TestUsers.User user, Role role, Instant then) {
        return people.save(new Person(null, user.email(), user.name(), role, PersonStatus.ACTIVE, "Europe/London",
                user.aadObjectId(), null, null, null, null, null, null, null, then, then));
    }
}
