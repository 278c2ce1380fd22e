package uk.nhs.hps.csv;

/**
 * Makes a value safe to put in a CSV that someone will open in a spreadsheet: a cell that starts like a
 * formula (=, +, -, @, tab or carriage return) is prefixed with a single quote so it is shown, never run.
 * So is one whose formula follows leading separators or blanks ({@code ;=1+1}, {@code ,=...}, a tab then
 * {@code =}): a spreadsheet that splits on another separator than ours, or trims, would otherwise run it.
 */
public final class CsvCells {

    private static final String SKIPPED_BEFORE_FORMULA = ",;|\t\r\n \u00a0";

    private CsvCells() {
    }

    public static String neutralise(String value) {
        if (value == null || value.isEmpty()) {
            return value;
        }
        char first = value.charAt(0);
        if (startsFormula(first) || first == '\t' || first == '\r') {
            return "'" + value;
        }
        int i = 0;
        while (i < value.length() && SKIPPED_BEFORE_FORMULA.indexOf(value.charAt(i)) >= 0) {
            i++;
        }
        return i > 0 && i < value.length() && startsFormula(value.charAt(i)) ? "'" + value : value;
    }

    private static boolean startsFormula(char c) {
        return c == '=' || c == '+' || c == '-' || c == '@';
    }
}
