package db.migration;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import java.sql.Statement;
import java.util.Locale;

/**
 * Makes the audit log append-only in the database itself, not just in the application: any UPDATE or
 * DELETE of audit_event fails. The trigger language differs between PostgreSQL and H2, hence Java.
 */
public class V43__audit_log_append_only extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        String product = context.getConnection().getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
        try (Statement s = context.getConnection().createStatement()) {
            if (product.contains("postgres")) {
                s.execute("""
                        CREATE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                        BEGIN
                            RAISE EXCEPTION 'The audit log is append-only: audit_event rows cannot be changed or deleted.'
                                USING ERRCODE = 'insufficient_privilege';
                        END $$""");
                s.execute("""
                        CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON audit_event
                        FOR EACH ROW EXECUTE FUNCTION audit_event_append_only()""");
                s.execute("""
                        CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
                        FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only()""");
            } else if (product.contains("h2")) {
                s.execute("CREATE TRIGGER audit_event_append_only BEFORE UPDATE, DELETE ON audit_event FOR EACH ROW "
                        + "CALL 'uk.nhs.hps.audit.AuditAppendOnlyTrigger'");
            } else {
                throw new IllegalStateException("No append-only audit trigger for " + product);
            }
        }
    }
}
