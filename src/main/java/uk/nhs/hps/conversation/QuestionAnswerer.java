package uk.nhs.hps.conversation;

import java.util.List;

/** Answers free text that is not a command (the FAQ). */
public interface QuestionAnswerer {
    List<Reply> answer(Turn turn);
}
