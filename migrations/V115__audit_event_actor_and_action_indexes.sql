-- The console's audit log is filtered by who acted and by what they did, latest first.
CREATE INDEX ix_audit_actor ON audit_event (actor);
CREATE INDEX ix_audit_action ON audit_event (action);
