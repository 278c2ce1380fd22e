package uk.nhs.hps.console;

import jakarta.inject.Singleton;
import uk.nhs.hps.privacy.PersonalDataEraser;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Set;

/** Erasure signs the person out of the console everywhere: their sessions are deleted. */
@Singleton
class ConsoleSessionEraser implements PersonalDataEraser {

    @Override
    public Set<String> tables() {
        return Set.of("console_session");
    }

    @Override
    public int erase(Connection connection, long personId, String email) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("DELETE FROM console_session WHERE person_id = ?")) {
            s.setLong(1, personId);
            return s.executeUpdate();
        }
    }
}
