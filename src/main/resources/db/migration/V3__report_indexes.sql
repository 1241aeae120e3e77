-- What the reports read: the callback's "resolved" answer, and indexes for period queries at a million complaints.
alter table complaint add column callback_resolved boolean;
create index ix_complaint_closed on complaint (closed_at);
create index ix_complaint_channel on complaint (channel, created_at);
create index ix_clock_event_at on clock_event (at, event);
create index ix_clock_name on complaint_clock (clock, state);
create index ix_timeline_kind on timeline_entry (kind, occurred_at);
create index ix_department_state on complaint_department (state, updated_at);
