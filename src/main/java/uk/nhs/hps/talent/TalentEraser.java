package uk.nhs.hps.talent;

import jakarta.inject.Singleton;
import uk.nhs.hps.privacy.PersonalDataEraser;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Set;

/**
 * Erasure of talent records: the participant's reviews and roadmaps are deleted with everything in them. A sponsor's
 * erasure leaves their participants' records (which are the participants' data) with only the sponsor's
 * number, which no longer resolves to anyone identifiable.
 */
@Singleton
class TalentEraser implements PersonalDataEraser {

    @Override
    public Set<String> tables() {
        return Set.of("talent_review", "talent_roadmap");
    }

    @Override
    public int erase(Connection connection, long personId, String email) throws SQLException {
        int erased = 0;
        for (String table : new String[] {"talent_roadmap", "talent_review"}) {
            try (PreparedStatement s = connection.prepareStatement("DELETE FROM " + table + " WHERE participant_person_id = ?")) {
                s.setLong(1, personId);
                erased += s.executeUpdate();
            }
        }
        return erased;
    }
}
