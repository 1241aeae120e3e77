-- Web sessions shared by all nodes (Spring Session JDBC), so a Camunda webapp login made on one node is
-- valid on every other: the layout Spring Session's JdbcIndexedSessionRepository reads and writes.
create table spring_session (
    primary_id             char(36)      not null primary key,
    session_id             char(36)      not null,
    creation_time          bigint        not null,
    last_access_time       bigint        not null,
    max_inactive_interval  integer       not null,
    expiry_time            bigint        not null,
    principal_name         varchar(100)
);
create unique index spring_session_ix1 on spring_session (session_id);
create index spring_session_ix2 on spring_session (expiry_time);
create index spring_session_ix3 on spring_session (principal_name);

create table spring_session_attributes (
    session_primary_id  char(36)      not null references spring_session (primary_id) on delete cascade,
    attribute_name      varchar(200)  not null,
    attribute_bytes     bytea         not null,
    primary key (session_primary_id, attribute_name)
);

-- Running instances that could not be moved to a newly deployed model version, for the process owner.
-- Kept in the database so every node reports the same; a row goes once its instance is migrated or ends.
create table model_migration_issue (
    process_instance_id   varchar(64)    not null primary key,
    process_key           varchar(255)   not null,
    business_key          varchar(255),
    source_definition_id  varchar(64)    not null,
    source_version        integer        not null,
    target_definition_id  varchar(64)    not null,
    target_version        integer        not null,
    reason                varchar(4000)  not null,
    recorded_at           timestamp with time zone not null
);
create index ix_model_migration_issue_key on model_migration_issue (process_key);
