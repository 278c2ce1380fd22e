package uk.nhs.hps.reflection;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import uk.nhs.hps.audit.AuditEvent;
import uk.nhs.hps.audit.AuditLog;
import uk.nhs.hps.people.CareerTransition;
import uk.nhs.hps.people.DevelopmentStream;
import uk.nhs.hps.people.Role;
import uk.nhs.hps.scheme.Transitions;
import uk.nhs.hps.privacy.DataLinks;
import uk.nhs.hps.support.RecordsTestBase;
import uk.nhs.hps.support.TestClock;
import uk.nhs.hps.support.TestUsers;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The reflective log driven through /api/messages, as a participant and as their sponsor. */
@MicronautTest(transactional = false)
class ReflectiveLogBotTest extends RecordsTestBase {

    @Inject
    ReflectionStore.Entries entries;
    @Inject
    ReflectionStore.Revisions revisions;
    @Inject
    ReflectionLog reflectionLog;
    @Inject
    TestClock clock;
    @Inject
    AuditLog audit;
    @Inject
    DataLinks links;
    @Inject
    Transitions transitions;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("hps.test.clock", "manual", "reflection.purge-enabled", "false");
    }

    @Test
    void logReflectionOpensTheQuickTemplateWithThePatientDataReminder() {
        TestUsers.User ann = newUser("Ann Participant");
        onRoster(ann, Role.PARTICIPANT, null);

        say(ann, "log reflection");

        JsonNode card = lastCard(ann);
        assertThat(cardId(card)).isEqualTo("reflection-entry");
        assertThat(textOf(card)).contains("identify a patient");
        assertThat(card.toString()).contains("step_what", "step_so_what", "step_now_what", "Inspiring shared purpose",
                "Influencing for results", "70: experience");
        assertThat(inputValue(card, "share")).isEqualTo("false");
        assertThat(inputValue(card, "experiencedOn")).isEqualTo("2026-12-01");
        assertThat(hasAction(card, "Use Gibbs reflective cycle (six steps)")).isTrue();
    }

    @Test
    void plainReflectionMessageOpensTheCardWithWhatWasSaid() {
        TestUsers.User ann = newUser("Ann Plain");
        onRoster(ann, Role.PARTICIPANT, null);

        say(ann, "reflection: I chaired my first divisional huddle");

        assertThat(inputValue(lastCard(ann), "step_what")).isEqualTo("I chaired my first divisional huddle");
    }

    @Test
    void gibbsTemplateAsksTheSixSteps() {
        TestUsers.User ann = newUser("Ann Gibbs");
        onRoster(ann, Role.PARTICIPANT, null);
        say(ann, "log reflection");

        press(ann, merged(actionData(lastCard(ann), "Use Gibbs reflective cycle (six steps)"), Map.of("step_what", "Huddle")));

        JsonNode card = lastCard(ann);
        assertThat(card.toString()).contains("step_description", "step_feelings", "step_evaluation", "step_analysis",
                "step_conclusion", "step_action_plan").doesNotContain("step_so_what");
        assertThat(inputValue(card, "step_description")).isEqualTo("Huddle");
    }

    @Test
    void validEntryIsSavedAndListed() {
        TestUsers.User ann = newUser("Ann Saver");
        long id = onRoster(ann, Role.PARTICIPANT, null);
        say(ann, "log reflection");

        press(ann, entry(lastCard(ann), "Leading the huddle", "2026-11-20", "engaging_the_team,leading_with_care"));

        assertThat(cardId(lastCard(ann))).isEqualTo("reflection-saved");
        assertThat(entries.live(id)).singleElement().satisfies(e -> {
            assertThat(e.title()).isEqualTo("Leading the huddle");
            assertThat(e.dimensionKeys()).containsExactly("engaging_the_team", "leading_with_care");
            assertThat(e.sharedWithSponsor()).isFalse();
        });
        say(ann, "my reflections");
        assertThat(textOf(lastCard(ann))).contains("1 entry", "Leading the huddle", "Engaging the team, Leading with care");
    }

    @Test
    void missingAndInvalidFieldsAreNamedAndNothingIsSaved() {
        TestUsers.User ann = newUser("Ann Invalid");
        long id = onRoster(ann, Role.PARTICIPANT, null);
        say(ann, "log reflection");
        Map<String, Object> bad = entry(lastCard(ann), "", "2027-01-01", "not_a_dimension");
        bad.put("source", "vibes");
        bad.put("step_so_what", "x".repeat(20_000));

        press(ann, bad);

        JsonNode card = lastCard(ann);
        assertThat(cardId(card)).isEqualTo("reflection-entry");
        assertThat(textOf(card)).contains("Nothing was saved", "**Title** is required",
                "**Date of the experience** can't be in the future", "'notˍaˍdimension' is not one of the dimensions",
                "**Where the learning came from**: 'vibes'", "**So what?** is 20000 characters");
        assertThat(inputValue(card, "step_what")).isEqualTo("I led the morning huddle.");
        assertThat(entries.live(id)).isEmpty();
    }

    @Test
    void nhsNumberIsWarnedAboutBeforeSavingAndSaveAnywaySaves() {
        TestUsers.User ann = newUser("Ann Warned");
        long id = onRoster(ann, Role.PARTICIPANT, null);
        say(ann, "log reflection");
        Map<String, Object> risky = entry(lastCard(ann), "A hard conversation", "2026-11-28", "");
        risky.put("step_what", "The family of 943 476 5919 complained.");

        press(ann, risky);

        JsonNode warning = lastCard(ann);
        assertThat(textOf(warning)).contains("may identify a patient", "**What?** contains what looks like an NHS number");
        assertThat(entries.live(id)).isEmpty();

        press(ann, merged(actionData(warning, "Save anyway"), risky));

        assertThat(cardId(lastCard(ann))).isEqualTo("reflection-saved");
        assertThat(entries.live(id)).hasSize(1);
    }

    @Test
    void editingKeepsTheEarlierVersion() {
        TestUsers.User ann = newUser("Ann Editor");
        long id = onRoster(ann, Role.PARTICIPANT, null);
        long entryId = saveEntry(ann, "First title", "2026-11-10");

        press(ann, Map.of("action", "reflection.edit", "entryId", String.valueOf(entryId)));
        JsonNode editCard = lastCard(ann);
        assertThat(inputValue(editCard, "title")).isEqualTo("First title");
        Map<String, Object> changed = merged(actionData(editCard, "Save"), inputs(editCard));
        changed.put("title", "Better title");
        press(ann, changed);

        assertThat(textOf(lastCard(ann))).contains("earlier version is kept");
        assertThat(entries.live(id)).singleElement().satisfies(e -> assertThat(e.title()).isEqualTo("Better title"));
        assertThat(revisions.findByEntryIdOrderByRevision(entryId)).singleElement()
                .satisfies(r -> assertThat(r.title()).isEqualTo("First title"));
        press(ann, Map.of("action", "reflection.view", "entryId", String.valueOf(entryId)));
        assertThat(textOf(lastCard(ann))).contains("Edited: 1 time");
    }

    @Test
    void editFromAStaleCardIsRefusedAndTheNewerEditStands() {
        TestUsers.User ann = newUser("Ann Stale");
        long id = onRoster(ann, Role.PARTICIPANT, null);
        long entryId = saveEntry(ann, "Original", "2026-11-10");
        press(ann, Map.of("action", "reflection.edit", "entryId", String.valueOf(entryId)));
        JsonNode editCard = lastCard(ann);
        Map<String, Object> first = merged(actionData(editCard, "Save"), inputs(editCard));
        first.put("title", "From the first window");
        Map<String, Object> second = new HashMap<>(first);
        second.put("title", "From the second window");

        press(ann, first);
        press(ann, second);

        assertThat(cardId(lastCard(ann))).isEqualTo("reflection-error");
        assertThat(textOf(lastCard(ann))).contains("changed since you opened it");
        assertThat(entries.live(id)).singleElement().satisfies(e -> assertThat(e.title()).isEqualTo("From the first window"));
    }

    @Test
    void newEntryCardSavedTwiceSavesOnce() {
        TestUsers.User ann = newUser("Ann Twice");
        long id = onRoster(ann, Role.PARTICIPANT, null);
        say(ann, "log reflection");
        Map<String, Object> once = entry(lastCard(ann), "Pressed twice", "2026-11-10", "");

        press(ann, once);
        press(ann, once);

        assertThat(textOf(lastCard(ann))).contains("Already saved");
        assertThat(entries.live(id)).hasSize(1);
    }

    @Test
    void deletedEntryCanBeRestoredWithinThirtyDaysOnly() {
        TestUsers.User ann = newUser("Ann Deleter");
        long id = onRoster(ann, Role.PARTICIPANT, null);
        long kept = saveEntry(ann, "Keep me", "2026-11-10");
        long lost = saveEntry(ann, "Lose me", "2026-11-11");

        press(ann, Map.of("action", "reflection.delete", "entryId", String.valueOf(kept)));
        assertThat(textOf(lastCard(ann))).contains("undo this for 30 days");
        assertThat(entries.live(id)).extracting(ReflectionEntry::id).containsExactly(lost);
        press(ann, actionData(lastCard(ann), "Undo"));
        assertThat(cardId(lastCard(ann))).isEqualTo("reflection-restored");

        press(ann, Map.of("action", "reflection.delete", "entryId", String.valueOf(lost)));
        clock.advance(Duration.ofDays(31));
        try {
            press(ann, Map.of("action", "reflection.undo", "entryId", String.valueOf(lost)));
        } finally {
            clock.advance(Duration.ofDays(-31));
        }
        assertThat(textOf(lastCard(ann))).contains("restored for 30 days");
        assertThat(entries.live(id)).extracting(ReflectionEntry::id).containsExactly(kept);
    }

    @Test
    void someoneElsesEntryCannotBeEditedOrDeleted() {
        TestUsers.User ann = newUser("Ann Owner");
        TestUsers.User bob = newUser("Bob Other");
        long annId = onRoster(ann, Role.PARTICIPANT, null);
        onRoster(bob, Role.PARTICIPANT, null);
        long entryId = saveEntry(ann, "Mine", "2026-11-10");

        press(bob, Map.of("action", "reflection.delete", "entryId", String.valueOf(entryId)));
        assertThat(cardId(lastCard(bob))).isEqualTo("reflection-error");
        press(bob, Map.of("action", "reflection.view", "entryId", String.valueOf(entryId)));

        assertThat(textOf(lastCard(bob))).contains("couldn't open");
        assertThat(entries.live(annId)).hasSize(1);
    }

    @Test
    void listIsPagedAndFilteredByMonthAndDimension() {
        TestUsers.User ann = newUser("Ann Lister");
        onRoster(ann, Role.PARTICIPANT, null);
        for (int day = 1; day <= 6; day++) {
            saveEntry(ann, "November " + day, "2026-11-0" + day);
        }
        saveEntry(ann, "October one", "2026-10-15");

        say(ann, "my reflections");
        JsonNode first = lastCard(ann);
        assertThat(textOf(first)).contains("7 entries", "page 1 of 2", "November 6").doesNotContain("October one");
        press(ann, merged(actionData(first, "Older"), Map.of()));
        assertThat(textOf(lastCard(ann))).contains("page 2 of 2", "October one");

        say(ann, "my reflections 2026-10");
        assertThat(textOf(lastCard(ann))).contains("1 entry", "October one").doesNotContain("November 1");

        press(ann, Map.of("action", "reflection.list", "page", "1", "dimension", "holding_to_account", "month", ""));
        assertThat(textOf(lastCard(ann))).contains("No entries match");
        say(ann, "my reflections engaging the team");
        assertThat(textOf(lastCard(ann))).contains("7 entries · Engaging the team");
    }

    @Test
    void theFiltersAllChoicesListEveryEntry() {
        TestUsers.User ann = newUser("Ann Allfilter");
        onRoster(ann, Role.PARTICIPANT, null);
        saveEntry(ann, "November one", "2026-11-02");
        saveEntry(ann, "October one", "2026-10-15");
        say(ann, "my reflections 2026-10");

        press(ann, Map.of("action", "reflection.list", "page", "1", "dimension", "all", "month", "all"));

        assertThat(textOf(lastCard(ann))).contains("2 entries", "November one", "October one");
    }

    @Test
    void sharedEntryIsSentToTheSponsorWhoMayReadItAndTheReadIsAudited() {
        TestUsers.User ann = newUser("Ann Sharer");
        TestUsers.User sam = newUser("Sam Sponsor");
        long annId = onRoster(ann, Role.PARTICIPANT, null);
        long samId = onRoster(sam, Role.SPONSOR, null);
        sponsors(samId, annId);
        say(ann, "log reflection");
        Map<String, Object> shared = entry(lastCard(ann), "Shared learning", "2026-11-20", "sharing_the_vision");
        shared.put("share", "true");

        press(ann, shared);
        assertThat(textOf(lastCard(ann))).contains("let your sponsor know");
        deliverOutbox();

        JsonNode notice = lastCard(sam);
        assertThat(textOf(notice)).contains("Ann Sharer shared a reflective entry", "Shared learning");
        press(sam, actionData(notice, "Read it"));
        assertThat(textOf(lastCard(sam))).contains("Shared with you by Ann Sharer", "I led the morning huddle.");
        assertThat(audit.about(annId)).anySatisfy(e -> {
            assertThat(e.actor()).isEqualTo(AuditLog.person(samId));
            assertThat(e.detail()).contains("VIEW_SHARED_REFLECTIONS");
        });
    }

    @Test
    void aSponsorListsTheEntriesSharedWithThemAndOnlyThose() {
        TestUsers.User ann = newUser("Ann Lister");
        TestUsers.User sam = newUser("Sam Lister");
        TestUsers.User other = newUser("Olly Othersponsor");
        long annId = onRoster(ann, Role.PARTICIPANT, null);
        long samId = onRoster(sam, Role.SPONSOR, null);
        onRoster(other, Role.SPONSOR, null);
        sponsors(samId, annId);
        saveEntry(ann, "Kept to myself", "2026-11-10");
        say(ann, "log reflection");
        Map<String, Object> shared = entry(lastCard(ann), "Shared with Sam", "2026-11-20", "sharing_the_vision");
        shared.put("share", "true");
        press(ann, shared);

        say(sam, "shared reflections");
        JsonNode list = lastCard(sam);
        say(other, "shared reflections");

        assertThat(textOf(list)).contains("1 entry", "Shared with Sam", "Ann Lister · 20 November 2026").doesNotContain("Kept to myself");
        press(sam, actionData(list, "Read it"));
        assertThat(textOf(lastCard(sam))).contains("Shared with you by Ann Lister");
        assertThat(textOf(lastCard(other))).contains("None of the participants you sponsor").doesNotContain("Shared with Sam");
        assertThat(audit.about(annId)).anySatisfy(e -> assertThat(e.detail()).contains("list of shared reflective entries"));
    }

    @Test
    void sponsorCannotOpenAnEntryThatWasNotShared() {
        TestUsers.User ann = newUser("Ann Private");
        TestUsers.User sam = newUser("Sam Curious");
        long annId = onRoster(ann, Role.PARTICIPANT, null);
        long samId = onRoster(sam, Role.SPONSOR, null);
        sponsors(samId, annId);
        long entryId = saveEntry(ann, "Private thoughts", "2026-11-10");
        deliverOutbox();

        press(sam, Map.of("action", "reflection.view", "entryId", String.valueOf(entryId)));

        assertThat(textOf(lastCard(sam))).contains("couldn't open").doesNotContain("Private thoughts");
        assertThat(connector.messagesTo(sam.conversationId())).hasSize(1);
    }

    @Test
    void exportLinkGivesAPdfAndMarkdownOfTheWholeLog() throws Exception {
        TestUsers.User ann = newUser("Ann Graduate");
        long annId = onRoster(ann, Role.PARTICIPANT, null);
        saveEntry(ann, "Budget challenge", "2026-10-03");
        saveEntry(ann, "Team away day", "2026-11-12");

        say(ann, "export reflections");

        String text = last(ann).text();
        assertThat(text).contains("15 minutes");
        Matcher pdfLink = Pattern.compile("\\[PDF]\\((http[^)]+)\\)").matcher(text);
        Matcher mdLink = Pattern.compile("\\[Markdown]\\((http[^)]+)\\)").matcher(text);
        assertThat(pdfLink.find()).isTrue();
        assertThat(mdLink.find()).isTrue();
        HttpResponse<byte[]> pdf = download(pdfLink.group(1));
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/pdf"));
        try (PDDocument document = Loader.loadPDF(pdf.body())) {
            String all = new PDFTextStripper().getText(document);
            assertThat(all).contains("Reflective log", "Ann Graduate", "Period covered 3 October 2026 to 12 November 2026",
                    "Summary", "1 of 9 dimensions covered", "Engaging the team", "Entries per month", "October 2026",
                    "Budget challenge", "Team away day", "I led the morning huddle.", "Page 1 of");
            assertThat(all.indexOf("Budget challenge")).isLessThan(all.indexOf("Team away day"));
        }
        String markdown = new String(download(mdLink.group(1)).body(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(markdown).contains("# Reflective log", "**Ann Graduate**", "| Engaging the team | 2 |",
                "| November 2026 | 1 |", "### Budget challenge", "**What?**");
        assertThat(audit.about(annId)).extracting(AuditEvent::action).contains("REFLECTIVE_LOG_EXPORT");
    }

    @Test
    void pdfPrintsNamesAndSignsAsTypedAndItsTitlePageNamesWhoWhereAndWhen() throws Exception {
        uk.nhs.hps.people.Cohort cohort = cohort();
        // Teams ids are ASCII; the names on the roster are not
        TestUsers.User zoe = new TestUsers.User("29:zoe-pdf", "aad-zoe-pdf", "Zoë Łukasz-Brontë", "zoe.pdf@records.nhs.net");
        long zoeId = onRoster(zoe, Role.PARTICIPANT, cohort.id());
        uk.nhs.hps.people.Person p = people.findById(zoeId).orElseThrow();
        people.update(new uk.nhs.hps.people.Person(p.id(), p.email(), p.displayName(), p.role(), p.status(), p.timeZone(),
                p.aadObjectId(), "Ysbyty Gwynedd – Betsi Cadwaladr UHB", p.band(), p.cohortId(), null, null, null, null,
                p.createdAt(), p.updatedAt()));
        TestUsers.User sian = new TestUsers.User("29:sian-pdf", "aad-sian-pdf", "Siân Ćwikła", "sian.pdf@records.nhs.net");
        sponsors(onRoster(sian, Role.SPONSOR, null), zoeId);
        saveEntry(zoe, "Zoë & Łukasz's ideas 🎉", "2026-10-03");
        say(zoe, "log reflection");
        Map<String, Object> second = entry(lastCard(zoe), "Theatre utilisation", "2026-11-12", "engaging_the_team,leading_with_care");
        second.put("step_what", "We held ≥95% → above target 👍🏽 for a month.");
        press(zoe, second);
        say(zoe, "export reflections");
        Matcher pdfLink = Pattern.compile("\\[PDF]\\((http[^)]+)\\)").matcher(last(zoe).text());
        assertThat(pdfLink.find()).isTrue();

        HttpResponse<byte[]> pdf = download(pdfLink.group(1));

        try (PDDocument document = Loader.loadPDF(pdf.body())) {
            PDFTextStripper titlePage = new PDFTextStripper();
            titlePage.setStartPage(1);
            titlePage.setEndPage(1);
            String first = titlePage.getText(document);
            String all = new PDFTextStripper().getText(document);
            assertThat(first).contains("Zoë Łukasz-Brontë", "Cohort " + cohort.name() + " (1 January 2026 to 31 December 2027)",
                    "Organisation Ysbyty Gwynedd – Betsi Cadwaladr UHB", "Sponsor Siân Ćwikła",
                    "Period covered 3 October 2026 to 12 November 2026", "Entries 2",
                    "Entries per Healthcare Leadership Model dimension", "Engaging the team 2", "Leading with care 1",
                    "Inspiring shared purpose 0").doesNotContain("?");
            assertThat(all).contains("Zoë & Łukasz's ideas [party popper]", "We held ≥95% → above target [thumbs up sign] for a month.")
                    .doesNotContain("?ukasz", "??", "\uFFFD");
            assertThat(document.getPage(0).getResources().getFontNames()).isNotEmpty().allSatisfy(name ->
                    assertThat(document.getPage(0).getResources().getFont(name).getName()).contains("DejaVuSans"));
        }
    }

    @Test
    void myDataLinkDoesNotOpenTheReflectiveLogExport() throws Exception {
        TestUsers.User ann = newUser("Ann Token");
        long annId = onRoster(ann, Role.PARTICIPANT, null);
        String token = links.issue(annId).url().replaceAll(".*/", "");

        HttpResponse<byte[]> response = download(server.getURL() + "/reflection/export/" + token + "?format=pdf");

        assertThat(response.statusCode()).isEqualTo(404);
    }

    @Test
    void promptsSeeWhenTheParticipantLastReflected() {
        TestUsers.User ann = newUser("Ann Prompted");
        long annId = onRoster(ann, Role.PARTICIPANT, null);
        assertThat(reflectionLog.lastEntryAt(annId)).isEmpty();

        saveEntry(ann, "Counted", "2026-11-10");

        Instant now = clock.instant();
        assertThat(reflectionLog.lastEntryAt(annId)).contains(now);
        assertThat(reflectionLog.entriesBetween(annId, now.minusSeconds(60), now.plusSeconds(1))).isEqualTo(1);
        assertThat(reflectionLog.entriesBetween(annId, now.plusSeconds(1), now.plusSeconds(60))).isZero();
        assertThat(reflectionLog.newEntryCard(annId)).isInstanceOf(uk.nhs.hps.conversation.Reply.Card.class);
    }

    @Test
    void savingTheFormReplacesItWithTheSavedNotice() {
        TestUsers.User ann = newUser("Ann Replaced");
        onRoster(ann, Role.PARTICIPANT, null);
        say(ann, "log reflection");
        JsonNode form = lastCard(ann);

        JsonNode refreshed = execute(ann, actionOf(form, "Save"), entry(form, "Replaced on save", "2026-11-20", "engaging_the_team"));

        assertThat(cardId(refreshed)).isEqualTo("reflection-saved");
        assertThat(hasAction(refreshed, "Save")).isFalse();
    }

    @Test
    void aFormWithProblemsComesBackInPlaceWithThem() {
        TestUsers.User ann = newUser("Ann Problem");
        onRoster(ann, Role.PARTICIPANT, null);
        say(ann, "log reflection");
        JsonNode form = lastCard(ann);

        JsonNode refreshed = execute(ann, actionOf(form, "Save"), entry(form, "", "2026-11-20", "engaging_the_team"));

        assertThat(cardId(refreshed)).isEqualTo("reflection-entry");
        assertThat(textOf(refreshed)).contains("Nothing was saved");
    }

    @Test
    void switchingTemplateSendsNoInputsSoABlankFormIsNotValidatedAndIsReplacedInPlace() {
        TestUsers.User ann = newUser("Ann Switcher");
        onRoster(ann, Role.PARTICIPANT, null);
        say(ann, "log reflection");
        JsonNode form = lastCard(ann);
        JsonNode use = actionOf(form, "Use Gibbs reflective cycle (six steps)");

        JsonNode refreshed = execute(ann, use, Map.of());

        assertThat(use.path("associatedInputs").asText()).isEqualTo("none");
        assertThat(textOf(refreshed)).contains("Gibbs reflective cycle");
        assertThat(refreshed.toString()).contains("step_feelings");
    }

    @Test
    void pagingAndFilteringTheListReplaceItInPlace() {
        TestUsers.User ann = newUser("Ann Pager");
        onRoster(ann, Role.PARTICIPANT, null);
        for (int day = 1; day <= 6; day++) {
            saveEntry(ann, "November " + day, "2026-11-0" + day);
        }
        say(ann, "my reflections");

        JsonNode older = execute(ann, actionOf(lastCard(ann), "Older"), Map.of());
        JsonNode filtered = execute(ann, actionOf(older, "Filter"), Map.of("dimension", "all", "month", "2026-11"));

        assertThat(textOf(older)).contains("page 2 of 2", "November 1");
        assertThat(textOf(filtered)).contains("6 entries", "page 1 of 2");
    }

    // ---- areas, key experiences and indicators of potential (issue 14)

    @Test
    void entryCardOffersTheFourAreasAndTheKeyExperiencesOfTheParticipantsTransition() {
        TestUsers.User ann = newUser("Ann Streamed");
        onRosterInStream(ann, DevelopmentStream.ONE);

        say(ann, "log reflection");

        JsonNode card = lastCard(ann);
        assertThat(choiceTitles(card, "areas")).containsExactlyElementsOf(
                transitions.areas().stream().map(Transitions.Area::name).toList());
        assertThat(choiceTitles(card, "keyExperiences")).containsExactlyElementsOf(
                transitions.of(CareerTransition.ONE).keyExperiences().stream().map(Transitions.KeyExperience::name).toList());
        assertThat(actionData(card, "Save").path("transition").asText()).isEqualTo("ONE");
    }

    @Test
    void participantWithoutAStreamIsOfferedTheAreasButNoKeyExperiences() {
        TestUsers.User ann = newUser("Ann Unstreamed");
        onRoster(ann, Role.PARTICIPANT, null);

        say(ann, "log reflection");

        JsonNode card = lastCard(ann);
        assertThat(choiceTitles(card, "areas")).hasSize(transitions.areas().size());
        assertThat(choiceTitles(card, "keyExperiences")).isEmpty();
    }

    @Test
    void taggedEntryIsStoredAndShownInMyReflections() {
        TestUsers.User ann = newUser("Ann Tagged");
        long id = onRosterInStream(ann, DevelopmentStream.TWO);
        Transitions.Transition two = transitions.of(CareerTransition.TWO);
        Transitions.KeyExperience strategy = two.keyExperience("strategy_development").orElseThrow();
        say(ann, "log reflection");
        Map<String, Object> data = entry(lastCard(ann), "Writing the service strategy", "2026-11-20", "sharing_the_vision");
        data.put("areas", "vision_strategy,system_working");
        data.put("keyExperiences", strategy.key());
        data.put("indicator", "setting_direction");

        press(ann, data);

        assertThat(entries.live(id)).singleElement().satisfies(e -> {
            assertThat(e.areaKeys()).containsExactly("vision_strategy", "system_working");
            assertThat(e.keyExperienceKeys()).containsExactly(strategy.key());
            assertThat(e.transition()).isEqualTo(CareerTransition.TWO);
            assertThat(e.indicator()).isEqualTo("setting_direction");
        });
        press(ann, actionData(lastCard(ann), "Open"));
        assertThat(textOf(lastCard(ann))).contains(transitions.area("vision_strategy").orElseThrow().name(),
                strategy.name(), "Key experiences (" + two.name() + ")", "Ability: Setting Direction");
        say(ann, "my reflections");
        assertThat(textOf(lastCard(ann))).contains("key experience: " + strategy.name());
    }

    @Test
    void keyExperienceOfAnotherTransitionIsRefusedAndNothingIsSaved() {
        TestUsers.User ann = newUser("Ann Mismatch");
        long id = onRosterInStream(ann, DevelopmentStream.ONE);
        say(ann, "log reflection");
        Map<String, Object> data = entry(lastCard(ann), "Wrong list", "2026-11-20", "");
        data.put("keyExperiences", "strategy_development");
        data.put("indicator", "charisma");

        press(ann, data);

        assertThat(textOf(lastCard(ann))).contains("Nothing was saved",
                "is not a key experience of " + transitions.of(CareerTransition.ONE).name(), "'charisma' is not one of the indicators");
        assertThat(entries.live(id)).isEmpty();
    }

    @Test
    void promptsWriteButtonOpensTheCardWithTheOfferedKeyExperienceChosen() {
        TestUsers.User ann = newUser("Ann Prompted");
        onRosterInStream(ann, DevelopmentStream.TWO);

        press(ann, Map.of("action", "prompt.write", "keyExperience", "external_relationships"));

        JsonNode card = lastCard(ann);
        assertThat(cardId(card)).isEqualTo("reflection-entry");
        assertThat(inputValue(card, "keyExperiences")).isEqualTo("external_relationships");
    }

    @Test
    void graduationPdfCountsAreasAndKeyExperiencesAndSaysTheTwoKeyExperiencesAreShown() throws Exception {
        TestUsers.User ann = newUser("Ann Twice");
        onRosterInStream(ann, DevelopmentStream.ONE);
        Transitions.Transition one = transitions.of(CareerTransition.ONE);
        saveTagged(ann, "Budget review", "2026-09-03", "resource_management", "resource_management", "delivering_results");
        saveTagged(ann, "Budget again", "2026-11-03", "resource_management", "resource_management", "");
        saveTagged(ann, "Coaching my managers", "2026-10-10", "leading_people", "developing_great_managers", "engaging_people");

        String pdf = exportedPdfText(ann);

        assertThat(pdf).contains("Key experiences of " + one.name(),
                "Met: the log shows 2 of the " + one.keyExperiences().size() + " key experiences of " + one.name(),
                one.keyExperience("resource_management").orElseThrow().name() + " 2 (September 2026 to November 2026)",
                one.keyExperience("developing_great_managers").orElseThrow().name() + " 1 (October 2026)",
                "Areas of the career transitions", transitions.area("resource_management").orElseThrow().name() + " 2",
                "Evidence for the indicators of potential", "Ability: Delivering Results 1");
    }

    @Test
    void graduationPdfSaysWhenFewerThanTwoKeyExperiencesAreShown() throws Exception {
        TestUsers.User ann = newUser("Ann Once");
        onRosterInStream(ann, DevelopmentStream.TWO);
        saveTagged(ann, "Regulator meeting", "2026-10-03", "system_working", "external_relationships", "");

        String pdf = exportedPdfText(ann);

        assertThat(pdf).contains("Not yet: the log shows 1 of the 2 key experiences expected");
    }

    private long onRosterInStream(TestUsers.User user, DevelopmentStream stream) {
        long id = onRoster(user, Role.PARTICIPANT, null);
        people.update(people.findById(id).orElseThrow().withStream(stream, Instant.now()));
        return id;
    }

    private void saveTagged(TestUsers.User user, String title, String date, String areas, String keyExperiences, String indicator) {
        say(user, "log reflection");
        Map<String, Object> data = entry(lastCard(user), title, date, "engaging_the_team");
        data.put("areas", areas);
        data.put("keyExperiences", keyExperiences);
        data.put("indicator", indicator);
        press(user, data);
        assertThat(cardId(lastCard(user))).isEqualTo("reflection-saved");
    }

    private String exportedPdfText(TestUsers.User user) throws Exception {
        say(user, "export reflections");
        Matcher pdfLink = Pattern.compile("\\[PDF]\\((http[^)]+)\\)").matcher(last(user).text());
        assertThat(pdfLink.find()).isTrue();
        byte[] body = download(pdfLink.group(1)).body();
        if (System.getProperty("hps.keep-pdf") != null) {
            java.nio.file.Files.write(java.nio.file.Path.of(System.getProperty("hps.keep-pdf"), user.name().replace(' ', '-') + ".pdf"), body);
        }
        try (PDDocument document = Loader.loadPDF(body)) {
            return new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
        }
    }

    /** The titles of a choice set's choices; empty when the card has no such input. */
    private static java.util.List<String> choiceTitles(JsonNode card, String id) {
        java.util.List<String> titles = new java.util.ArrayList<>();
        for (JsonNode element : card.path("body")) {
            if (element.path("id").asText().equals(id)) {
                element.path("choices").forEach(c -> titles.add(c.path("title").asText()));
            }
        }
        return titles;
    }

    // ---- helpers

    /** The card's action with this title. */
    private static JsonNode actionOf(JsonNode card, String title) {
        java.util.List<JsonNode> found = new java.util.ArrayList<>();
        card.findParents("title").stream().filter(n -> title.equals(n.path("title").asText()) && n.has("data")).forEach(found::add);
        assertThat(found).as("action " + title).hasSize(1);
        return found.get(0);
    }

    /** Presses an Action.Execute as Teams does (inputs merged into its data); returns the card the invoke answered with. */
    private JsonNode execute(TestUsers.User user, JsonNode action, Map<String, Object> inputs) {
        assertThat(action.path("type").asText()).isEqualTo("Action.Execute");
        Map<String, Object> data = merged(action.path("data"), inputs);
        HttpResponse<String> response = send(uk.nhs.hps.support.Activities.execute(action.path("verb").asText(), node(data)).from(user));
        try {
            JsonNode body = new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.body());
            assertThat(body.path("type").asText()).isEqualTo("application/vnd.microsoft.card.adaptive");
            return body.path("value");
        } catch (java.io.IOException e) {
            throw new AssertionError(response.body(), e);
        }
    }

    private long saveEntry(TestUsers.User user, String title, String date) {
        say(user, "log reflection");
        press(user, entry(lastCard(user), title, date, "engaging_the_team"));
        assertThat(cardId(lastCard(user))).isEqualTo("reflection-saved");
        return Long.parseLong(actionData(lastCard(user), "Open").path("entryId").asText());
    }

    /** A Save press on the entry card, with every field filled sensibly. */
    private Map<String, Object> entry(JsonNode card, String title, String date, String dimensions) {
        Map<String, Object> data = merged(actionData(card, "Save"), Map.of());
        data.put("title", title);
        data.put("experiencedOn", date);
        data.put("step_what", "I led the morning huddle.");
        data.put("step_so_what", "People speak up more when I ask first.");
        data.put("step_now_what", "Ask before telling.");
        data.put("dimensions", dimensions);
        data.put("source", "experience");
        data.put("assignment", "");
        data.put("share", "false");
        return data;
    }

    private static Map<String, Object> merged(JsonNode buttonData, Map<String, ?> inputs) {
        Map<String, Object> data = new HashMap<>();
        buttonData.fields().forEachRemaining(f -> data.put(f.getKey(), f.getValue().asText()));
        data.putAll(inputs);
        return data;
    }

    /** Every input's current value on a card, as Teams would submit them. */
    private static Map<String, Object> inputs(JsonNode card) {
        Map<String, Object> values = new HashMap<>();
        card.path("body").forEach(element -> {
            if (element.path("type").asText().startsWith("Input.")) {
                values.put(element.path("id").asText(), element.path("value").asText());
            }
        });
        return values;
    }

    private HttpResponse<byte[]> download(String url) throws Exception {
        String path = URI.create(url).getRawPath() + (URI.create(url).getRawQuery() == null ? "" : "?" + URI.create(url).getRawQuery());
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.getURL() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }
}
