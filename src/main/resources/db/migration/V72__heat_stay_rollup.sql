-- The diagram heat's rollup of ended stays (report/HeatRollup), fed in the transaction that ends a stay: per
-- process, slice (all complaints, or one department, grade, channel or regulator), business day of the stay's
-- end, activity and duration bucket, how many stays ended and their milliseconds in all. Rows only grow by
-- increments (commutative: two nodes may add to one row in any order).
create table heat_stay (
    process_key  varchar(255) not null,
    dimension    varchar(16)  not null,
    dim_value    varchar(64)  not null,
    end_day      date         not null,
    activity_id  varchar(255) not null,
    bucket       smallint     not null,
    stays        bigint       not null,
    total_ms     bigint       not null,
    primary key (process_key, dimension, dim_value, end_day, activity_id, bucket)
);

-- One row once the rollup holds the history that existed before it was fed live (claimed by the node that fills it).
create table heat_rollup_state (
    id           smallint primary key,
    filled_at    timestamp with time zone not null,
    stays_filled bigint not null
);
