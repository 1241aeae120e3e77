-- Duplicates: the complaint a duplicate was merged into (issue #9). Null for every other complaint.
alter table complaint add column merged_into varchar(32);
create index ix_complaint_merged_into on complaint (merged_into);

-- Satisfaction links in the closing mail: one single-use token per closure, valid until expires_at.
create table survey_token (
    token        varchar(64)   not null primary key,
    case_number  varchar(32)   not null references complaint (case_number),
    created_at   timestamp with time zone not null,
    expires_at   timestamp with time zone not null,
    used_at      timestamp with time zone,
    score        integer,
    reasons      varchar(1000)
);
create index ix_survey_token_case on survey_token (case_number);
