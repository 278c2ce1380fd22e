-- A cohort may move its sponsors' monthly meeting nudges: the local time of the first-working-day nudge
-- and the day of the second one. NULL means the service-wide defaults (nudges.* settings).
ALTER TABLE cohort ADD COLUMN meeting_nudge_at VARCHAR(5);
ALTER TABLE cohort ADD COLUMN meeting_second_nudge_day INTEGER;
ALTER TABLE cohort ADD CONSTRAINT ck_cohort_second_nudge_day CHECK (meeting_second_nudge_day BETWEEN 2 AND 28);
