package db.migration;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import java.sql.Statement;
import java.util.Locale;

/**
 * At most one current sponsor, and one current coach, per participant, as a database constraint. PostgreSQL
 * has partial unique indexes; H2 has none, so there a generated column holds the participant id only while the
 * row is current (NULL otherwise, and NULLs do not collide) and carries the unique index. PostgreSQL would need
 * that column STORED, which H2 does not parse, hence Java. Earlier races may have left several current rows:
 * all but the newest are ended today first.
 */
public class V89__one_current_sponsor_and_coach extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        String product = context.getConnection().getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
        try (Statement s = context.getConnection().createStatement()) {
            for (String[] table : new String[][] {{"sponsorship", "ux_sponsorship_current"}, {"coach_assignment", "ux_coach_current"}}) {
                s.execute("UPDATE " + table[0] + " SET ends_on = CURRENT_DATE WHERE ends_on IS NULL AND id < (SELECT MAX(c.id) FROM "
                        + table[0] + " c WHERE c.participant_id = " + table[0] + ".participant_id AND c.ends_on IS NULL)");
                if (product.contains("postgres")) {
                    s.execute("CREATE UNIQUE INDEX " + table[1] + " ON " + table[0] + " (participant_id) WHERE ends_on IS NULL");
                } else if (product.contains("h2")) {
                    s.execute("ALTER TABLE " + table[0] + " ADD COLUMN current_participant_id BIGINT"
                            + " GENERATED ALWAYS AS (CASE WHEN ends_on IS NULL THEN participant_id END)");
                    s.execute("CREATE UNIQUE INDEX " + table[1] + " ON " + table[0] + " (current_participant_id)");
                } else {
                    throw new IllegalStateException("No one-current-sponsor constraint for " + product);
                }
            }
        }
    }
}
