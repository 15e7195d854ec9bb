-- 0031: deleting an account (issue 14, item 4). The account row stays as an empty tombstone (no email, no name,
-- no password), so the other person's rows that name it keep their references; deleted_at says it is one.
-- Everything the person wrote is deleted and the keys it was sealed with are destroyed or rotated away
-- (Features/Accounts/AccountDeletion.cs, Data/DataInventory.cs says what happens to each table).
alter table people add column deleted_at timestamp with time zone;

-- Erasure runs in system scope. These tables had no delete policy (nothing deleted their rows before); the
-- rule stays corner_can, and only system scope passes the first condition.
create policy backing_asks_erase on backing_asks for delete
    using (corner_is_system() and corner_can(bond_id, 'moments', 'write'));
create policy moments_erase on moments for delete
    using (corner_is_system() and corner_can(bond_id, 'moments', 'write'));
create policy missed_moments_erase on missed_moments for delete
    using (corner_is_system() and corner_can(bond_id, 'moments', 'write'));
create policy map_trust_erase on map_trust for delete
    using (corner_is_system() and corner_can(bond_id, 'partner-map', 'write'));
create policy map_question_offers_erase on map_question_offers for delete
    using (corner_is_system() and corner_can(bond_id, 'partner-map', 'write'));
create policy quiz_answers_erase on quiz_answers for delete
    using (corner_is_system() and corner_can(bond_id, 'quiz', 'write'));
create policy quiz_finishes_erase on quiz_finishes for delete
    using (corner_is_system() and corner_can(bond_id, 'quiz', 'write'));
create policy reconnection_plan_confirmations_erase on reconnection_plan_confirmations for delete
    using (corner_is_system() and corner_can(bond_id, 'reconnection', 'write'));
create policy reconnection_plans_erase on reconnection_plans for delete
    using (corner_is_system() and corner_can(bond_id, 'reconnection', 'write'));
grant delete on backing_asks, moments, missed_moments, map_trust, map_question_offers, quiz_answers, quiz_finishes,
    reconnection_plan_confirmations, reconnection_plans to corner_app;

-- Rotating a space's key re-seals the words that stay under a new key version; these two tables were never
-- updated before.
create policy appreciations_rekey on appreciations for update
    using (corner_is_system() and corner_can(bond_id, 'appreciations', 'write'))
    with check (corner_is_system() and corner_can(bond_id, 'appreciations', 'write'));
create policy cycle_times_rekey on cycle_times for update
    using (corner_is_system() and corner_can(bond_id, 'cycle-map', 'write'))
    with check (corner_is_system() and corner_can(bond_id, 'cycle-map', 'write'));
grant update on appreciations, cycle_times to corner_app;
