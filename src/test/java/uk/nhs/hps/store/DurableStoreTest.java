package uk.nhs.hps.store;

import io.micronaut.context.ApplicationContext;
import io.micronaut.transaction.TransactionOperations;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Commits on an H2 database file reach the file before they return, whoever wrote the URL. */
class DurableStoreTest {

    private static final String OPTIONS = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;AUTO_SERVER=FALSE";

    @TempDir
    Path directory;

    @Test
    void anOperatorsFileUrlWithoutWriteDelayGetsWriteDelayZero() {
        assertThat(DurableH2Url.durable("jdbc:h2:file:/srv/hps/db" + OPTIONS))
                .isEqualTo("jdbc:h2:file:/srv/hps/db" + OPTIONS + ";WRITE_DELAY=0");
    }

    @Test
    void aFileUrlWithoutTheFilePrefixIsAlsoMadeDurable() {
        assertThat(DurableH2Url.durable("jdbc:h2:./data/hps")).isEqualTo("jdbc:h2:./data/hps;WRITE_DELAY=0");
    }

    @Test
    void inMemoryAndPostgresUrlsAreLeftAlone() {
        assertThat(DurableH2Url.durable("jdbc:h2:mem:x;MODE=PostgreSQL")).isEqualTo("jdbc:h2:mem:x;MODE=PostgreSQL");
        assertThat(DurableH2Url.durable("jdbc:postgresql://db:5432/hps")).isEqualTo("jdbc:postgresql://db:5432/hps");
    }

    @Test
    void anExplicitWriteDelayIsNotRewritten() {
        assertThat(DurableH2Url.durable("jdbc:h2:file:/x;write_delay=500")).isEqualTo("jdbc:h2:file:/x;write_delay=500");
    }

    @Test
    void theServiceOnAnH2FileRunsWithWriteDelayZero() {
        try (ApplicationContext context = ApplicationContext.run(file(""), "dev")) {
            assertThat(writeDelay(context)).isEqualTo("0");
        }
    }

    @Test
    void theServiceRefusesAnH2FileThatDelaysWritesAndSaysWhatToChange() {
        assertThatThrownBy(() -> ApplicationContext.run(file(";WRITE_DELAY=500"), "dev").close())
                .hasStackTraceContaining("delays writes by 500 ms")
                .hasStackTraceContaining("DATASOURCES_DEFAULT_URL");
    }

    @Test
    void theDefaultUrlInApplicationYmlIsDurableAsWritten() throws Exception {
        String yml = new String(getClass().getResourceAsStream("/application.yml").readAllBytes());
        assertThat(yml).containsPattern("jdbc:h2:file:[^`]*;WRITE_DELAY=0");
    }

    private Map<String, Object> file(String extra) {
        return Map.of("datasources.default.url", "jdbc:h2:file:" + directory.resolve("hps") + OPTIONS + extra,
                "datasources.default.username", "sa", "datasources.default.password", "",
                "datasources.default.driver-class-name", "org.h2.Driver", "micronaut.server.port", "-1");
    }

    private static String writeDelay(ApplicationContext context) {
        @SuppressWarnings("unchecked")
        TransactionOperations<Connection> connections = context.getBean(TransactionOperations.class);
        return connections.executeRead(status -> {
            try (Statement s = status.getConnection().createStatement();
                 ResultSet rows = s.executeQuery("SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'WRITE_DELAY'")) {
                rows.next();
                return rows.getString(1);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
