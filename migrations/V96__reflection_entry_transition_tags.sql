-- A reflective entry can be tagged with 000's four areas and with key experiences of the participant's career
-- transition, and can count as evidence for one indicator of potential (002). Keys are comma-separated like
-- the dimensions; career_transition says which transition's key experiences the keys name (the one the
-- participant was on when writing: ONE or TWO, as the application writes it), so a later change of stream does not
-- re-read them. Earlier versions keep theirs.
ALTER TABLE reflection_entry ADD COLUMN areas VARCHAR(200) DEFAULT '' NOT NULL;
ALTER TABLE reflection_entry ADD COLUMN key_experiences VARCHAR(1000) DEFAULT '' NOT NULL;
ALTER TABLE reflection_entry ADD COLUMN career_transition VARCHAR(8);
ALTER TABLE reflection_entry ADD COLUMN indicator VARCHAR(40);
ALTER TABLE reflection_revision ADD COLUMN areas VARCHAR(200) DEFAULT '' NOT NULL;
ALTER TABLE reflection_revision ADD COLUMN key_experiences VARCHAR(1000) DEFAULT '' NOT NULL;
ALTER TABLE reflection_revision ADD COLUMN career_transition VARCHAR(8);
ALTER TABLE reflection_revision ADD COLUMN indicator VARCHAR(40);
