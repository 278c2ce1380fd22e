package uk.nhs.hps.roster;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a roster file: UTF-8 with or without a byte-order mark, comma- or semicolon-separated (whichever
 * the header line uses), quoted fields allowed. Column names are matched ignoring case, spaces, hyphens
 * and underscores, so "Sponsor e-mail" and "sponsor_email" are the same column.
 */
final class RosterCsv {

    static final List<String> COLUMNS = List.of("email", "name", "organisation", "band", "cohort",
            "sponsor_email", "sponsor_name", "coach_email", "coach_name", "time_zone", "stream");
    private static final Set<String> REQUIRED = Set.of("email", "name", "cohort", "sponsor_email");
    private static final Map<String, String> ALIASES = Map.of(
            "workemail", "email", "emailaddress", "email", "fullname", "name", "displayname", "name",
            "organization", "organisation", "timezone", "time_zone", "sponsor", "sponsor_email", "coach", "coach_email",
            "developmentstream", "stream");

    private RosterCsv() {
    }

    static List<RosterRow> read(byte[] content, int maxRows) {
        String text = decode(content);
        if (text.isBlank()) {
            throw new MalformedRoster("The file is empty. The first line must name the columns: " + String.join(", ", COLUMNS) + ".");
        }
        char delimiter = delimiterOf(text);
        CSVFormat format = CSVFormat.DEFAULT.builder()
                .setDelimiter(delimiter)
                .setHeader()
                .setSkipHeaderRecord(true)
                .setIgnoreEmptyLines(true)
                .setIgnoreSurroundingSpaces(true)
                .setAllowMissingColumnNames(true)
                .setDuplicateHeaderMode(org.apache.commons.csv.DuplicateHeaderMode.ALLOW_ALL)
                .get();
        try (CSVParser parser = format.parse(new StringReader(text))) {
            Map<String, Integer> columns = columns(parser.getHeaderNames());
            List<RosterRow> rows = new ArrayList<>();
            long nextLine = parser.getCurrentLineNumber() + 1;
            Iterator<CSVRecord> records = parser.iterator();
            while (true) {
                CSVRecord record;
                try {
                    if (!records.hasNext()) {
                        break;
                    }
                    record = records.next();
                } catch (UncheckedIOException | IllegalStateException e) {
                    throw new MalformedRoster("The file is not valid CSV near line " + nextLine
                            + " (for example a quoted field that is never closed). Nothing was imported.");
                }
                if (rows.size() >= maxRows) {
                    throw new MalformedRoster("The file has more than " + String.format(Locale.UK, "%,d", maxRows)
                            + " rows, the most one import accepts. Split it (for example one file per cohort). Nothing was imported.");
                }
                long line = nextLine;
                nextLine = parser.getCurrentLineNumber() + 1;
                if (isBlank(record)) {
                    continue;
                }
                rows.add(new RosterRow(line, cell(record, columns, "email"), cell(record, columns, "name"),
                        cell(record, columns, "organisation"), cell(record, columns, "band"), cell(record, columns, "cohort"),
                        cell(record, columns, "sponsor_email"), cell(record, columns, "sponsor_name"),
                        cell(record, columns, "coach_email"), cell(record, columns, "coach_name"),
                        cell(record, columns, "time_zone"), cell(record, columns, "stream"), columns.containsKey("stream")));
            }
            return rows;
        } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
            if (e.getCause() instanceof MalformedRoster m) {
                throw m;
            }
            throw new MalformedRoster("The file could not be read as CSV: " + safeMessage(e) + ". Nothing was imported.");
        }
    }

    private static String decode(byte[] content) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(content)).toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            throw new MalformedRoster("The file is not UTF-8 text. Save it as \"CSV UTF-8\" and send it again. Nothing was imported.");
        }
    }

    /** The header line decides: more semicolons than commas outside quotes means semicolon-separated. */
    private static char delimiterOf(String text) {
        int commas = 0;
        int semicolons = 0;
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && (c == '\n' || c == '\r')) {
                break;
            } else if (!quoted && c == ',') {
                commas++;
            } else if (!quoted && c == ';') {
                semicolons++;
            }
        }
        return semicolons > commas ? ';' : ',';
    }

    private static Map<String, Integer> columns(List<String> headers) {
        Map<String, Integer> columns = new HashMap<>();
        for (int i = 0; i < headers.size(); i++) {
            String key = canonical(headers.get(i));
            if (key != null && !columns.containsKey(key)) {
                columns.put(key, i);
            }
        }
        List<String> missing = REQUIRED.stream().filter(c -> !columns.containsKey(c)).sorted().toList();
        if (!missing.isEmpty()) {
            throw new MalformedRoster("The header line is missing the column(s) " + String.join(", ", missing)
                    + ". Expected columns: " + String.join(", ", COLUMNS) + ". Nothing was imported.");
        }
        return columns;
    }

    private static String canonical(String header) {
        if (header == null) {
            return null;
        }
        String squashed = header.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
        for (String column : COLUMNS) {
            if (column.replace("_", "").equals(squashed)) {
                return column;
            }
        }
        return ALIASES.get(squashed);
    }

    private static String cell(CSVRecord record, Map<String, Integer> columns, String column) {
        Integer index = columns.get(column);
        if (index == null || index >= record.size()) {
            return null;
        }
        String value = record.get(index);
        if (value == null) {
            return null;
        }
        value = value.strip();
        return value.isEmpty() ? null : value;
    }

    private static boolean isBlank(CSVRecord record) {
        for (String value : record) {
            if (value != null && !value.isBlank()) {
                return false;
            }
        }
        return true;
    }

    private static String safeMessage(Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        // commons-csv quotes file content in some messages; keep only the first sentence, bounded
        int cut = message.indexOf('\'');
        message = cut > 0 ? message.substring(0, cut).trim() : message;
        return message.length() > 200 ? message.substring(0, 200) : message;
    }
}
