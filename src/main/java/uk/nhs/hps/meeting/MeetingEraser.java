package uk.nhs.hps.meeting;

import jakarta.inject.Singleton;
import uk.nhs.hps.privacy.PersonalDataEraser;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Set;

/**
 * Erasure of meeting cycles: rows about the person (on either side) keep their month and outcome, so
 * cohort figures still add up, but lose the free text (reason, private note).
 */
@Singleton
class MeetingEraser implements PersonalDataEraser {

    @Override
    public Set<String> tables() {
        return Set.of("meeting_month");
    }

    @Override
    public int erase(Connection connection, long personId, String email) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("""
                UPDATE meeting_month SET reason = NULL, note = NULL,
                       status = CASE WHEN status IN ('OPEN', 'BOOKED', 'MET', 'SKIPPED', 'MISSED') THEN status ELSE 'MISSED' END
                WHERE participant_id = ? OR sponsor_id = ?""")) {
            s.setLong(1, personId);
            s.setLong(2, personId);
            return s.executeUpdate();
        }
    }
}
