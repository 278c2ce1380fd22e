package uk.nhs.hps.meeting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.nhs.hps.nudge.EnqueueDueNudges;
import uk.nhs.hps.people.Person;
import uk.nhs.hps.people.PersonRepository;
import uk.nhs.hps.people.PersonStatus;
import uk.nhs.hps.people.Role;
import uk.nhs.hps.people.Sponsorship;
import uk.nhs.hps.people.SponsorshipRepository;
import uk.nhs.hps.support.Activities;
import uk.nhs.hps.support.BotTestBase;
import uk.nhs.hps.support.TestClock;
import uk.nhs.hps.support.TestUsers;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Sponsor-meeting nudges and buttons as people meet them in Teams, through /api/messages and the outbox. */
@MicronautTest(transactional = false)
class MeetingConversationTest extends BotTestBase {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant FIRST_WORKING_DAY = Instant.parse("2026-12-01T09:00:00Z");

    @Inject
    TestClock clock;
    @Inject
    PersonRepository people;
    @Inject
    SponsorshipRepository sponsorships;
    @Inject
    MeetingMonthRepository months;
    @Inject
    EnqueueDueNudges nudges;
    @Inject
    TransactionOperations<Connection> transactions;
    @Inject
    MeetingDigest digest;
    @Inject
    SponsorMeetingPurpose purpose;

    Person sam;
    Person alice;
    Person bob;
    long aliceSponsorship;
    long bobSponsorship;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("hps.test.clock", "manual");
    }

    @BeforeEach
    void rosterAndChats() {
        clock.set(FIRST_WORKING_DAY);
        transactions.executeWrite(status -> {
            try (Statement s = status.getConnection().createStatement()) {
                s.execute("DELETE FROM meeting_month");
                s.execute("DELETE FROM outbound_message");
            }
            return null;
        });
        if (sam == null) {
            Instant then = Instant.parse("2026-01-01T00:00:00Z");
            sam = person(TestUsers.SAM, Role.SPONSOR, then);
            alice = person(TestUsers.ALICE, Role.PARTICIPANT, then);
            bob = people.save(new Person(null, "bob.participant@nhs.net", "Bob Participant", Role.PARTICIPANT, PersonStatus.ACTIVE,
                    "Europe/London", null, null, null, null, null, null, null, null, then, then));
            aliceSponsorship = sponsorships.save(new Sponsorship(null, alice.id(), sam.id(), LocalDate.of(2026, 1, 1), null, then)).id();
            bobSponsorship = sponsorships.save(new Sponsorship(null, bob.id(), sam.id(), LocalDate.of(2026, 1, 1), null, then)).id();
            send(Activities.message("hi").from(TestUsers.SAM));
            send(Activities.message("hi").from(TestUsers.ALICE));
        }
        people.update(withStatus(bob, PersonStatus.ACTIVE));
        connector.reset();
    }

    @Test
    void sponsorWithTwoParticipantsGetsOneCombinedNudgeOnceOnTheFirstWorkingDay() {
        EnqueueDueNudges.Result first = nudges.run();
        EnqueueDueNudges.Result again = nudges.run();
        deliverOutbox();

        assertThat(first.meetingNudges()).isEqualTo(1);
        assertThat(first.failures()).isEmpty();
        assertThat(again.meetingNudges()).isZero();
        JsonNode card = connector.messagesTo(TestUsers.SAM.conversationId()).get(0).card();
        assertThat(connector.messagesTo(TestUsers.SAM.conversationId())).hasSize(1);
        assertThat(card.toString()).contains("Have you arranged this month's meeting with your 2 participants?",
                "Alice Participant", "Bob Participant", "We've met", "It's booked for…", "Snooze a week", "Not this month");
    }

    @Test
    void monthlyNudgeSaysWhatTheMeetingIsForInTheSchemesWords() {
        nudges.run();
        deliverOutbox();

        JsonNode card = connector.messagesTo(TestUsers.SAM.conversationId()).get(0).card();
        JsonNode line = null;
        for (JsonNode element : card.path("body")) {
            if (element.path("id").asText().equals("meeting-nudge-purpose")) {
                line = element;
            }
        }
        assertThat(line).isNotNull();
        assertThat(line.path("text").asText()).isEqualTo(purpose.text()).contains("share ideas, reflect and review progress");
    }

    @Test
    void nothingBeforeEightOrOnAWeekendAndPausedParticipantsAreLeftOut() {
        clock.set(Instant.parse("2026-12-01T07:59:00Z"));
        assertThat(nudges.run().meetingNudges()).isZero();

        people.update(withStatus(bob, PersonStatus.PAUSED));
        clock.set(FIRST_WORKING_DAY);
        nudges.run();
        deliverOutbox();

        String card = connector.messagesTo(TestUsers.SAM.conversationId()).get(0).card().toString();
        assertThat(card).contains("Alice Participant").doesNotContain("Bob Participant");
    }

    @Test
    void weMetClosesTheMonthForBothAndTellsTheParticipant() {
        send(Activities.cardSubmit(button("meeting.met", aliceSponsorship).put("metOn-" + aliceSponsorship, "2026-12-01")
                .put("note-" + aliceSponsorship, "Talked about the next rotation")).from(TestUsers.SAM));

        assertThat(connector.messages().get(0).text()).startsWith("Thanks, recorded: you met on Tuesday 1 December");
        MeetingMonth month = months.findBySponsorshipIdAndMonthStart(aliceSponsorship, LocalDate.of(2026, 12, 1)).orElseThrow();
        assertThat(month.status()).isEqualTo(MeetingStatus.MET);
        assertThat(month.note()).isEqualTo("Talked about the next rotation");
        connector.reset();
        deliverOutbox();
        assertThat(connector.messagesTo(TestUsers.ALICE.conversationId()).get(0).text())
                .contains("Sam Sponsor recorded your December 2026 sponsor meeting").doesNotContain("rotation");

        clock.set(Instant.parse("2026-12-15T09:00:00Z"));
        connector.reset();
        nudges.run();
        deliverOutbox();
        String second = connector.messagesTo(TestUsers.SAM.conversationId()).get(0).card().toString();
        assertThat(second).contains("A reminder about December 2026's meeting", "Bob Participant").doesNotContain("Alice Participant");
    }

    @Test
    void participantSayingMetMySponsorTodayClosesTheMonthAndTellsTheSponsor() {
        send(Activities.message("met my sponsor today").from(TestUsers.ALICE));
        deliverOutbox();

        assertThat(months.findBySponsorshipIdAndMonthStart(aliceSponsorship, LocalDate.of(2026, 12, 1)).orElseThrow().status())
                .isEqualTo(MeetingStatus.MET);
        assertThat(connector.messagesTo(TestUsers.SAM.conversationId()).get(0).text())
                .contains("Alice Participant recorded your December 2026 sponsor meeting");
    }

    @Test
    void bookedDateStopsTheSecondNudgeAndIsFollowedUpTheDayAfter() {
        send(Activities.cardSubmit(button("meeting.booked", aliceSponsorship).put("bookedFor-" + aliceSponsorship, "2026-12-16"))
                .from(TestUsers.SAM));
        assertThat(connector.messages().get(0).text()).startsWith("Great, booked for Wednesday 16 December");

        clock.set(Instant.parse("2026-12-17T09:00:00Z"));
        connector.reset();
        nudges.run();
        deliverOutbox();

        String texts = connector.messagesTo(TestUsers.SAM.conversationId()).toString();
        assertThat(connector.messagesTo(TestUsers.SAM.conversationId())).hasSize(2); // Bob's second nudge, Alice's follow-up
        assertThat(texts).contains("was booked for Wednesday 16 December. Did it go ahead?");
    }

    @Test
    void snoozeAWeekQuietensTheMonthUntilThenAndNotThisMonthRecordsTheReason() {
        send(Activities.cardSubmit(button("meeting.snooze", aliceSponsorship)).from(TestUsers.SAM));
        send(Activities.cardSubmit(button("meeting.skip", bobSponsorship).put("reason-" + bobSponsorship, "Bob is on annual leave"))
                .from(TestUsers.SAM));

        assertThat(months.findBySponsorshipIdAndMonthStart(aliceSponsorship, LocalDate.of(2026, 12, 1)).orElseThrow().snoozedUntil())
                .isEqualTo(LocalDate.of(2026, 12, 8));
        MeetingMonth bobs = months.findBySponsorshipIdAndMonthStart(bobSponsorship, LocalDate.of(2026, 12, 1)).orElseThrow();
        assertThat(bobs.status()).isEqualTo(MeetingStatus.SKIPPED);
        assertThat(bobs.reason()).isEqualTo("Bob is on annual leave");
        assertThat(nudges.run().meetingNudges()).isZero();
        clock.set(Instant.parse("2026-12-08T09:00:00Z"));
        assertThat(nudges.run().meetingNudges()).isEqualTo(1);
    }

    @Test
    void aSnoozeOnTheTwentyFourthIsRemindedOnTheFirstAndTheMonthCanStillBeRecordedAsMet() {
        clock.set(Instant.parse("2026-11-24T10:00:00Z"));
        send(Activities.cardSubmit(button("meeting.snooze", aliceSponsorship).put("month", "2026-11")).from(TestUsers.SAM));
        assertThat(connector.messages().get(0).text()).startsWith("Snoozed. I'll remind you again on Tuesday 1 December.")
                .contains("November 2026 stays open until then");

        clock.set(Instant.parse("2026-12-01T07:00:00Z"));
        digest.run(java.time.YearMonth.of(2026, 11));
        assertThat(monthOf(aliceSponsorship, "2026-11-01").status()).as("kept open for the promised reminder").isEqualTo(MeetingStatus.OPEN);
        assertThat(monthOf(bobSponsorship, "2026-11-01").status()).isEqualTo(MeetingStatus.MISSED);

        clock.set(Instant.parse("2026-12-01T08:59:00Z"));
        nudges.run();
        assertThat(outboxKeys()).noneMatch(k -> k.contains("2026-11:snoozed"));
        clock.set(Instant.parse("2026-12-01T09:00:00Z"));
        connector.reset();
        nudges.run();
        deliverOutbox();
        String reminder = connector.messagesTo(TestUsers.SAM.conversationId()).stream().map(m -> m.card().toString())
                .filter(c -> c.contains("Your snoozed reminder")).findFirst().orElseThrow();
        assertThat(reminder).contains("November 2026's meeting with Alice Participant", "November 2026 has ended",
                "\"month\":\"2026-11\"", "2026-11-30", "No meeting in November").doesNotContain("It's booked for", "Snooze a week");

        connector.reset();
        send(Activities.cardSubmit(button("meeting.met", aliceSponsorship).put("month", "2026-11")
                .put("metOn-" + aliceSponsorship, "2026-11-27")).from(TestUsers.SAM));

        assertThat(connector.messages().get(0).text()).startsWith("Thanks, recorded: you met on Friday 27 November");
        MeetingMonth november = monthOf(aliceSponsorship, "2026-11-01");
        assertThat(november.status()).isEqualTo(MeetingStatus.MET);
        assertThat(november.metOn()).isEqualTo(LocalDate.of(2026, 11, 27));
    }

    @Test
    void aSnoozedMonthLeftUnansweredIsMissedWhenTheNextMonthCloses() {
        clock.set(Instant.parse("2026-11-24T10:00:00Z"));
        send(Activities.cardSubmit(button("meeting.snooze", aliceSponsorship).put("month", "2026-11")).from(TestUsers.SAM));
        clock.set(Instant.parse("2026-12-01T07:00:00Z"));
        digest.run(java.time.YearMonth.of(2026, 11));

        clock.set(Instant.parse("2027-01-01T07:00:00Z"));
        digest.run(java.time.YearMonth.of(2026, 12));

        assertThat(monthOf(aliceSponsorship, "2026-11-01").status()).isEqualTo(MeetingStatus.MISSED);
    }

    @Test
    void aMonthNotKeptOpenBySnoozeCannotBeRecordedAfterItEnds() {
        clock.set(Instant.parse("2026-12-02T10:00:00Z"));

        JsonNode card = assertError(button("meeting.met", bobSponsorship).put("month", "2026-11").put("metOn", "2026-11-20"),
                TestUsers.SAM, "That card is for another month");

        assertThat(card.toString()).contains("It's now December 2026");
        assertThat(months.findAll()).isEmpty();
    }

    @Test
    void badInputGetsAFriendlyErrorCardNamingTheProblemAndRecordsNothing() {
        assertError(button("meeting.snooze", aliceSponsorship), TestUsers.ALICE, "Only the sponsor can snooze this");
        assertError(button("meeting.met", bobSponsorship).put("metOn", "2026-12-01"), TestUsers.ALICE, "Sorry, that isn't yours to record");
        assertError(button("meeting.met", 999_999).put("metOn", "2026-12-01"), TestUsers.SAM, "Sorry, that button didn't work");
        ObjectNode tampered = button("meeting.met", aliceSponsorship).put("sponsorshipId", "1 OR 1=1");
        assertError(tampered, TestUsers.SAM, "Sorry, that button didn't work");
        JsonNode notADate = assertError(button("meeting.met", aliceSponsorship).put("metOn-" + aliceSponsorship, "next tuesday"),
                TestUsers.SAM, "Please check the date");
        assertThat(notADate.toString()).contains("“Date we met” must be a date");
        assertError(button("meeting.met", aliceSponsorship).put("metOn-" + aliceSponsorship, "2025-12-01"), TestUsers.SAM,
                "Please check the date");
        assertError(button("meeting.booked", aliceSponsorship).put("bookedFor-" + aliceSponsorship, "2027-01-05"), TestUsers.SAM,
                "Please check the date");
        assertError(button("meeting.met", aliceSponsorship).put("month", "2026-11").put("metOn", "2026-11-20"), TestUsers.SAM,
                "That card is for another month");

        assertThat(months.findAll()).isEmpty();
    }

    @Test
    void notThisMonthNeedsAReason() {
        JsonNode card = assertError(button("meeting.skip", bobSponsorship).put("reason-" + bobSponsorship, "  "), TestUsers.SAM,
                "Please give a reason");

        assertThat(card.toString()).contains("“Reason” can't be empty");
        assertThat(months.findAll()).isEmpty();
    }

    @Test
    void aNoteOverTwoThousandCharactersIsRefused() {
        JsonNode card = assertError(button("meeting.met", aliceSponsorship).put("metOn-" + aliceSponsorship, "2026-12-01")
                .put("note-" + aliceSponsorship, "x".repeat(2001)), TestUsers.SAM, "That's too long");

        assertThat(card.toString()).contains("“Note” can be at most 2000 characters.");
        assertThat(months.findAll()).isEmpty();
    }

    @Test
    void aMonthAlreadyMetCannotThenBeBooked() {
        send(Activities.cardSubmit(button("meeting.met", aliceSponsorship).put("metOn-" + aliceSponsorship, "2026-12-01"))
                .from(TestUsers.SAM));

        JsonNode card = assertError(button("meeting.booked", aliceSponsorship).put("bookedFor-" + aliceSponsorship, "2026-12-10"),
                TestUsers.ALICE, "This month is already recorded");

        assertThat(card.toString()).contains("December 2026 is already recorded as met.");
        assertThat(monthOf(aliceSponsorship, "2026-12-01").bookedFor()).isNull();
    }

    @Test
    void aMonthKeptOpenBySnoozeCanOnlyBeAnsweredNotBooked() {
        clock.set(Instant.parse("2026-11-24T10:00:00Z"));
        send(Activities.cardSubmit(button("meeting.snooze", aliceSponsorship).put("month", "2026-11")).from(TestUsers.SAM));
        clock.set(Instant.parse("2026-12-01T09:00:00Z"));

        JsonNode card = assertError(button("meeting.booked", aliceSponsorship).put("month", "2026-11")
                .put("bookedFor-" + aliceSponsorship, "2026-12-03"), TestUsers.SAM, "November 2026 has ended");

        assertThat(card.toString()).contains("You can still record that you met in November 2026");
        assertThat(monthOf(aliceSponsorship, "2026-11-01").status()).isEqualTo(MeetingStatus.OPEN);
    }

    @Test
    void meetingsShowsThisMonthAndHistory() {
        send(Activities.cardSubmit(button("meeting.met", aliceSponsorship).put("metOn-" + aliceSponsorship, "2026-12-01")
                .put("note-" + aliceSponsorship, "private words")).from(TestUsers.SAM));
        connector.reset();

        send(Activities.message("meetings").from(TestUsers.ALICE));

        assertThat(connector.messages().get(0).text()).contains("This month (December 2026)", "with Sam Sponsor: met on 1 Dec 2026")
                .doesNotContain("private words");
    }

    private JsonNode assertError(ObjectNode data, TestUsers.User from, String title) {
        connector.reset();
        send(Activities.cardSubmit(data).from(from));
        JsonNode card = connector.messages().get(0).card();
        assertThat(card.path("body").get(0).path("text").asText()).as(data.toString()).isEqualTo(title);
        return card;
    }

    private MeetingMonth monthOf(long sponsorshipId, String monthStart) {
        return months.findBySponsorshipIdAndMonthStart(sponsorshipId, LocalDate.parse(monthStart)).orElseThrow();
    }

    private java.util.List<String> outboxKeys() {
        return transactions.executeRead(status -> {
            java.util.List<String> keys = new java.util.ArrayList<>();
            try (Statement s = status.getConnection().createStatement();
                 java.sql.ResultSet rs = s.executeQuery("SELECT idempotency_key FROM outbound_message")) {
                while (rs.next()) {
                    keys.add(rs.getString(1));
                }
            }
            return keys;
        });
    }

    private static ObjectNode button(String action, long sponsorshipId) {
        return JSON.createObjectNode().put("action", action).put("sponsorshipId", String.valueOf(sponsorshipId)).put("month", "2026-12");
    }

    private Person person(TestUsers.User user, Role role, Instant then) {
        return people.save(new Person(null, user.email(), user.name(), role, PersonStatus.ACTIVE, "Europe/London",
                user.aadObjectId(), null, null, null, null, null, null, null, then, then));
    }

    private Person withStatus(Person p, PersonStatus status) {
        Person current = people.findById(p.id()).orElseThrow();
        return new Person(current.id(), current.email(), current.displayName(), current.role(), status, current.timeZone(),
                current.aadObjectId(), current.organisation(), current.band(), current.cohortId(), null, null, null, null,
                current.createdAt(), current.updatedAt());
    }
}
