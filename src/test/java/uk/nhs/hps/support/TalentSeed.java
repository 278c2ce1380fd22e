package uk.nhs.hps.support;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.TransactionOperations;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * Talent reviews written straight into {@code talent_review} (for the console's talent pages' tests and benchmark,
 * which live outside the {@code talent} package): a review in any state, as the bot's conversation leaves it.
 */
public final class TalentSeed {

    /** One review; {@code preparation}/{@code sponsorInput} are the parties' answers as JSON, null when not submitted. */
    public record Review(long participantId, @Nullable Long sponsorId, String cycle, String status, @Nullable String agreedBox,
                         @Nullable String preparation, @Nullable String sponsorInput, @Nullable String wellbeingNote,
                         boolean wellbeingShared, Instant updatedAt) {

        public static Review agreed(long participantId, @Nullable Long sponsorId, String cycle, String box) {
            return new Review(participantId, sponsorId, cycle, "AGREED", box, "{}", "{}", null, false, Instant.now());
        }

        public Review status(String s) {
            return new Review(participantId, sponsorId, cycle, s, agreedBox, preparation, sponsorInput, wellbeingNote,
                    wellbeingShared, updatedAt);
        }

        public Review answers(@Nullable String participant, @Nullable String sponsor) {
            return new Review(participantId, sponsorId, cycle, status, agreedBox, participant, sponsor, wellbeingNote,
                    wellbeingShared, updatedAt);
        }

        public Review wellbeing(String note, boolean shared) {
            return new Review(participantId, sponsorId, cycle, status, agreedBox, preparation, sponsorInput, note, shared, updatedAt);
        }

        public Review at(Instant t) {
            return new Review(participantId, sponsorId, cycle, status, agreedBox, preparation, sponsorInput, wellbeingNote,
                    wellbeingShared, t);
        }
    }

    private TalentSeed() {
    }

    /** Writes the review on the shipped grid ({@code hps-2}); returns its id. */
    public static long write(TransactionOperations<Connection> db, Review r) {
        return db.executeWrite(status -> {
            boolean agreed = !r.status().equals("PREPARING");
            try (PreparedStatement s = status.getConnection().prepareStatement("""
                    INSERT INTO talent_review (participant_person_id, sponsor_id, cycle, grid_version, grid_source, status,
                        preparation, preparation_submitted_at, wellbeing_note, wellbeing_shared, sponsor_input, sponsor_submitted_at,
                        outcome, agreed_box, participant_confirmed_at, sponsor_confirmed_at, agreed_at, moderated_at, fed_back_at,
                        version, created_at, updated_at)
                    VALUES (?, ?, ?, 'hps-2', 'seed', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)""",
                    Statement.RETURN_GENERATED_KEYS)) {
                Object at = r.updatedAt().atOffset(ZoneOffset.UTC);
                s.setLong(1, r.participantId());
                s.setObject(2, r.sponsorId());
                s.setString(3, r.cycle());
                s.setString(4, r.status());
                s.setString(5, r.preparation() == null ? "{}" : r.preparation());
                s.setObject(6, r.preparation() == null ? null : at);
                s.setString(7, r.wellbeingNote());
                s.setBoolean(8, r.wellbeingShared());
                s.setString(9, r.sponsorInput() == null ? "{}" : r.sponsorInput());
                s.setObject(10, r.sponsorInput() == null ? null : at);
                s.setString(11, agreed ? "{\"agreedBox\":\"" + r.agreedBox() + "\"}" : "{}");
                s.setString(12, agreed ? r.agreedBox() : null);
                s.setObject(13, agreed ? at : null);
                s.setObject(14, agreed ? at : null);
                s.setObject(15, agreed ? at : null);
                s.setObject(16, r.status().equals("MODERATED") || r.status().equals("FED_BACK") ? at : null);
                s.setObject(17, r.status().equals("FED_BACK") ? at : null);
                s.setObject(18, at);
                s.setObject(19, at);
                s.executeUpdate();
                try (ResultSet keys = s.getGeneratedKeys()) {
                    keys.next();
                    return keys.getLong(1);
                }
            }
        });
    }

    /**
     * For the benchmark: every participant of the cohort gets a fed-back placement in each cycle, spread over the nine
     * boxes (a different spread per cycle, so there is movement), an organisation (one of 20) and a stream.
     */
    public static void placeEveryone(TransactionOperations<Connection> db, long cohortId, Instant now, String... cycles) {
        String[] boxes = {"HIGH_LOW", "HIGH_MEDIUM", "HIGH_HIGH", "MEDIUM_LOW", "MEDIUM_MEDIUM", "MEDIUM_HIGH", "LOW_LOW",
                "LOW_MEDIUM", "LOW_HIGH"};
        db.executeWrite(status -> {
            Connection c = status.getConnection();
            try (PreparedStatement s = c.prepareStatement("""
                    UPDATE person SET organisation = CONCAT('Trust ', MOD(id, 20)),
                        development_stream = CASE WHEN MOD(id, 2) = 0 THEN 'ONE' ELSE 'TWO' END
                    WHERE cohort_id = ? AND role = 'PARTICIPANT'""")) {
                s.setLong(1, cohortId);
                s.executeUpdate();
            }
            for (int k = 0; k < cycles.length; k++) {
                StringBuilder box = new StringBuilder("CASE MOD(id + " + (k * 4) + ", 9)");
                for (int i = 0; i < boxes.length; i++) {
                    box.append(" WHEN ").append(i).append(" THEN '").append(boxes[i]).append("'");
                }
                box.append(" END");
                try (PreparedStatement s = c.prepareStatement("""
                        INSERT INTO talent_review (participant_person_id, cycle, grid_version, grid_source, status, preparation,
                            preparation_submitted_at, sponsor_input, sponsor_submitted_at, outcome, agreed_box, agreed_at,
                            moderated_at, fed_back_at, version, created_at, updated_at)
                        SELECT id, ?, 'hps-2', 'seed', 'FED_BACK', '{}', ?, '{}', ?, '{}', """ + box + """
                        , ?, ?, ?, 0, ?, ?
                        FROM person WHERE cohort_id = ? AND role = 'PARTICIPANT'""")) {
                    Object at = now.atOffset(ZoneOffset.UTC);
                    s.setString(1, cycles[k]);
                    for (int i = 2; i <= 8; i++) {
                        s.setObject(i, at);
                    }
                    s.setLong(9, cohortId);
                    s.executeUpdate();
                }
            }
            return null;
        });
    }
}
