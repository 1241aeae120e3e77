-- The diagram heat no longer keeps the deadline ladder's own waits (its timer waits for a deadline's next step while
-- the complaint waits at its caller's task; report/HeatmapService.PLUMBING, docs/reports.md). Rows an earlier version
-- wrote for it go: they would never be ended or read again.
delete from heat_open_stay where process_key = 'deadline-ladder';
delete from heat_stay where process_key = 'deadline-ladder';
delete from heat_escalation where process_key = 'deadline-ladder';
