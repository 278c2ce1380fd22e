package uk.nhs.hps.store;

import io.micronaut.context.ApplicationContext;
import io.micronaut.transaction.TransactionOperations;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The default H2 file goes where {@code hps.data-dir} says (./mvnw mn:run gives it the project's ./data, as the
 * plugin runs the service inside target/), and stays durable.
 */
class DataDirectoryTest {

    @TempDir
    Path directory;

    @Test
    void theDefaultDatabaseFileIsCreatedInTheDataDirectory() {
        try (ApplicationContext context = ApplicationContext.run(Map.of("hps.data-dir", directory.toString(),
                "micronaut.server.port", "-1", "scheduling.enabled", "false", "delivery.dispatcher-enabled", "false"), "dev")) {
            @SuppressWarnings("unchecked")
            TransactionOperations<Connection> tx = context.getBean(TransactionOperations.class);
            String delay = tx.executeRead(s -> {
                try (var rs = s.getConnection().createStatement().executeQuery(
                        "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'WRITE_DELAY'")) {
                    rs.next();
                    return rs.getString(1);
                } catch (java.sql.SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            assertThat(delay).isEqualTo("0");
        }
        assertThat(Files.exists(directory.resolve("hps.mv.db"))).isTrue();
    }
}
