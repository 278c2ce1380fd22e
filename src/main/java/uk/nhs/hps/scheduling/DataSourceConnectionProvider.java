package uk.nhs.hps.scheduling;

import org.quartz.utils.ConnectionProvider;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Quartz's connections come from the application's own pool. Quartz (JobStoreTX) manages commits on them
 * itself, so this hands out plain pooled connections, outside Micronaut's transactions. Shutting the
 * scheduler down leaves the pool alone: the application owns it.
 */
final class DataSourceConnectionProvider implements ConnectionProvider {

    private final DataSource dataSource;

    DataSourceConnectionProvider(DataSource dataSource) {
        DataSource target = dataSource;
        while (target instanceof io.micronaut.data.connection.jdbc.advice.DelegatingDataSource delegating) {
            target = delegating.getTargetDataSource();
        }
        this.dataSource = target;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return dataSource.getConnection();
    }

    @Override
    public void shutdown() {
        // the pool belongs to the application
    }

    @Override
    public void initialize() {
        // nothing to set up
    }
}
