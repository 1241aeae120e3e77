-- The diagram heat's stays that are open now (report/OpenStays): one row per visit of a place where a complaint
-- waits, inserted in the transaction that starts it and deleted in the one that ends it, so "waiting now" and
-- "overdue" read open work only. Times are engine times, as in act_hi_actinst; task_due is the task's due date.
create table heat_open_stay (
    activity_instance_id  varchar(64)  not null primary key,
    process_key           varchar(255) not null,
    activity_id           varchar(255) not null,
    process_instance_id   varchar(64)  not null,
    process_definition_id varchar(64)  not null,
    complaint_key         varchar(255) not null,
    case_number           varchar(32),
    department            varchar(255),
    since                 timestamp    not null,
    task_due              timestamp
);
create index ix_heat_open_stay_activity on heat_open_stay (process_key, activity_id, since);

-- The fill from history runs in the background, a business day per transaction, up to fill_until (the engine's
-- time when it was claimed; later stays are fed live); next_day is the next day to fill, done once all are.
-- Row 1: heat_stay and heat_escalation; row 2: heat_open_stay (filled at once, before the engine runs anything).
alter table heat_rollup_state add column fill_until timestamp;
alter table heat_rollup_state add column next_day date;
alter table heat_rollup_state add column done boolean default true not null;

-- The clocks still running (stopped_at null), for "overdue now": the overlay joins them with the open stays; the
-- running ones are the newest, so their rows sit together at the end of the table.
create index ix_clock_running on complaint_clock (stopped_at, target_at);
