package uk.nhs.hps.roster;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface RosterUploadRepository extends CrudRepository<RosterUpload, Long> {

    /** Moves an upload from one status to another only if it is still in the first: 1 for the one caller that won. */
    @Query("UPDATE roster_upload SET status = :to WHERE id = :id AND uploaded_by = :uploadedBy AND status = :from")
    int moveStatus(Long id, Long uploadedBy, RosterUpload.Status from, RosterUpload.Status to);
}
