package uk.nhs.hps.delivery;

import jakarta.inject.Singleton;
import uk.nhs.hps.privacy.PersonalDataEraser;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Set;

/**
 * Erasure of the outbox: messages to the person keep their row (so campaign totals still add up) but
 * lose their content, key and chat; anything not yet sent is cancelled. Campaign names are kept only when
 * they are the system's own ids ("announcement:42"), which identify nobody.
 */
@Singleton
class OutboxEraser implements PersonalDataEraser {

    @Override
    public Set<String> tables() {
        return Set.of("outbound_message");
    }

    @Override
    public int erase(Connection connection, long personId, String email) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("""
                UPDATE outbound_message SET payload = '{"text":""}', idempotency_key = CONCAT('erased:', id),
                       status = CASE WHEN status IN ('SENT', 'FAILED', 'UNKNOWN', 'CANCELLED') THEN status ELSE 'CANCELLED' END,
                       campaign = CASE WHEN campaign LIKE 'announcement:%' OR campaign LIKE 'nudge:%' THEN campaign END,
                       last_error = NULL, claim_token = NULL, conversation_id = NULL, activity_id = NULL
                WHERE person_id = ?""")) {
            s.setLong(1, personId);
            return s.executeUpdate();
        }
    }
}
