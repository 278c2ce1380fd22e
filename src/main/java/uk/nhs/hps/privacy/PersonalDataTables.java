package uk.nhs.hps.privacy;

import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Finds, from the database's own metadata, every table that holds rows about a person: those with a
 * foreign key to {@code person}, or a column named {@code person_id} / {@code *_person_id}. New tables
 * are covered by export and erasure without anyone remembering to list them.
 */
@Singleton
public class PersonalDataTables {

    /** A table with the columns that point at a person, and its text columns. */
    public record Table(String name, List<String> personColumns, List<Column> columns) {
    }

    public record Column(String name, boolean text, boolean nullable) {
    }

    private static final Set<String> IGNORED = Set.of("flyway_schema_history");

    private final TransactionOperations<Connection> transactions;

    PersonalDataTables(TransactionOperations<Connection> transactions) {
        this.transactions = transactions;
    }

    /** Every application table (excluding Flyway's), with its person-reference columns (possibly none). */
    public List<Table> all() {
        return transactions.executeRead(status -> read(status.getConnection()));
    }

    private static List<Table> read(Connection c) {
        try {
            DatabaseMetaData meta = c.getMetaData();
            String schema = c.getSchema();
            List<String> names = new ArrayList<>();
            try (ResultSet rs = meta.getTables(null, schema, "%", new String[]{"TABLE"})) {
                while (rs.next()) {
                    String name = rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT);
                    if (!IGNORED.contains(name) && !name.startsWith("qrtz_")) {
                        names.add(name);
                    }
                }
            }
            List<Table> tables = new ArrayList<>();
            for (String name : names) {
                tables.add(describe(meta, schema, name));
            }
            return tables;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the database metadata", e);
        }
    }

    /** Tables that hold rows about a person (the person table itself excluded). */
    public List<Table> aboutPeople() {
        return all().stream().filter(t -> !t.name().equals("person") && !t.personColumns().isEmpty()).toList();
    }

    private static Table describe(DatabaseMetaData meta, String schema, String table) throws SQLException {
        Map<String, Column> columns = new LinkedHashMap<>();
        try (ResultSet rs = meta.getColumns(null, schema, exact(meta, table), "%")) {
            while (rs.next()) {
                String column = rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT);
                int type = rs.getInt("DATA_TYPE");
                boolean text = type == Types.VARCHAR || type == Types.CHAR || type == Types.LONGVARCHAR
                        || type == Types.CLOB || type == Types.NVARCHAR || type == Types.NCHAR || type == Types.NCLOB
                        || type == Types.LONGNVARCHAR;
                columns.put(column, new Column(column, text, rs.getInt("NULLABLE") != DatabaseMetaData.columnNoNulls));
            }
        }
        Set<String> personColumns = new LinkedHashSet<>();
        try (ResultSet rs = meta.getImportedKeys(null, schema, exact(meta, table))) {
            while (rs.next()) {
                if (rs.getString("PKTABLE_NAME").equalsIgnoreCase("person")) {
                    personColumns.add(rs.getString("FKCOLUMN_NAME").toLowerCase(Locale.ROOT));
                }
            }
        }
        for (String column : columns.keySet()) {
            if (column.equals("person_id") || column.endsWith("_person_id")) {
                personColumns.add(column);
            }
        }
        return new Table(table, List.copyOf(personColumns), List.copyOf(columns.values()));
    }

    private static String exact(DatabaseMetaData meta, String table) throws SQLException {
        return meta.storesUpperCaseIdentifiers() ? table.toUpperCase(Locale.ROOT) : table;
    }
}
