package uk.nhs.hps.privacy;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;

/**
 * How a feature erases a person's data from its own tables, for tables where blanking nullable text is
 * not enough. Runs inside the erasure's transaction, on its connection.
 */
public interface PersonalDataEraser {

    /** The tables this eraser takes care of. */
    Set<String> tables();

    /** Erases or anonymises the person's rows; returns how many rows changed. */
    int erase(Connection connection, long personId, String email) throws SQLException;
}
