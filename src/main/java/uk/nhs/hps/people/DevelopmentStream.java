package uk.nhs.hps.people;

import io.micronaut.core.annotation.Nullable;

import java.util.Optional;

/**
 * The development stream a participant applied to (000: "You are required to apply to a specific development
 * stream"). 001 pairs stream one with career transition one and stream two with transition two. It is given
 * on the roster and never inferred from the band (000: choosing one "is not about your precise grade or role").
 */
public enum DevelopmentStream {
    ONE(1, CareerTransition.ONE),
    TWO(2, CareerTransition.TWO);

    private final int number;
    private final CareerTransition transition;

    DevelopmentStream(int number, CareerTransition transition) {
        this.number = number;
        this.transition = transition;
    }

    /** 1 or 2, as the scheme's documents and the roster file write it. */
    public int number() {
        return number;
    }

    public CareerTransition transition() {
        return transition;
    }

    /** The stream numbered 1 or 2; empty for anything else. */
    public static Optional<DevelopmentStream> ofNumber(int number) {
        for (DevelopmentStream s : values()) {
            if (s.number == number) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** Reads "1" or "2" (surrounding spaces allowed); empty for anything else, including "one" or "stream 1". */
    public static Optional<DevelopmentStream> parse(@Nullable String text) {
        if (text == null) {
            return Optional.empty();
        }
        return switch (text.strip()) {
            case "1" -> Optional.of(ONE);
            case "2" -> Optional.of(TWO);
            default -> Optional.empty();
        };
    }

    /** The number, or null when no stream is recorded (for views and files). */
    public static @Nullable Integer numberOf(@Nullable DevelopmentStream stream) {
        return stream == null ? null : stream.number;
    }
}
