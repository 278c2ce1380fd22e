-- The development stream a participant applied to (000: "You are required to apply to a specific development
-- stream"). Recorded from the roster, never derived from the band; NULL until the programme team gives it.
-- Stream 1 goes with career transition 1 and stream 2 with transition 2 (001), so the transition is not stored.
ALTER TABLE person ADD COLUMN development_stream VARCHAR(8);
ALTER TABLE person ADD CONSTRAINT ck_person_development_stream CHECK (development_stream IN ('ONE', 'TWO'));
