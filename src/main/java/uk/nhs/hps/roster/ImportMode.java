package uk.nhs.hps.roster;

/** What an import does with what it finds. */
public enum ImportMode {
    /** Validate and report what would change; write nothing. The default. */
    DRY_RUN,
    /** Write everything, but only if every row is valid; otherwise write nothing. */
    COMMIT,
    /** Write the valid rows and report the others. */
    COMMIT_VALID_ROWS
}
