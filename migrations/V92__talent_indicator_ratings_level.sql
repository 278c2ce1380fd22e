-- Ratings of 002's indicators of potential are stored per rated area with their evidence (rating_<area>,
-- evidence_<area> in each party's answers). What they were rated against is recorded beside them: the version of
-- scheme/indicators.yml and which of 002's levels ("generally indicated by" bullets) applied to the participant.
-- Null for reviews saved before this was recorded.
ALTER TABLE talent_review ADD COLUMN indicators_version VARCHAR(32);
ALTER TABLE talent_review ADD COLUMN indicator_level VARCHAR(64);
