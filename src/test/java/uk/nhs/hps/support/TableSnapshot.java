package uk.nhs.hps.support;

import io.micronaut.transaction.TransactionOperations;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every row of some tables, as text: equal snapshots before and after mean a refused request changed nothing there. */
public final class TableSnapshot {

    /** The tables a person's or the programme team's actions write to (not the activity ledger or the audit log). */
    public static final List<String> RECORDS = List.of("person", "programme_team_member", "sponsorship", "faq_entry",
            "faq_import", "faq_query", "faq_ticket", "announcement", "roster_upload", "bank_holiday_override",
            "talent_review", "outbound_message", "reflection_entry", "reflection_revision", "meeting_month",
            "reflection_prompt");

    private TableSnapshot() {
    }

    public static Map<String, String> of(TransactionOperations<Connection> transactions, List<String> tables) {
        return transactions.executeRead(status -> {
            Map<String, String> rows = new LinkedHashMap<>();
            for (String table : tables) {
                rows.put(table, rows(status.getConnection(), table));
            }
            return rows;
        });
    }

    private static String rows(Connection c, String table) {
        StringBuilder out = new StringBuilder();
        try (PreparedStatement s = c.prepareStatement("SELECT * FROM " + table + " ORDER BY 1");
             ResultSet rs = s.executeQuery()) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                for (int i = 1; i <= columns; i++) {
                    out.append(rs.getString(i)).append('|');
                }
                out.append('\n');
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return out.toString();
    }
}
