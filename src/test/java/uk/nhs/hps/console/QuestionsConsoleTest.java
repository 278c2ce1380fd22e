package uk.nhs.hps.console;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.nhs.hps.support.TestUsers;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** The Questions inbox over HTTP: who asked (an audited read), answering with a preview, and the edges of bad input. */
@MicronautTest(transactional = false, environments = "dev")
class QuestionsConsoleTest extends QuestionsConsoleTestBase {

    long alice;

    @BeforeAll
    void askers() {
        alice = participant(TestUsers.ALICE);
    }

    @Test
    void theInboxShowsAnOpenQuestionWithWhoAskedAndAuditsReadingIt() {
        long ticket = askTheProgrammeTeam(TestUsers.ALICE, "can i bring my dog to the graduation ceremony");
        ConsoleHttp console = new ConsoleHttp(base()).signIn(patId);

        HttpResponse<String> page = console.get("/console/questions");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("can i bring my dog to the graduation ceremony", "href=\"/console/questions/" + ticket + "\"",
                "href=\"/console/people/" + alice + "\">Alice Participant</a>", "Waiting under a minute");
        assertThat(count("SELECT COUNT(*) FROM audit_event WHERE action = 'READ' AND actor = ? AND subject_person_id = ?"
                + " AND detail = 'VIEW_PROFILE: console: FAQ questions inbox'", "person:" + patId, alice)).isGreaterThanOrEqualTo(1);
    }

    @Test
    void aStatusWithNoQuestionsSaysWhatToDo() {
        ConsoleHttp console = new ConsoleHttp(base()).signIn(patId);

        String page = console.get("/console/questions?status=closed").body();

        assertThat(page).contains("0 questions.", "There are no questions with this status.");
    }

    @Test
    void whatSomeoneAskedIsShownAsPlainText() {
        // Teams sends typed angle brackets as entities; the bot decodes them, so the question holds real markup
        long ticket = askTheProgrammeTeam(TestUsers.ALICE, "&lt;b&gt;bold&lt;/b&gt; can my cat come to the dinner");
        ConsoleHttp console = new ConsoleHttp(base()).signIn(patId);

        String page = console.get("/console/questions/" + ticket).body();

        assertThat(page).contains("&lt;b&gt;bold&lt;/b&gt; can my cat come to the dinner").doesNotContain("<b>bold</b>");
    }

    @Test
    void anAnswerIsPreviewedFirstAndNothingIsSentUntilConfirmed() {
        long ticket = askTheProgrammeTeam(TestUsers.ALICE, "is there parking for bicycles at the residential");
        ConsoleHttp console = new ConsoleHttp(base()).signIn(patId);

        HttpResponse<String> preview = console.post("/console/questions/" + ticket + "/answer", "answer=Yes%2C+by+the+main+door.");
        deliverOutbox();

        assertThat(preview.statusCode()).isEqualTo(200);
        assertThat(preview.body()).contains("Send this answer to Alice Participant?", "The programme team answered your question",
                "Yes, by the main door.", "Yes, send the answer");
        assertThat(text("SELECT status FROM faq_ticket WHERE id = ?", ticket)).isEqualTo("OPEN");
        assertThat(connector.messagesTo(TestUsers.ALICE.conversationId())).isEmpty();
    }

    @Test
    void aConfirmedAnswerReachesTheAskersChatOnceEvenWhenPostedTwice() {
        long ticket = askTheProgrammeTeam(TestUsers.ALICE, "can i wear trainers to the assessment day");
        ConsoleHttp console = new ConsoleHttp(base()).signIn(patId);
        String form = "answer=Yes%2C+comfortable+shoes+are+fine.&confirm=yes";

        HttpResponse<String> first = console.post("/console/questions/" + ticket + "/answer", form);
        HttpResponse<String> second = console.post("/console/questions/" + ticket + "/answer", form);
        deliverOutbox();

        assertThat(first.statusCode()).isEqualTo(303);
        assertThat(second.headers().firstValue("Location")).hasValue("/console/questions/" + ticket + "?done=already");
        assertThat(connector.messagesTo(TestUsers.ALICE.conversationId())).hasSize(1);
        JsonNode card = connector.messagesTo(TestUsers.ALICE.conversationId()).get(0).card();
        assertThat(card.toString()).contains("The programme team answered your question", "Yes, comfortable shoes are fine.");
        assertThat(text("SELECT status FROM faq_ticket WHERE id = ?", ticket)).isEqualTo("ANSWERED");
        assertThat(console.get(first.headers().firstValue("Location").orElseThrow()).body())
                .contains("Your answer was sent to the person who asked.");
    }

    @Test
    void aBlankOrOverLongAnswerIsShownAsAnErrorAndChangesNothing() {
        long ticket = askTheProgrammeTeam(TestUsers.ALICE, "will there be vegan food at the launch");
        ConsoleHttp console = new ConsoleHttp(base()).signIn(patId);

        HttpResponse<String> blank = console.post("/console/questions/" + ticket + "/answer", "answer=+++&confirm=yes");
        HttpResponse<String> tooLong = console.post("/console/questions/" + ticket + "/answer", "answer=" + "a".repeat(4001) + "&confirm=yes");
        deliverOutbox();

        assertThat(blank.statusCode()).isEqualTo(422);
        assertThat(blank.body()).contains("There is a problem", "href=\"#answer\"", "Enter the answer to send.");
        assertThat(tooLong.statusCode()).isEqualTo(422);
        assertThat(tooLong.body()).contains("The answer must be 4,000 characters or fewer.", "a".repeat(4001));
        assertThat(text("SELECT status FROM faq_ticket WHERE id = ?", ticket)).isEqualTo("OPEN");
        assertThat(connector.messagesTo(TestUsers.ALICE.conversationId())).isEmpty();
    }

    @Test
    void anAnswerAddedToTheFaqWithAnEditedQuestionIsAuditedAndAnsweredByTheBot() {
        long ticket = askTheProgrammeTeam(TestUsers.ALICE, "can my partner come to the graduation ceremony");
        ConsoleHttp console = new ConsoleHttp(base()).signIn(patId);
        console.post("/console/questions/" + ticket + "/answer", "answer=Yes%2C+one+guest+each.&confirm=yes");
        String page = console.get("/console/questions/" + ticket).body();
        assertThat(page).contains("Add this answer to the FAQ", "value=\"Can my partner come to the graduation ceremony\"");

        HttpResponse<String> promoted = console.post("/console/questions/" + ticket + "/promote",
                "question=Can+I+bring+a+guest+to+the+graduation+ceremony%3F&alternatives=can+my+partner+come+to+the+graduation+ceremony"
                        + "&entryAnswer=Yes%2C+each+participant+may+bring+one+guest+to+graduation.");
        HttpResponse<String> again = console.post("/console/questions/" + ticket + "/promote",
                "question=Can+I+bring+a+guest%3F&entryAnswer=Yes.");

        assertThat(promoted.headers().firstValue("Location")).hasValue("/console/questions/" + ticket + "?done=promoted");
        assertThat(again.headers().firstValue("Location")).hasValue("/console/questions/" + ticket + "?done=already-promoted");
        assertThat(text("SELECT question FROM faq_entry WHERE id = ?", "team-" + ticket)).isEqualTo("Can I bring a guest to the graduation ceremony?");
        assertThat(count("SELECT COUNT(*) FROM audit_event WHERE action = 'FAQ_EDIT' AND actor = ? AND detail = ?",
                "person:" + patId, "added FAQ entry team-" + ticket + " from the answer to question #" + ticket)).isEqualTo(1);
        assertThat(botAnswerTitle(TestUsers.SAM, "can i bring a guest to the graduation ceremony?"))
                .isEqualTo("Can I bring a guest to the graduation ceremony?");
    }

    @Test
    void promotingWithABlankQuestionIsShownAsAnErrorAndAddsNothing() {
        long ticket = askTheProgrammeTeam(TestUsers.ALICE, "is the hotel breakfast included on residential nights");
        ConsoleHttp console = new ConsoleHttp(base()).signIn(patId);
        console.post("/console/questions/" + ticket + "/answer", "answer=Yes.&confirm=yes");

        HttpResponse<String> response = console.post("/console/questions/" + ticket + "/promote", "question=+&entryAnswer=Yes%2C+it+is.");

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.body()).contains("There is a problem", "href=\"#question\"", "Yes, it is.");
        assertThat(count("SELECT COUNT(*) FROM faq_entry WHERE id = ?", "team-" + ticket)).isZero();
    }
}
