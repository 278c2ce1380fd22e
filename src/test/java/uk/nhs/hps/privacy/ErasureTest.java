package uk.nhs.hps.privacy;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import uk.nhs.hps.cohort.ManagingCohorts;
import uk.nhs.hps.people.Person;
import uk.nhs.hps.people.PersonRepository;
import uk.nhs.hps.people.RecordingTeamsContact;
import uk.nhs.hps.people.SponsorshipRepository;
import uk.nhs.hps.people.TeamsContact;
import uk.nhs.hps.programmeteam.ManagingProgrammeTeam;
import uk.nhs.hps.roster.ImportMode;
import uk.nhs.hps.roster.ImportingRoster;
import uk.nhs.hps.support.BotTestBase;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.sql.Statement;
import java.util.Map;
import java.util.HashMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Erasure leaves nothing identifying anywhere. Tables are discovered from the database metadata and seeded
 * generically, so a table added by a later feature is covered without changing this test.
 */
@MicronautTest(transactional = false)
class ErasureTest extends BotTestBase {

    private static final String EMAIL = "eve.erase@erasure.nhs.net";
    private static final String NAME = "Evangeline Erasable";
    private static final String AAD = "aad-evangeline";
    private static final String TEAMS_ID = "29:evangeline";
    /** Strings that identify Eve: none may remain anywhere after erasure. */
    private static final List<String> IDENTIFYING = List.of("eve.erase", "evangeline");
    /** Append-only; the application writes it with ids only, which the scan below proves for the real rows. */
    private static final String AUDIT = "audit_event";

    @Inject
    ImportingRoster importing;
    @Inject
    ManagingCohorts cohorts;
    @Inject
    ManagingProgrammeTeam programmeTeam;
    @Inject
    PersonRepository people;
    @Inject
    SponsorshipRepository sponsorships;
    @Inject
    RecordingTeamsContact contacts;
    @Inject
    ExportingPersonalData exporting;
    @Inject
    ErasingPerson erasing;
    @Inject
    PersonalDataTables tables;
    @Inject
    TransactionOperations<Connection> transactions;

    @Test
    void nothingIdentifyingRemainsInAnyTableAndAggregatesSurvive() {
        long eve = seedEverything();
        assertThat(occurrences()).as("seeded").isNotEmpty();

        ErasureReport report = erasing.erase(eve, "person:1", "erasure request by the person");

        assertThat(occurrences()).as("identifying text left after erasure").isEmpty();
        assertThat(report.unhandled()).as("tables about people with text no eraser handles").isEmpty();
        Person erased = people.findById(eve).orElseThrow();
        assertThat(erased.anonymisedAt()).isNotNull();
        assertThat(erased.cohortId()).isNotNull();
        assertThat(sponsorships.findByParticipantIdOrderByStartsOn(eve)).hasSize(1);
    }

    @Test
    void erasedPersonCanNoLongerBeExportedByEmailOrLinked() {
        long eve = seedEverything();
        erasing.erase(eve, "person:1", "request");

        assertThat(people.findByEmail(EMAIL)).isEmpty();
        assertThat(people.findByAadObjectId(AAD)).isEmpty();
        assertThat(exporting.export(eve, "person:1", "check").orElseThrow().toString()).doesNotContain("eve.erase");
    }

    /** Eve through the real flows (import, Teams install, programme team), then every person table generically. */
    private long seedEverything() {
        String cohort = "erase" + System.nanoTime();
        cohorts.create(new ManagingCohorts.CohortDetails(cohort, LocalDate.of(2024, 1, 1), LocalDate.of(2025, 12, 31), null, null));
        people.findByEmail(EMAIL).ifPresent(p -> erasing.erase(p.id(), "person:1", "clean slate"));
        String csv = "email,name,organisation,band,cohort,sponsor_email,coach_email\n"
                + EMAIL + "," + NAME + ",Evangeline Trust,8a," + cohort + ",sponsor." + cohort + "@x.nhs.net,coach." + cohort + "@x.nhs.net\n"
                + "keeper." + cohort + "@x.nhs.net,Kim Keeper,Keeper Trust,8a," + cohort + ",sponsor." + cohort + "@x.nhs.net,\n";
        importing.importCsv(csv.getBytes(StandardCharsets.UTF_8), ImportMode.COMMIT, "person:1", "seed");
        long eve = people.findByEmail(EMAIL).orElseThrow().id();
        contacts.record(new TeamsContact(TEAMS_ID, AAD, "tenant", NAME, EMAIL, "https://smba.example/",
                "a:personal-evangeline", "{\"user\":{\"name\":\"" + NAME + "\"}}"));
        programmeTeam.add(eve, "person:1");
        // another current member, so erasing Eve does not leave the programme team without one
        programmeTeam.add(people.findByEmail("keeper." + cohort + "@x.nhs.net").orElseThrow().id(), "person:1");
        exporting.export(eve, "person:" + eve, "own export");
        transactions.executeWrite(status -> {
            seedGenerically(status.getConnection(), eve);
            return null;
        });
        for (PersonalDataTables.Table table : tables.aboutPeople()) {
            assertThat(rowsAbout(table, eve)).as("rows about Eve in " + table.name()).isPositive();
        }
        return eve;
    }

    /** One more row in every table about people, every text column filled with Eve's identifiers. */
    private void seedGenerically(Connection c, long eve) throws SQLException {
        for (PersonalDataTables.Table table : tables.aboutPeople()) {
            if (table.name().equals(AUDIT)) {
                continue;
            }
            List<String> names = new ArrayList<>();
            List<Object> values = new ArrayList<>();
            DatabaseMetaData meta = c.getMetaData();
            Map<String, String> references = new HashMap<>();
            try (ResultSet rs = meta.getImportedKeys(null, c.getSchema(), table.name())) {
                while (rs.next()) {
                    references.put(rs.getString("FKCOLUMN_NAME").toLowerCase(Locale.ROOT),
                            rs.getString("PKTABLE_NAME").toLowerCase(Locale.ROOT));
                }
            }
            try (ResultSet rs = meta.getColumns(null, c.getSchema(), table.name(), "%")) {
                while (rs.next()) {
                    String column = rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT);
                    boolean generated = "YES".equals(rs.getString("IS_AUTOINCREMENT")) || column.equals("id");
                    if (generated) {
                        continue;
                    }
                    names.add(column);
                    String referenced = references.get(column);
                    values.add(referenced != null && !referenced.equals("person")
                            ? newestIdIn(c, referenced) // e.g. a ticket points at the question just seeded
                            : valueFor(table, column, rs.getInt("DATA_TYPE"), rs.getInt("COLUMN_SIZE"), eve));
                }
            }
            String sql = "INSERT INTO " + table.name() + " (" + String.join(", ", names) + ") VALUES ("
                    + String.join(", ", names.stream().map(n -> "?").toList()) + ")";
            java.sql.Savepoint savepoint = c.setSavepoint();
            try (PreparedStatement s = c.prepareStatement(sql)) {
                for (int i = 0; i < values.size(); i++) {
                    s.setObject(i + 1, values.get(i));
                }
                s.executeUpdate();
                c.releaseSavepoint(savepoint);
            } catch (SQLException e) {
                c.rollback(savepoint);
                // a constraint (e.g. a person cannot sponsor themself, one membership per person) refused the
                // generic row; the real flows above already put rows about Eve in that table
            }
        }
    }

    /** The newest row of a referenced table, seeding one generically if the table is still empty. */
    private static long newestIdIn(Connection c, String table) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT MAX(id) FROM " + table)) {
            if (rs.next() && rs.getObject(1) != null) {
                return rs.getLong(1);
            }
        }
        DatabaseMetaData meta = c.getMetaData();
        Map<String, String> references = new HashMap<>();
        try (ResultSet rs = meta.getImportedKeys(null, c.getSchema(), table)) {
            while (rs.next()) {
                references.put(rs.getString("FKCOLUMN_NAME").toLowerCase(Locale.ROOT), rs.getString("PKTABLE_NAME").toLowerCase(Locale.ROOT));
            }
        }
        List<String> names = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        try (ResultSet rs = meta.getColumns(null, c.getSchema(), table, "%")) {
            while (rs.next()) {
                String column = rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT);
                if ("YES".equals(rs.getString("IS_AUTOINCREMENT")) || column.equals("id")) {
                    continue;
                }
                names.add(column);
                String referenced = references.get(column);
                values.add(referenced != null ? newestIdIn(c, referenced) : plainValue(rs.getInt("DATA_TYPE"), rs.getInt("COLUMN_SIZE")));
            }
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO " + table + " (" + String.join(", ", names) + ") VALUES ("
                + String.join(", ", names.stream().map(n -> "?").toList()) + ")")) {
            for (int i = 0; i < values.size(); i++) {
                s.setObject(i + 1, values.get(i));
            }
            s.executeUpdate();
        }
        return newestIdIn(c, table);
    }

    private static Object plainValue(int type, int size) {
        return switch (type) {
            case Types.VARCHAR, Types.CHAR, Types.CLOB, Types.LONGVARCHAR, Types.NVARCHAR -> truncate("DRAFT", size);
            case Types.DATE -> java.sql.Date.valueOf(LocalDate.of(2026, 1, 1));
            case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE -> java.sql.Timestamp.valueOf("2026-01-01 09:00:00");
            case Types.BOOLEAN, Types.BIT -> false;
            default -> 1;
        };
    }

    private static Object valueFor(PersonalDataTables.Table table, String column, int type, int size, long eve) {
        if (table.personColumns().contains(column)) {
            return eve;
        }
        return switch (type) {
            case Types.VARCHAR, Types.CHAR, Types.CLOB, Types.LONGVARCHAR, Types.NVARCHAR ->
                    truncate(EMAIL + " " + NAME + " " + AAD + " " + TEAMS_ID, size);
            case Types.DATE -> java.sql.Date.valueOf(LocalDate.of(2026, 1, 1));
            case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE -> java.sql.Timestamp.valueOf("2026-01-01 09:00:00");
            case Types.BOOLEAN, Types.BIT -> false;
            default -> 1;
        };
    }

    private static String truncate(String value, int size) {
        return size > 0 && value.length() > size ? value.substring(0, size) : value;
    }

    private int rowsAbout(PersonalDataTables.Table table, long eve) {
        return transactions.executeRead(status -> {
            String where = String.join(" OR ", table.personColumns().stream().map(c -> c + " = ?").toList());
            try (PreparedStatement s = status.getConnection().prepareStatement("SELECT COUNT(*) FROM " + table.name() + " WHERE " + where)) {
                for (int i = 1; i <= table.personColumns().size(); i++) {
                    s.setLong(i, eve);
                }
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        });
    }

    /** Every table.column where an identifying string still appears, in the whole database. */
    private List<String> occurrences() {
        return transactions.executeRead(status -> {
            List<String> found = new ArrayList<>();
            for (PersonalDataTables.Table table : tables.all()) {
                for (PersonalDataTables.Column column : table.columns()) {
                    if (!column.text()) {
                        continue;
                    }
                    for (String needle : IDENTIFYING) {
                        try (PreparedStatement s = status.getConnection().prepareStatement("SELECT COUNT(*) FROM "
                                + table.name() + " WHERE LOWER(CAST(" + column.name() + " AS VARCHAR(100000))) LIKE ?")) {
                            s.setString(1, "%" + needle + "%");
                            try (ResultSet rs = s.executeQuery()) {
                                rs.next();
                                if (rs.getInt(1) > 0) {
                                    found.add(table.name() + "." + column.name() + " contains " + needle);
                                }
                            }
                        }
                    }
                }
            }
            return found;
        });
    }
}
