package uk.nhs.hps.talent;

import java.util.List;

/** Why a talent card submission was refused; nothing was saved. Safe to show to the person who pressed. */
class TalentProblem extends RuntimeException {

    private final String title;
    private final List<String> problems;

    TalentProblem(String title, List<String> problems) {
        super(title);
        this.title = title;
        this.problems = List.copyOf(problems);
    }

    TalentProblem(String title, String problem) {
        this(title, List.of(problem));
    }

    String title() {
        return title;
    }

    List<String> problems() {
        return problems;
    }
}
