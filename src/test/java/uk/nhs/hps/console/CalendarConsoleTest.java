package uk.nhs.hps.console;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import uk.nhs.hps.people.Cohort;
import uk.nhs.hps.people.CohortRepository;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/** The console's calendar page over HTTP: bank holidays, quiet hours and each cohort's meeting nudge times. */
@MicronautTest(transactional = false, environments = "dev")
class CalendarConsoleTest extends ConsoleTestBase {

    @Inject
    CohortRepository cohorts;
    @Inject
    TransactionOperations<Connection> db;

    @Test
    void thePageShowsTheShippedHolidaysTheQuietHoursAndEachCohortsNudgeTimes() {
        long cohort = cohort("Calendar Shown 2027");
        ConsoleHttp console = new ConsoleHttp(base()).signIn(patId);

        String page = console.get("/console/calendar").body();

        assertThat(page).contains("Monday 27 December 2027", "Boxing Day", "England and Wales list", "from 08:00 until 18:00",
                "Calendar Shown 2027", "value=\"09:00\"", "value=\"15\"", "id=\"nudgeAt-" + cohort + "\"");
    }

    @Test
    void anAddedBankHolidayIsWrittenAndAuditedOnceEvenWhenPostedTwice() {
        ConsoleHttp console = new ConsoleHttp(base()).signIn(patId);
        String form = "date=2027-06-14&name=Jubilee+extra";

        HttpResponse<String> first = console.post("/console/calendar/bank-holidays", form);
        HttpResponse<String> second = console.post("/console/calendar/bank-holidays", form);

        assertThat(first.statusCode()).isEqualTo(303);
        assertThat(second.statusCode()).isEqualTo(303);
        assertThat(count("SELECT COUNT(*) FROM audit_event WHERE action = 'BANK_HOLIDAY_ADDED' AND detail = '2027-06-14' AND actor = ?",
                "person:" + patId)).isEqualTo(1);
        assertThat(console.get(first.headers().firstValue("Location").orElseThrow()).body())
                .contains("14 June 2027 was added as a bank holiday.", "Jubilee extra", "Added by the programme team");
        assertThat(console.get(second.headers().firstValue("Location").orElseThrow()).body())
                .contains("14 June 2027 is already a bank holiday with that name, so nothing was changed.");
    }

    @Test
    void aDateThatIsNotADateShowsTheProblemAndAddsNothing() {
        ConsoleHttp console = new ConsoleHttp(base()).signIn(patId);
        long before = count("SELECT COUNT(*) FROM bank_holiday_override");

        HttpResponse<String> response = console.post("/console/calendar/bank-holidays", "date=2027-02-30&name=Nope");

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.body()).contains("There is a problem", "href=\"#date\"", "is not a date", "value=\"2027-02-30\"",
                "value=\"Nope\"");
        assertThat(count("SELECT COUNT(*) FROM bank_holiday_override")).isEqualTo(before);
    }

    @Test
    void aWeekendDayIsRefusedWithTheReason() {
        ConsoleHttp console = new ConsoleHttp(base()).signIn(patId);

        HttpResponse<String> response = console.post("/console/calendar/bank-holidays", "date=2027-06-12");

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.body()).contains("href=\"#date\"", "is a Saturday, already not a working day");
    }

    @Test
    void removingAsksFirstThenRemovesOnceEvenWhenConfirmedTwice() {
        ConsoleHttp console = new ConsoleHttp(base()).signIn(patId);
        console.post("/console/calendar/bank-holidays", "date=2027-07-05&name=Summer+extra");

        HttpResponse<String> asked = console.post("/console/calendar/bank-holidays/remove", "date=2027-07-05");
        assertThat(asked.statusCode()).isEqualTo(200);
        assertThat(asked.body()).contains("Remove Summer extra, Monday 5 July 2027?", "Yes, remove it");
        assertThat(count("SELECT COUNT(*) FROM bank_holiday_override WHERE holiday_on = DATE '2027-07-05'")).isEqualTo(1);

        HttpResponse<String> first = console.post("/console/calendar/bank-holidays/remove", "date=2027-07-05&confirm=yes");
        HttpResponse<String> second = console.post("/console/calendar/bank-holidays/remove", "date=2027-07-05&confirm=yes");

        assertThat(first.headers().firstValue("Location").orElseThrow()).contains("done=removed");
        assertThat(second.headers().firstValue("Location").orElseThrow()).contains("done=notholiday");
        assertThat(count("SELECT COUNT(*) FROM audit_event WHERE action = 'BANK_HOLIDAY_REMOVED' AND detail = '2027-07-05'")).isEqualTo(1);
    }

    @Test
    void aCohortsNudgeTimesAreChangedAndAuditedOnceEvenWhenPostedTwice() {
        long cohort = cohort("Calendar Nudges 2027");
        ConsoleHttp console = new ConsoleHttp(base()).signIn(patId);
        String form = "nudgeAt=10:30&secondNudgeDay=20";

        HttpResponse<String> first = console.post("/console/calendar/cohorts/" + cohort + "/meeting-nudges", form);
        HttpResponse<String> second = console.post("/console/calendar/cohorts/" + cohort + "/meeting-nudges", form);

        assertThat(first.headers().firstValue("Location").orElseThrow()).contains("done=nudges#");
        assertThat(second.headers().firstValue("Location").orElseThrow()).contains("done=nudges-unchanged");
        assertThat(text("SELECT meeting_nudge_at || ' ' || meeting_second_nudge_day FROM cohort WHERE id = ?", cohort)).isEqualTo("10:30 20");
        assertThat(count("SELECT COUNT(*) FROM audit_event WHERE action = 'MEETING_NUDGE_TIMES_CHANGE' AND actor = ? AND detail = ?",
                "person:" + patId, "cohort " + cohort + ": nudges at 10:30, second nudge on day 20")).isEqualTo(1);
    }

    @Test
    void aTimeOutsideTheNudgingHoursShowsTheProblemAndChangesNothing() {
        long cohort = cohort("Calendar Late 2027");
        ConsoleHttp console = new ConsoleHttp(base()).signIn(patId);

        HttpResponse<String> response = console.post("/console/calendar/cohorts/" + cohort + "/meeting-nudges",
                "nudgeAt=19:00&secondNudgeDay=20");

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.body()).contains("href=\"#nudgeAt-" + cohort + "\"", "Nudges go out between 08:00 and 18:00",
                "value=\"19:00\"");
        assertThat(text("SELECT COALESCE(meeting_nudge_at, 'none') FROM cohort WHERE id = ?", cohort)).isEqualTo("none");
    }

    @Test
    void aSecondNudgeDayThatIsNotInEveryMonthIsRefused() {
        long cohort = cohort("Calendar Day 2027");
        ConsoleHttp console = new ConsoleHttp(base()).signIn(patId);

        HttpResponse<String> response = console.post("/console/calendar/cohorts/" + cohort + "/meeting-nudges",
                "nudgeAt=10:00&secondNudgeDay=31");

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.body()).contains("href=\"#secondNudgeDay-" + cohort + "\"", "between 2 and 28");
        assertThat(text("SELECT COALESCE(meeting_nudge_at, 'none') FROM cohort WHERE id = ?", cohort)).isEqualTo("none");
    }

    @Test
    void useTheDefaultsPutsTheCohortBackOnTheServiceTimes() {
        long cohort = cohort("Calendar Reset 2027");
        ConsoleHttp console = new ConsoleHttp(base()).signIn(patId);
        console.post("/console/calendar/cohorts/" + cohort + "/meeting-nudges", "nudgeAt=11:00&secondNudgeDay=10");

        console.post("/console/calendar/cohorts/" + cohort + "/meeting-nudges", "nudgeAt=11:00&secondNudgeDay=10&defaults=yes");

        assertThat(text("SELECT COALESCE(meeting_nudge_at, 'none') || ' ' || COALESCE(CAST(meeting_second_nudge_day AS VARCHAR(3)), 'none')"
                + " FROM cohort WHERE id = ?", cohort)).isEqualTo("none none");
    }

    @Test
    void theAdminApisChangeOfNudgeTimesIsAuditedToo() {
        long cohort = cohort("Calendar Api 2027");

        HttpResponse<String> response = send("PUT", "/admin/api/cohorts/" + cohort + "/meeting-nudges",
                "{\"nudgeAt\":\"10:15\",\"secondNudgeDay\":12}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(count("SELECT COUNT(*) FROM audit_event WHERE action = 'MEETING_NUDGE_TIMES_CHANGE' AND detail = ?",
                "cohort " + cohort + ": nudges at 10:15, second nudge on day 12")).isEqualTo(1);
    }

    private long cohort(String name) {
        Instant now = Instant.now();
        return cohorts.save(new Cohort(null, name, Cohort.key(name), LocalDate.of(2027, 9, 1), LocalDate.of(2029, 8, 31),
                "Europe/London", 14, now, now)).id();
    }

    private String text(String sql, Object... parameters) {
        return db.executeRead(status -> {
            try (PreparedStatement s = status.getConnection().prepareStatement(sql)) {
                for (int i = 0; i < parameters.length; i++) {
                    s.setObject(i + 1, parameters[i]);
                }
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    return rs.getString(1);
                }
            }
        });
    }

    private long count(String sql, Object... parameters) {
        return db.executeRead(status -> {
            try (PreparedStatement s = status.getConnection().prepareStatement(sql)) {
                for (int i = 0; i < parameters.length; i++) {
                    s.setObject(i + 1, parameters[i]);
                }
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }
}
