-- One row per year the business calendar had no holiday data for when it was noticed: the process owners are
-- mailed once per missing year, whichever node notices first (the primary key decides).
create table calendar_notice (
    calendar_year integer primary key,
    noticed_at    timestamp with time zone not null
);
