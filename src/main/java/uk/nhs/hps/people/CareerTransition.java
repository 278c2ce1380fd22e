package uk.nhs.hps.people;

/**
 * One of the scheme's two career transitions (000: "the step changes in expectations of leaders' experiences,
 * skills, knowledge and behaviours required to reach the next level up"). What each one means is data:
 * {@code scheme/transitions.yml}.
 */
public enum CareerTransition {
    ONE(1),
    TWO(2);

    private final int number;

    CareerTransition(int number) {
        this.number = number;
    }

    public int number() {
        return number;
    }
}
