-- Where escalations happened, for the diagram heat (report/HeatRollup): per process, slice (as heat_stay), day of the
-- escalation (level 1 and up) and activity, the complaints escalated while they waited there. Written when the
-- escalation is recorded, in its transaction; a row is only ever inserted if absent (idempotent).
create table heat_escalation (
    process_key  varchar(255) not null,
    dimension    varchar(16)  not null,
    dim_value    varchar(64)  not null,
    esc_day      date         not null,
    activity_id  varchar(255) not null,
    case_number  varchar(64)  not null,
    primary key (process_key, dimension, dim_value, esc_day, activity_id, case_number)
);
