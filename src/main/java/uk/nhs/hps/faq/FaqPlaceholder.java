package uk.nhs.hps.faq;

import jakarta.inject.Singleton;
import uk.nhs.hps.conversation.QuestionAnswerer;
import uk.nhs.hps.conversation.Reply;
import uk.nhs.hps.conversation.Turn;

import java.util.List;

/** Stands in for FAQ answering until the knowledge base lands. */
@Singleton
class FaqPlaceholder implements QuestionAnswerer {
    @Override
    public List<Reply> answer(Turn turn) {
        return List.of(Reply.text("Thanks for your question. Answers to questions about the High Potential Scheme are"
                + " coming to this chat soon; for now please contact the programme team. Type **help** to see what I"
                + " can already do."));
    }
}
