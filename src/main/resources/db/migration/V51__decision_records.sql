-- What decides a complaint is read from records the engine or the application wrote, never from variables a
-- handler can submit (docs/security.md).

-- The department-handling instance that is a department's part: its department comes from here, written when the
-- part's first task was created from the call activity's input.
alter table complaint_department add column part_instance_id varchar(64);
create index ix_complaint_department_part on complaint_department (part_instance_id);

-- Who proposed the compensation of a complaint's current answer: that person never approves it.
create table compensation_proposal (
    case_number   varchar(32)    not null primary key references complaint (case_number),
    proposed_by   varchar(64)    not null,
    amount        numeric(14, 2) not null,
    proposed_at   timestamp with time zone not null
);
