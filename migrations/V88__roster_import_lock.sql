-- Roster imports that write take this row's lock (SELECT ... FOR UPDATE) for their whole transaction, so two
-- imports never plan from the same snapshot, on one node or several. A bot upload also moves from PENDING to
-- COMMITTING with a conditional UPDATE, so one press of "Import" wins.
CREATE TABLE roster_import_lock (
    id  INTEGER PRIMARY KEY
);
INSERT INTO roster_import_lock (id) VALUES (1);
