package uk.nhs.hps.access;

/**
 * Everything a feature may ask {@link Access} about. Person actions concern one subject's data;
 * scheme actions concern cohorts and the roster as a whole and have no subject.
 */
public enum Action {
    VIEW_PROFILE(true, true),
    VIEW_MEETING_STATUS(true, true),
    RECORD_MEETING(true, false),
    VIEW_PRIVATE_REFLECTIONS(true, true),
    VIEW_SHARED_REFLECTIONS(true, true),
    VIEW_TALENT_INPUTS(true, true),
    EDIT_TALENT_INPUTS(true, false),
    /** The 9-box placement and review status only: never the inputs or the private wellbeing note. */
    VIEW_TALENT_PLACEMENTS(true, true),
    /**
     * The development roadmap of the career conversation: the agreed development actions, and the actions and note
     * the coach adds (001: the coach helps "plan a bespoke development roadmap"). Never the placement, the ratings
     * or the wellbeing note.
     */
    VIEW_TALENT_ROADMAP(true, true),
    /** Add or change the coach's development actions and note on the roadmap. */
    EDIT_TALENT_ROADMAP(true, false),
    /** Moderate an agreed placement and record that it was fed back (programme team). */
    MODERATE_TALENT(true, false),
    EXPORT_PERSONAL_DATA(true, true),
    ERASE_PERSONAL_DATA(true, false),
    CHANGE_STATUS(true, false),
    VIEW_COHORT_REPORTS(false, true),
    MANAGE_ROSTER(false, false),
    BROADCAST(false, false),
    MANAGE_FAQ(false, false),
    /** Add or remove England and Wales bank holidays (the nudges' working calendar). */
    MANAGE_CALENDAR(false, false),
    /** Replace the 9-box grid's labels and descriptions (a new version each time; placements keep theirs). */
    MANAGE_TALENT_GRID(false, false),
    VIEW_AUDIT_LOG(false, true);

    private final boolean aboutAPerson;
    private final boolean read;

    Action(boolean aboutAPerson, boolean read) {
        this.aboutAPerson = aboutAPerson;
        this.read = read;
    }

    /** True when the action concerns one person's data and so needs a subject. */
    public boolean aboutAPerson() {
        return aboutAPerson;
    }

    /** True when the action only reads; reads of someone else's data are audited. */
    public boolean isRead() {
        return read;
    }
}
