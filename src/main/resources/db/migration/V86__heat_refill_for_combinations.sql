-- The heat's tables of a database written by an earlier version lack what V85 and this version add: the `several`
-- mark of open stays, and the rollups' slices of two or more dimensions (dimensions `combo` and `dept-combo`,
-- report/Slice). Forgetting the fill state makes the next start fill them again from history (report/HeatFill):
-- the open stays before the engine runs anything, the rollups in the background — until that is done the heat
-- reads stays and escalations from history (exact, slower). On a fresh database there is nothing to forget.
delete from heat_rollup_state where id in (1, 2);
