package uk.nhs.hps.faq;

import jakarta.inject.Singleton;
import uk.nhs.hps.privacy.PersonalDataEraser;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Set;

/**
 * Erasure of the FAQ logs: the person's questions, tickets and feedback keep their rows (so counts of
 * answered and unanswered questions still add up) but lose the words and who asked. Questions asked
 * before the person was on the roster are found through their Teams ids.
 */
@Singleton
class FaqEraser implements PersonalDataEraser {

    private static final String ASKED_BY = """
            (person_id = ? OR teams_user_id IN (SELECT teams_user_id FROM teams_identity WHERE person_id = ?))""";

    @Override
    public Set<String> tables() {
        return Set.of("faq_query", "faq_ticket", "faq_feedback");
    }

    @Override
    public int erase(Connection connection, long personId, String email) throws SQLException {
        int changed = update(connection, "UPDATE faq_feedback SET question = '' WHERE query_id IN (SELECT id FROM faq_query WHERE "
                + ASKED_BY + ")", personId);
        changed += update(connection, """
                UPDATE faq_ticket SET teams_user_id = 'erased', asker_name = NULL, question = '', answer = NULL,
                       promoted_entry_id = CASE WHEN promoted_entry_id IN (SELECT id FROM faq_entry) THEN promoted_entry_id END,
                       status = CASE WHEN status IN ('OPEN', 'ANSWERED', 'CLOSED') THEN status ELSE 'CLOSED' END
                WHERE""" + ASKED_BY, personId);
        changed += update(connection, """
                UPDATE faq_query SET teams_user_id = 'erased', question = '', normalised = '',
                       entry_id = CASE WHEN entry_id IN (SELECT id FROM faq_entry) THEN entry_id END,
                       outcome = CASE WHEN outcome IN ('ANSWER', 'SUGGEST', 'FALLBACK', 'PICKED') THEN outcome ELSE 'FALLBACK' END
                WHERE""" + ASKED_BY, personId);
        return changed;
    }

    private static int update(Connection connection, String sql, long personId) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            s.setLong(1, personId);
            s.setLong(2, personId);
            return s.executeUpdate();
        }
    }
}
