-- The diagram heat counts complaints, not stays: a complaint waiting at one activity in several stays at once (a
-- multi-instance activity, or the department instances of one complaint) counts once. Its rows are marked
-- `several`, so the overlay counts every other stay as it is (count(*)) and groups by complaint only these
-- (report/OpenStays keeps the mark in the transaction that starts, moves or ends a stay). The index finds a
-- complaint's stays at one activity (and serves the click-through list as the index it replaces did).
alter table heat_open_stay add column several boolean default false not null;
create index ix_heat_open_stay_complaint on heat_open_stay (process_key, activity_id, complaint_key);
drop index ix_heat_open_stay_activity;
-- the overlay reads the marked stays of a process apart (few): without scanning the others again
create index ix_heat_open_stay_several on heat_open_stay (several, process_key);
