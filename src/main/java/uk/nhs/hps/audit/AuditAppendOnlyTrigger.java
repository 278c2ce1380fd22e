package uk.nhs.hps.audit;

import org.h2.api.Trigger;

import java.sql.Connection;
import java.sql.SQLException;

/** On H2, refuses every UPDATE and DELETE of the audit log, as the PostgreSQL trigger does there. */
public class AuditAppendOnlyTrigger implements Trigger {

    @Override
    public void fire(Connection connection, Object[] oldRow, Object[] newRow) throws SQLException {
        throw new SQLException("The audit log is append-only: audit_event rows cannot be changed or deleted.", "42501");
    }
}
