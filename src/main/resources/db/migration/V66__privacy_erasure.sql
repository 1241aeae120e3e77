-- Complaints whose personal data was anonymised (issue 22): on a customer's request or by the nightly retention job.
-- The complaint's figures stay; this row says when and why its personal data went. privacy/ is its one writer.
create table privacy_erasure (
    case_number  varchar(32)   not null primary key references complaint (case_number),
    erased_at    timestamp with time zone not null,
    reason       varchar(20)   not null,
    erased_by    varchar(64)   not null
);
create index ix_privacy_erasure_time on privacy_erasure (erased_at);

-- One row per night of the retention job: the node that inserts it runs that night, the others skip.
create table privacy_retention_run (
    run_day      date          not null primary key,
    node         varchar(200)  not null,
    started_at   timestamp with time zone not null,
    finished_at  timestamp with time zone,
    anonymised   integer,
    report       varchar(4000)
);
