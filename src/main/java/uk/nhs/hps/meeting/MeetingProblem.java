package uk.nhs.hps.meeting;

/** A friendly refusal: shown to the person as an error card; nothing was recorded. */
class MeetingProblem extends RuntimeException {
    private final String title;

    MeetingProblem(String title, String message) {
        super(message);
        this.title = title;
    }

    String title() {
        return title;
    }
}
