package uk.nhs.hps.teams;

/** The MDC key under which every log line of a turn carries its correlation id. */
final class TurnCorrelation {
    static final String KEY = "correlationId";

    private TurnCorrelation() {
    }
}
