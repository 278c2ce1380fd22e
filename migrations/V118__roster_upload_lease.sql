-- An upload being imported holds a lease: the importer's token and until when it is known to be alive (renewed as the
-- import goes on). A COMMITTING upload whose lease ran out was left by a stopped service (kill -9); any instance may
-- then mark it FAILED with the reason, with a conditional UPDATE, so two instances never both recover it. The import
-- moves its upload to COMMITTED in the import's own transaction, so a stopped import applied nothing.
ALTER TABLE roster_upload ADD COLUMN claim_token VARCHAR(36);
ALTER TABLE roster_upload ADD COLUMN lease_until TIMESTAMP WITH TIME ZONE;
ALTER TABLE roster_upload ADD COLUMN failure VARCHAR(500);
CREATE INDEX ix_roster_upload_status ON roster_upload (status);
