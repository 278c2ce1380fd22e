-- Issue 11: which evaluation topics an FAQ entry answers (space-separated topic ids; empty means the entry's own id),
-- so the benchmark scores an answer by topic and an edited entry keeps its labels.
ALTER TABLE faq_entry ADD COLUMN topics VARCHAR(2000) DEFAULT '' NOT NULL;
