package uk.nhs.hps.roster;

/**
 * Makes a value safe to put in a CSV that someone will open in a spreadsheet: a cell that starts like a
 * formula (=, +, -, @, tab or carriage return) is prefixed with a single quote so it is shown, never run.
 */
public final class CsvCells {

    private CsvCells() {
    }

    public static String neutralise(String value) {
        if (value == null || value.isEmpty()) {
            return value;
        }
        char first = value.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                ? "'" + value : value;
    }
}
