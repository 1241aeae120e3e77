-- The diagram heat counts escalations of a period (HeatmapService).
create index ix_escalation_at on escalation (at, level);
