package uk.nhs.hps.access;

/** How the person acting stands to the person whose data it is (or to the scheme, for scheme actions). */
public enum Relation {
    /** It is their own data. */
    SELF,
    /** They sponsor the subject now. */
    CURRENT_SPONSOR,
    /** They sponsored the subject in the past. */
    FORMER_SPONSOR,
    /** They coach the subject now. */
    CURRENT_COACH,
    /** They are on the programme team. */
    PROGRAMME_TEAM,
    /** None of the above. */
    UNRELATED
}
