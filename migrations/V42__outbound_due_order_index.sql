-- Claims read due messages in (not_before, id) order; an index in exactly that order lets both H2 and
-- PostgreSQL stop after the batch instead of sorting every pending row.
DROP INDEX ix_outbound_due;
CREATE INDEX ix_outbound_due ON outbound_message (status, not_before, id);
