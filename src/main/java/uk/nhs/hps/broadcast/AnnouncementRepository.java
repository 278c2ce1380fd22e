package uk.nhs.hps.broadcast;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface AnnouncementRepository extends CrudRepository<Announcement, Long> {
    List<Announcement> findAllOrderByCreatedAtDesc();
}
