package uk.nhs.hps.privacy;

import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.Reader;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import uk.nhs.hps.access.Access;
import uk.nhs.hps.access.Action;
import uk.nhs.hps.access.NotFound;
import uk.nhs.hps.audit.AuditLog;

/**
 * Subject access: everything stored about one person, as one document. Every table that refers to the
 * person is included (found from the database metadata), so new features' data is exported too.
 */
@Singleton
public class ExportingPersonalData {

    /** Columns that hold other people's data even though the row refers to this person. */
    private static final Set<String> WITHHELD = Set.of("roster_upload.content");

    /**
     * Columns private to the subject: in their own export, withheld when anyone else (the programme team
     * through the admin API) exports it. The 9-box wellbeing check-in is never the programme team's to read.
     */
    private static final Set<String> PRIVATE_TO_SUBJECT = Set.of("talent_review.wellbeing_note");

    private final TransactionOperations<Connection> transactions;
    private final PersonalDataTables tables;
    private final AuditLog audit;
    private final Clock clock;
    private final Access access;

    ExportingPersonalData(TransactionOperations<Connection> transactions, PersonalDataTables tables, AuditLog audit,
                          Clock clock, Access access) {
        this.transactions = transactions;
        this.tables = tables;
        this.audit = audit;
        this.clock = clock;
        this.access = access;
    }

    /**
     * The export asked for by someone (the console): authorised and audited as the admin API's, a {@code READ}
     * then the export itself. {@link NotFound} when there is no such person, as the API answers.
     */
    public Map<String, Object> exportFor(long actorId, long personId, String why) {
        boolean exists = transactions.executeRead(status -> {
            try (PreparedStatement s = status.getConnection().prepareStatement("SELECT 1 FROM person WHERE id = ?")) {
                s.setLong(1, personId);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next();
                }
            }
        });
        if (!exists) {
            throw new NotFound("There is no person " + personId + ".");
        }
        access.require(actorId, Action.EXPORT_PERSONAL_DATA, personId, why);
        return export(personId, AuditLog.person(actorId), why)
                .orElseThrow(() -> new NotFound("There is no person " + personId + "."));
    }

    /** The export, or empty if there is no such person. The export itself is audited. */
    public Optional<Map<String, Object>> export(long personId, String actor, String why) {
        List<PersonalDataTables.Table> about = tables.aboutPeople();
        boolean bySubject = actor.equals(AuditLog.person(personId));
        Optional<Map<String, Object>> document = transactions.executeRead(status -> read(status.getConnection(), about, personId,
                bySubject));
        document.ifPresent(d -> audit.record(actor, AuditLog.EXPORT, personId, why));
        return document;
    }

    private Optional<Map<String, Object>> read(Connection c, List<PersonalDataTables.Table> about, long personId,
                                               boolean bySubject) {
        Map<String, Object> document = new LinkedHashMap<>();
        try {
            List<Map<String, Object>> person = rows(c, "person", "id", personId, bySubject);
            if (person.isEmpty()) {
                return Optional.empty();
            }
            document.put("generatedAt", clock.instant().toString());
            document.put("about", "Everything HPS Companion stores about this person (UK GDPR subject access).");
            document.put("person", person.get(0));
            Map<String, Object> records = new LinkedHashMap<>();
            for (PersonalDataTables.Table table : about) {
                List<Map<String, Object>> all = new ArrayList<>();
                for (String column : table.personColumns()) {
                    all.addAll(rows(c, table.name(), column, personId, bySubject));
                }
                if (!all.isEmpty()) {
                    records.put(table.name(), all);
                }
            }
            document.put("records", records);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the person's data", e);
        }
        return Optional.of(document);
    }

    private static List<Map<String, Object>> rows(Connection c, String table, String column, long personId,
                                                  boolean bySubject) throws SQLException {
        // table and column names come from the database metadata, never from a request
        try (PreparedStatement s = c.prepareStatement("SELECT * FROM " + table + " WHERE " + column + " = ?")) {
            s.setLong(1, personId);
            try (ResultSet rs = s.executeQuery()) {
                ResultSetMetaData meta = rs.getMetaData();
                List<Map<String, Object>> rows = new ArrayList<>();
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= meta.getColumnCount(); i++) {
                        String name = meta.getColumnLabel(i).toLowerCase(Locale.ROOT);
                        if (WITHHELD.contains(table + "." + name)) {
                            row.put(name, "(withheld: holds other people's data)");
                            continue;
                        }
                        if (!bySubject && PRIVATE_TO_SUBJECT.contains(table + "." + name)) {
                            row.put(name, rs.getObject(i) == null ? null
                                    : "(withheld: private to the participant; in their own 'my data' export)");
                            continue;
                        }
                        row.put(name, value(rs.getObject(i)));
                    }
                    rows.add(row);
                }
                return rows;
            }
        }
    }

    private static Object value(Object raw) throws SQLException {
        if (raw == null || raw instanceof String || raw instanceof Number || raw instanceof Boolean) {
            return raw;
        }
        if (raw instanceof Clob clob) {
            try (Reader reader = clob.getCharacterStream()) {
                StringBuilder out = new StringBuilder();
                char[] buffer = new char[4096];
                int n;
                while ((n = reader.read(buffer)) != -1) {
                    out.append(buffer, 0, n);
                }
                return out.toString();
            } catch (IOException e) {
                throw new SQLException(e);
            }
        }
        if (raw instanceof java.sql.Timestamp ts) {
            return ts.toInstant().toString();
        }
        return raw.toString();
    }
}
