package uk.nhs.hps.broadcast;

import jakarta.inject.Singleton;
import uk.nhs.hps.privacy.PersonalDataEraser;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Set;

/**
 * Erasure and announcements: an announcement is the programme's message, so it stays, but no longer says
 * who wrote it. Acknowledgements keep only the fact (for the counts), tied to the anonymised person.
 */
@Singleton
class AnnouncementEraser implements PersonalDataEraser {

    @Override
    public Set<String> tables() {
        return Set.of("announcement");
    }

    @Override
    public int erase(Connection connection, long personId, String email) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("UPDATE announcement SET created_by = NULL WHERE created_by = ?")) {
            s.setLong(1, personId);
            return s.executeUpdate();
        }
    }
}
