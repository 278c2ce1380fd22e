package uk.nhs.hps.faq;

import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.nhs.hps.conversation.QuestionAnswerer;
import uk.nhs.hps.conversation.Reply;
import uk.nhs.hps.conversation.Turn;
import uk.nhs.hps.people.Person;

import java.time.Clock;
import java.util.List;
import java.util.Locale;

/**
 * Answers free text from the FAQ: a confident match gets the answer card, a plausible one up to three
 * suggestions, anything else an honest "I don't know" with the offer to ask the programme team. Every
 * matched question is logged with what the bot did, for feedback, tickets and curation.
 */
@Singleton
class FaqAnswerer implements QuestionAnswerer {

    private static final Logger LOG = LoggerFactory.getLogger(FaqAnswerer.class);
    static final int MAX_SUGGESTIONS = 3;

    private final KnowledgeBase knowledgeBase;
    private final FaqStore.Queries queries;
    private final FaqCards cards;
    private final FaqSettings settings;
    private final PersonalAnswers personal;
    private final Clock clock;

    FaqAnswerer(KnowledgeBase knowledgeBase, FaqStore.Queries queries, FaqCards cards, FaqSettings settings,
                PersonalAnswers personal, Clock clock) {
        this.knowledgeBase = knowledgeBase;
        this.queries = queries;
        this.cards = cards;
        this.settings = settings;
        this.personal = personal;
        this.clock = clock;
    }

    @Override
    public List<Reply> answer(Turn turn) {
        String raw = turn.text() == null ? "" : turn.text();
        if (raw.length() > settings.maxQuestionChars()) {
            return List.of(Reply.text("That's a long message for me. I work best with one question at a time, in a"
                    + " sentence or two (under " + settings.maxQuestionChars() + " characters). For anything"
                    + " longer, e-mail the programme team."));
        }
        String question = FaqIndex.clean(raw);
        if (question.codePoints().noneMatch(Character::isLetterOrDigit)) {
            return List.of(Reply.text("I can only answer questions written in words. Try something like"
                    + " *how long is the scheme?* or type **help**."));
        }
        FaqReader.Reading reading = FaqReader.read(knowledgeBase.index(), question);
        if (reading.kind() == FaqReader.Kind.SMALL_TALK) {
            return List.of(Reply.text(reading.reply()));
        }
        if (reading.kind() == FaqReader.Kind.PERSONAL) {
            return List.of(Reply.text(personal.answer(turn.person(), reading.personal())));
        }
        MatchResult result = reading.result().orElseThrow();
        FaqStore.QueryRow logged = queries.save(new FaqStore.QueryRow(null, turn.teamsUserId(),
                turn.person().map(Person::id).orElse(null), question, normalise(question), result.outcome().name(),
                reading.answers().isEmpty() ? result.top().map(c -> c.entry().id()).orElse(null) : reading.answers().get(0).id(),
                result.confidence(), clock.instant()));
        LOG.info("FAQ question queryId={} outcome={} entry={} confidence={} answers={}", logged.id(), reading.kind(),
                logged.entryId(), String.format(Locale.ROOT, "%.2f", result.confidence()), reading.answers().size());
        return switch (reading.kind()) {
            case ANSWER -> reading.answers().stream().map(e -> cards.answer(logged.id(), question, e)).toList();
            case SUGGEST -> List.of(cards.suggestions(logged.id(), question, result.candidates().stream()
                    .limit(MAX_SUGGESTIONS).map(MatchResult.Candidate::entry).toList()));
            default -> List.of(turn.role().filter(r -> r == uk.nhs.hps.people.Role.PROGRAMME_TEAM).isPresent()
                    ? cards.fallbackForTeam(logged.id(), question) : cards.fallback(logged.id(), question));
        };
    }

    /** The form questions are grouped by in the curation list. */
    static String normalise(String question) {
        String n = question.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
        return n.length() > 500 ? n.substring(0, 500) : n;
    }
}
