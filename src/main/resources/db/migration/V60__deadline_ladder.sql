-- The deadline ladder (processes/deadline-ladder.bpmn) climbs each clock one step at a time and holds one timer for
-- the next step: 0 = the 80% reminder is next, 1 = the deadline (level 1, and level 3 for G3/G4), 2 = the deadline plus
-- half its time again (level 2), past the last step = nothing left. A restarted clock starts again at 0.
alter table complaint_clock add column ladder_step integer default 0 not null;
