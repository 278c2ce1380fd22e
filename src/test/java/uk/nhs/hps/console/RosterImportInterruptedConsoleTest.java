package uk.nhs.hps.console;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import uk.nhs.hps.support.TestClock;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's view of an import whose server was killed while importing (another server, or this one before a
 * restart): once its lease has run out the page and the history say nothing was imported; before, it is still importing.
 */
@MicronautTest(transactional = false, environments = "dev")
class RosterImportInterruptedConsoleTest extends ConsoleTestBase {

    @Inject
    TransactionOperations<Connection> db;
    @Inject
    TestClock clock;

    @Override
    protected Map<String, String> extraProperties() {
        Map<String, String> p = new HashMap<>(super.extraProperties());
        p.put("hps.test.clock", "manual");
        return p;
    }

    @Test
    void anImportWhoseServerStoppedSaysNothingWasImportedOnItsPageAndInTheHistory() {
        ConsoleHttp console = new ConsoleHttp(base()).signIn(patId);
        String file = "stopped-" + UUID.randomUUID().toString().substring(0, 8) + ".csv";
        long upload = committing(file, clock.instant().minusSeconds(1));

        String page = console.get("/console/roster/uploads/" + upload).body();
        String history = console.get("/console/roster").body();

        assertThat(page).contains("data-testid=\"outcome\"", "the service stopped while importing it");
        assertThat(history).contains("Not imported: the service stopped while importing " + file);
        assertThat(status(upload)).isEqualTo("FAILED");
    }

    @Test
    void anImportWhoseLeaseIsLiveIsShownAsImporting() {
        ConsoleHttp console = new ConsoleHttp(base()).signIn(patId);
        long upload = committing("live-" + UUID.randomUUID().toString().substring(0, 8) + ".csv",
                clock.instant().plus(Duration.ofMinutes(4)));

        String page = console.get("/console/roster/uploads/" + upload).body();

        assertThat(page).contains("Importing").doesNotContain("the service stopped");
        assertThat(status(upload)).isEqualTo("COMMITTING");
    }

    /** The row a killed server leaves: claimed (COMMITTING) under a lease until {@code leaseUntil}, no job running here. */
    private long committing(String fileName, Instant leaseUntil) {
        return db.executeWrite(status -> {
            try (PreparedStatement s = status.getConnection().prepareStatement("""
                    INSERT INTO roster_upload (uploaded_by, file_name, content, status, uploaded_at, claim_token, lease_until)
                    VALUES (?, ?, ?, 'COMMITTING', ?, ?, ?)""", new String[]{"id"})) {
                s.setLong(1, patId);
                s.setString(2, fileName);
                s.setString(3, "email,name,cohort,sponsor_email\n");
                s.setTimestamp(4, Timestamp.from(clock.instant().minus(Duration.ofMinutes(10))));
                s.setString(5, UUID.randomUUID().toString());
                s.setTimestamp(6, Timestamp.from(leaseUntil));
                s.executeUpdate();
                try (ResultSet keys = s.getGeneratedKeys()) {
                    keys.next();
                    return keys.getLong(1);
                }
            }
        });
    }

    private String status(long upload) {
        return db.executeRead(status -> {
            try (PreparedStatement s = status.getConnection().prepareStatement("SELECT status FROM roster_upload WHERE id = ?")) {
                s.setLong(1, upload);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    return rs.getString(1);
                }
            }
        });
    }
}
