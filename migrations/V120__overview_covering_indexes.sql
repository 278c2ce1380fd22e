-- The console's cohort overview groups two years of a cohort's history on every refresh. These indexes let each of
-- its counts read an index alone instead of the tables: meeting months by participant, month and status; live
-- reflections by person and time; delivered prompts by status and time; and a person's latest delivery outcome
-- (the "cannot be reached" list). The last one takes over from the single-column person index it starts with.
CREATE INDEX ix_meeting_month_participant_month ON meeting_month (participant_id, month_start, status);
CREATE INDEX ix_reflection_entry_person_created_live ON reflection_entry (person_id, created_at, deleted_at);
DROP INDEX ix_reflection_entry_person_created;
CREATE INDEX ix_outbound_status_sent ON outbound_message (status, sent_at);
CREATE INDEX ix_outbound_person_status ON outbound_message (person_id, status, id);
DROP INDEX ix_outbound_person;
