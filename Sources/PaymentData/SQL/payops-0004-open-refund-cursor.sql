-- payops' own tables, version 4: a step looks again at the open refunds in turn by id, from where the step before
-- stopped (open_after), instead of by checked_at: it then writes only the open refunds that moved on, not every
-- one it looked at (500 rows written every 30 s with nothing new, and their WAL, on the database payops watches).
ALTER TABLE payops.rollup_state ADD COLUMN open_after uuid;
DROP INDEX payops.rollup_open_refunds_checked;
