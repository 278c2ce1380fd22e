package uk.nhs.hps.talent;

import java.util.List;

/** Why a talent card submission was refused; nothing was saved. Safe to show to the person who pressed. */
class TalentProblem extends RuntimeException {

    /** What kind of refusal: whether editing the same card could fix it decides what the person sees next. */
    enum Kind {
        /** The answers themselves (missing, too long, not ready yet): the card comes back with the problems. */
        ANSWERS,
        /** The presser is not the participant's current sponsor. */
        NOT_THEIR_PARTICIPANT,
        /** The record moved on since the card was opened (saved elsewhere, or confirmed and locked). */
        RECORD_MOVED_ON
    }

    private final String title;
    private final List<String> problems;
    private final Kind kind;

    TalentProblem(Kind kind, String title, List<String> problems) {
        super(title);
        this.kind = kind;
        this.title = title;
        this.problems = List.copyOf(problems);
    }

    TalentProblem(String title, List<String> problems) {
        this(Kind.ANSWERS, title, problems);
    }

    TalentProblem(String title, String problem) {
        this(Kind.ANSWERS, title, List.of(problem));
    }

    TalentProblem(Kind kind, String title, String problem) {
        this(kind, title, List.of(problem));
    }

    Kind kind() {
        return kind;
    }

    String title() {
        return title;
    }

    List<String> problems() {
        return problems;
    }
}
