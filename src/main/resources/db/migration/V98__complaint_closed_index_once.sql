-- ix_complaint_closed (closed_at) is the leading column of ix_complaint_closed_cause (closed_at, root_cause): every
-- read by closed_at (reports, PDCA figures, retention, assistance's closed complaints) is served by the longer one,
-- and each complaint written (its insert, every update that is not HOT — status is indexed) paid an entry in both
-- (bench/README.md, "the rows a closed complaint writes"). OwnIndexesTest keeps our tables free of such prefixes.
drop index if exists ix_complaint_closed;
