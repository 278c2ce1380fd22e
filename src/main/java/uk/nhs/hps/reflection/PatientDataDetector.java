package uk.nhs.hps.reflection;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A deliberately simple check for patient-identifiable information before a reflection is saved: NHS
 * numbers that pass the modulus-11 check, and dates of birth (a date labelled as one, or a full date next
 * to a person's name). It warns; the person decides. It never logs what it found.
 */
final class PatientDataDetector {

    enum Kind { NHS_NUMBER, DATE_OF_BIRTH }

    record Finding(String field, Kind kind) {
        String describe(String fieldLabel) {
            return switch (kind) {
                case NHS_NUMBER -> "**" + fieldLabel + "** contains what looks like an NHS number.";
                case DATE_OF_BIRTH -> "**" + fieldLabel + "** contains what looks like a date of birth next to a name.";
            };
        }
    }

    private static final Pattern TEN_DIGITS = Pattern.compile("(?<![\\d+])(\\d{3})[ -]?(\\d{3})[ -]?(\\d{4})(?![\\d])");
    private static final String MONTHS = "(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
            + "|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";
    private static final String DATE = "(?:\\d{1,2}[/.-]\\d{1,2}[/.-](?:\\d{4}|\\d{2})|\\d{4}-\\d{2}-\\d{2}"
            + "|\\d{1,2}(?:st|nd|rd|th)?\\s+" + MONTHS + "\\s+\\d{4})";
    private static final Pattern LABELLED_DOB = Pattern.compile(
            "(?i)\\b(?:d\\.?o\\.?b\\.?|date\\s+of\\s+birth|born(?:\\s+on)?)\\s*[:\\-]?\\s*" + DATE);
    /** A title and a capitalised name ("Mrs Jones"), or two capitalised words ("Jane Smith"). */
    private static final String NAME = "(?:\\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Master)\\.?\\s+[A-Z][a-zA-Z'-]+"
            + "|\\b[A-Z][a-z'-]+\\s+[A-Z][a-z'-]{2,})";
    private static final Pattern ANY_DATE = Pattern.compile("(?i)\\b" + DATE + "\\b");
    private static final Pattern A_NAME = Pattern.compile(NAME);
    private static final Pattern YEAR = Pattern.compile("(\\d{4}|\\d{2})$");
    /** How far either side of a date a name counts as "next to" it. */
    private static final int NEAR = 30;

    private PatientDataDetector() {
    }

    /** Findings per field, in field order; empty when nothing looks patient-identifiable. */
    static List<Finding> scan(java.util.Map<String, String> fields, int currentYear) {
        List<Finding> findings = new ArrayList<>();
        fields.forEach((field, text) -> {
            if (text == null || text.isBlank()) {
                return;
            }
            if (containsNhsNumber(text)) {
                findings.add(new Finding(field, Kind.NHS_NUMBER));
            }
            if (containsDateOfBirth(text, currentYear)) {
                findings.add(new Finding(field, Kind.DATE_OF_BIRTH));
            }
        });
        return findings;
    }

    static boolean containsNhsNumber(String text) {
        Matcher m = TEN_DIGITS.matcher(text);
        while (m.find()) {
            if (validNhsNumber(m.group(1) + m.group(2) + m.group(3))) {
                return true;
            }
        }
        return false;
    }

    /** The NHS number modulus-11 check: weights 10..2 on the first nine digits; the tenth is the check digit. */
    static boolean validNhsNumber(String digits) {
        if (digits.length() != 10 || !digits.chars().allMatch(Character::isDigit)) {
            return false;
        }
        if (digits.chars().distinct().count() == 1) {
            return false; // 0000000000 and friends pass the arithmetic but are never issued
        }
        int sum = 0;
        for (int i = 0; i < 9; i++) {
            sum += (digits.charAt(i) - '0') * (10 - i);
        }
        int check = 11 - (sum % 11);
        if (check == 11) {
            check = 0;
        }
        return check != 10 && check == digits.charAt(9) - '0';
    }

    /**
     * A date labelled as a date of birth, or a full date at least two years old with a name within a few
     * words of it (recent dates next to names are usually when the experience happened, not a birthday).
     */
    static boolean containsDateOfBirth(String text, int currentYear) {
        if (LABELLED_DOB.matcher(text).find()) {
            return true;
        }
        Matcher date = ANY_DATE.matcher(text);
        while (date.find()) {
            if (!oldEnough(date.group(), currentYear)) {
                continue;
            }
            String before = text.substring(Math.max(0, date.start() - NEAR), date.start());
            String after = text.substring(date.end(), Math.min(text.length(), date.end() + NEAR));
            if (A_NAME.matcher(sentenceTail(before)).find() || A_NAME.matcher(sentenceHead(after)).find()) {
                return true;
            }
        }
        return false;
    }

    private static boolean oldEnough(String date, int currentYear) {
        Matcher y = YEAR.matcher(date.strip());
        if (!y.find()) {
            return true;
        }
        String year = y.group(1);
        return year.length() == 2 || Integer.parseInt(year) <= currentYear - 2;
    }

    private static String sentenceTail(String text) {
        int stop = Math.max(text.lastIndexOf(". "), text.lastIndexOf('\n'));
        return stop < 0 ? text : text.substring(stop + 1);
    }

    private static String sentenceHead(String text) {
        int stop = text.indexOf(". ");
        int newline = text.indexOf('\n');
        int end = stop < 0 ? newline : newline < 0 ? stop : Math.min(stop, newline);
        return end < 0 ? text : text.substring(0, end);
    }
}
