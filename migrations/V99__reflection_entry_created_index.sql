-- The console's cohort overview asks, for every reflective prompt sent, whether the participant logged an entry in the
-- week after it, and counts entries per month by when they were logged: both are ranges of created_at per person.
CREATE INDEX ix_reflection_entry_person_created ON reflection_entry (person_id, created_at);
