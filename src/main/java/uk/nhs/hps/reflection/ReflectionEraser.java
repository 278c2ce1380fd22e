package uk.nhs.hps.reflection;

import jakarta.inject.Singleton;
import uk.nhs.hps.privacy.PersonalDataEraser;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Set;

/** Erasure of the reflective log: the person's entries and every earlier version of them are deleted. */
@Singleton
class ReflectionEraser implements PersonalDataEraser {

    @Override
    public Set<String> tables() {
        return Set.of("reflection_entry", "reflection_revision");
    }

    @Override
    public int erase(Connection connection, long personId, String email) throws SQLException {
        int changed;
        try (PreparedStatement s = connection.prepareStatement("DELETE FROM reflection_revision WHERE person_id = ?"
                + " OR entry_id IN (SELECT id FROM reflection_entry WHERE person_id = ?)")) {
            s.setLong(1, personId);
            s.setLong(2, personId);
            changed = s.executeUpdate();
        }
        try (PreparedStatement s = connection.prepareStatement("DELETE FROM reflection_entry WHERE person_id = ?")) {
            s.setLong(1, personId);
            return changed + s.executeUpdate();
        }
    }
}
