-- 0021: one rule for space data (issue 10, item 2). Until now every policy repeated
-- `corner_is_system() or corner_is_bond_member(...)`; from here on every policy on a table that holds a
-- space's data asks corner_can(bond, feature, action) instead, with reading and writing kept apart, so a
-- relation that may only read (a former member now, a counsellor with issue 12) can never write, also at
-- the database level. The catalog test (tests/Corner.IntegrationTests/Data/RowLevelSecurityCatalogTests.cs)
-- fails when a policy on space data does not call it.
--
-- For current members nothing changes: corner_can(.., 'write') is exactly the old corner_is_bond_member
-- (or system scope). Former members (bond_members.left_at set) may now read what was shared in the space
-- while they were in it; what a page or the API shows them is still decided by the app.
-- Which person a row belongs to (the author, the guesser...) stays a condition of its own, written with
-- corner_acts_as(person), which system scope also passes; where a policy had more conditions that system
-- scope skipped, it still skips them (`corner_is_system() or (...)`), so system work is unchanged too.

-- True when the acting person is `person`, or in system scope (which acts for everyone).
create function corner_acts_as(person uuid) returns boolean
    language sql stable
    as $$ select corner_is_system() or person = corner_person_id() $$;

-- The one rule for space data: may the acting person do `action` ('read' or 'write') on `feature`'s rows
-- of the space `bond`?
--   system scope       read and write (jobs, nudges, invitation redemption)
--   current member     read and write
--   former member      read only (left_at set: what was shared stays readable, nothing new is added)
--   anyone else        nothing; an unknown feature or action is refused too (fail closed)
-- "Space data" is every table with a bond_id column: bond_members, invitations, audit_events (rows tagged
-- with a space), check_in_shares, reflections, check_ins_seen, map_self_answers, map_guesses, map_trust,
-- map_question_offers, appreciations, backing_statements, backing_asks, moments, missed_moments,
-- cycle_halves, cycle_times, reconnection_plans, reconnection_plan_changes, reconnection_plan_confirmations,
-- pauses, quiz_rounds, quiz_answers, quiz_finishes; and bonds and a space's data_keys row (keyed by the
-- space's id). Person-owned tables (people, person_claims/logins/tokens/passkeys, reminder_settings,
-- moment_nudge_settings, push_subscriptions, check_ins, whose readers come through check_in_shares) keep
-- an owner rule.
-- Features: space, audit, check-ins, partner-map, appreciations, moments, cycle-map, reconnection, quiz.
create function corner_can(bond uuid, feature text, action text) returns boolean
    language sql stable security definer set search_path = public
    as $$ select case
        when feature not in ('space', 'audit', 'check-ins', 'partner-map', 'appreciations', 'moments',
                             'cycle-map', 'reconnection', 'quiz')
            or action not in ('read', 'write') then false
        when corner_is_system() then true
        when action = 'write' then exists (
            select 1 from bond_members m
            where m.bond_id = bond and m.person_id = corner_person_id() and m.left_at is null)
        else exists (
            select 1 from bond_members m
            where m.bond_id = bond and m.person_id = corner_person_id())
            -- Issue 12 adds the counsellor here, read only: a grant of this space that both members
            -- consented to, not expired or revoked, whose scopes include `feature`.
        end $$;

revoke all on function corner_acts_as(uuid), corner_can(uuid, text, text) from public;
grant execute on function corner_acts_as(uuid), corner_can(uuid, text, text) to corner_app;

-- Helpers that asked about current membership now ask the rule.
create or replace function corner_check_in_is_shared_with_me(check_in uuid) returns boolean
    language sql stable security definer set search_path = public
    as $$ select exists (select 1 from check_in_shares s
        where s.check_in_id = check_in and corner_can(s.bond_id, 'check-ins', 'read')) $$;

create or replace function corner_quiz_reveal(round uuid, at timestamp with time zone) returns boolean
    language plpgsql volatile security definer set search_path = public
    as $$
declare
    bond uuid;
begin
    select r.bond_id into bond from quiz_rounds r where r.id = round and r.revealed_at is null for no key update;
    if bond is null or not corner_can(bond, 'quiz', 'write') then
        return false;
    end if;
    if not exists (select 1 from quiz_finishes f where f.round_id = round and f.person_id = corner_person_id()) then
        return false;
    end if;
    if (select count(*) from quiz_finishes f
        join bond_members m on m.bond_id = f.bond_id and m.person_id = f.person_id and m.left_at is null
        where f.round_id = round) < 2 then
        return false;
    end if;
    update quiz_rounds set revealed_at = at where id = round;
    return true;
end $$;

-- The space itself -------------------------------------------------------------------------

drop policy bonds_read on bonds;
drop policy bonds_insert on bonds;
drop policy bonds_update on bonds;
-- The creator sees a bond from the moment it exists until the first membership row is added.
create policy bonds_read on bonds for select
    using (corner_can(id, 'space', 'read') or corner_is_unclaimed_bond_of_mine(id));
-- Nobody is in a space before it exists, so creating one is the creator's own rule (the catalog test
-- names this exception).
create policy bonds_insert on bonds for insert
    with check (corner_acts_as(created_by));
create policy bonds_update on bonds for update
    using (corner_can(id, 'space', 'write'))
    with check (corner_can(id, 'space', 'write'));

drop policy bond_members_read on bond_members;
drop policy bond_members_insert on bond_members;
drop policy bond_members_update on bond_members;
create policy bond_members_read on bond_members for select
    using (corner_acts_as(person_id) or corner_can(bond_id, 'space', 'read'));
-- The first member adds themselves to the bond they created; joining someone else's bond goes through
-- invitation redemption (system scope). Membership cannot be the rule before there is any (the catalog
-- test names this exception).
create policy bond_members_insert on bond_members for insert
    with check (corner_is_system() or (person_id = corner_person_id() and corner_is_unclaimed_bond_of_mine(bond_id)));
-- A current member changes only their own row (leaving sets left_at), and only within the bond; the rule
-- sees the table as it was before the statement, so leaving works and clearing left_at does not.
create policy bond_members_update on bond_members for update
    using (corner_acts_as(person_id) and corner_can(bond_id, 'space', 'write'))
    with check (corner_acts_as(person_id) and corner_can(bond_id, 'space', 'write'));

drop policy invitations_members on invitations;
create policy invitations_read on invitations for select
    using (corner_can(bond_id, 'space', 'read'));
create policy invitations_insert on invitations for insert
    with check (corner_can(bond_id, 'space', 'write') and corner_acts_as(created_by));
create policy invitations_update on invitations for update
    using (corner_can(bond_id, 'space', 'write'))
    with check (corner_can(bond_id, 'space', 'write') and corner_acts_as(created_by));
create policy invitations_delete on invitations for delete
    using (corner_can(bond_id, 'space', 'write'));

-- A data key belongs to a person (owner_id = their id) or to a space (owner_id = the bond's id).
drop policy data_keys_owner on data_keys;
create policy data_keys_read on data_keys for select
    using (corner_acts_as(owner_id) or corner_can(owner_id, 'space', 'read'));
create policy data_keys_insert on data_keys for insert
    with check (corner_acts_as(owner_id) or corner_can(owner_id, 'space', 'write'));
create policy data_keys_update on data_keys for update
    using (corner_acts_as(owner_id) or corner_can(owner_id, 'space', 'write'))
    with check (corner_acts_as(owner_id) or corner_can(owner_id, 'space', 'write'));
create policy data_keys_delete on data_keys for delete
    using (corner_acts_as(owner_id) or corner_can(owner_id, 'space', 'write'));

drop policy audit_events_read on audit_events;
drop policy audit_events_insert on audit_events;
create policy audit_events_read on audit_events for select
    using (corner_acts_as(person_id) or corner_can(bond_id, 'audit', 'read'));
-- Tagged only with a space the person is or was in, or started (leaving is recorded after leaving, and
-- starting a space before its first membership row).
create policy audit_events_insert on audit_events for insert
    with check (corner_acts_as(person_id)
        and (bond_id is null or corner_can(bond_id, 'audit', 'read') or corner_has_been_in_bond(bond_id)));

-- Check-ins ---------------------------------------------------------------------------------

drop policy check_in_shares_read on check_in_shares;
drop policy check_in_shares_insert on check_in_shares;
drop policy check_in_shares_update on check_in_shares;
drop policy check_in_shares_delete on check_in_shares;
create policy check_in_shares_read on check_in_shares for select
    using (corner_can(bond_id, 'check-ins', 'read'));
-- Only the author shares, and only into a bond they are a current member of.
create policy check_in_shares_insert on check_in_shares for insert
    with check (corner_can(bond_id, 'check-ins', 'write') and corner_acts_as(person_id));
create policy check_in_shares_update on check_in_shares for update
    using (corner_can(bond_id, 'check-ins', 'write') and corner_acts_as(person_id))
    with check (corner_can(bond_id, 'check-ins', 'write') and corner_acts_as(person_id));
create policy check_in_shares_delete on check_in_shares for delete
    using (corner_can(bond_id, 'check-ins', 'write') and corner_acts_as(person_id));

drop policy reflections_read on reflections;
drop policy reflections_insert on reflections;
drop policy reflections_update on reflections;
create policy reflections_read on reflections for select
    using (corner_can(bond_id, 'check-ins', 'read'));
create policy reflections_insert on reflections for insert
    with check (corner_can(bond_id, 'check-ins', 'write') and corner_acts_as(author_id));
-- The reflector may reword; the check-in's author answers (response columns).
create policy reflections_update on reflections for update
    using (corner_can(bond_id, 'check-ins', 'write'))
    with check (corner_can(bond_id, 'check-ins', 'write'));

-- Each person's own "last opened" marks.
drop policy check_ins_seen_read on check_ins_seen;
drop policy check_ins_seen_insert on check_ins_seen;
drop policy check_ins_seen_update on check_ins_seen;
drop policy check_ins_seen_delete on check_ins_seen;
create policy check_ins_seen_read on check_ins_seen for select
    using (corner_can(bond_id, 'check-ins', 'read') and corner_acts_as(person_id));
create policy check_ins_seen_insert on check_ins_seen for insert
    with check (corner_can(bond_id, 'check-ins', 'write') and corner_acts_as(person_id));
create policy check_ins_seen_update on check_ins_seen for update
    using (corner_can(bond_id, 'check-ins', 'read') and corner_acts_as(person_id))
    with check (corner_can(bond_id, 'check-ins', 'write') and corner_acts_as(person_id));
-- Housekeeping (system scope) removes the marks of people who left.
create policy check_ins_seen_delete on check_ins_seen for delete
    using (corner_can(bond_id, 'check-ins', 'write') and corner_acts_as(person_id));

-- Partner map -------------------------------------------------------------------------------

drop policy map_self_answers_read on map_self_answers;
drop policy map_self_answers_insert on map_self_answers;
drop policy map_self_answers_update on map_self_answers;
drop policy map_self_answers_delete on map_self_answers;
-- The author sees their own; the other member only a shared one.
create policy map_self_answers_read on map_self_answers for select
    using (corner_can(bond_id, 'partner-map', 'read') and (corner_acts_as(person_id) or shared));
create policy map_self_answers_insert on map_self_answers for insert
    with check (corner_can(bond_id, 'partner-map', 'write') and corner_acts_as(person_id));
create policy map_self_answers_update on map_self_answers for update
    using (corner_can(bond_id, 'partner-map', 'write') and corner_acts_as(person_id))
    with check (corner_can(bond_id, 'partner-map', 'write') and corner_acts_as(person_id));
create policy map_self_answers_delete on map_self_answers for delete
    using (corner_can(bond_id, 'partner-map', 'write') and corner_acts_as(person_id));

drop policy map_guesses_read on map_guesses;
drop policy map_guesses_insert on map_guesses;
drop policy map_guesses_update on map_guesses;
drop policy map_guesses_delete on map_guesses;
-- Only the guesser and the person it is about.
create policy map_guesses_read on map_guesses for select
    using (corner_can(bond_id, 'partner-map', 'read') and (corner_acts_as(guesser_id) or corner_acts_as(subject_id)));
-- A guess is never about oneself.
create policy map_guesses_insert on map_guesses for insert
    with check (corner_can(bond_id, 'partner-map', 'write')
        and (corner_is_system() or (guesser_id = corner_person_id() and subject_id <> guesser_id)));
-- The guesser rewords; the subject compares. Neither can hand the row to someone else.
create policy map_guesses_update on map_guesses for update
    using (corner_can(bond_id, 'partner-map', 'write') and (corner_acts_as(guesser_id) or corner_acts_as(subject_id)))
    with check (corner_can(bond_id, 'partner-map', 'write') and (corner_is_system()
        or ((guesser_id = corner_person_id() or subject_id = corner_person_id()) and subject_id <> guesser_id)));
create policy map_guesses_delete on map_guesses for delete
    using (corner_can(bond_id, 'partner-map', 'write') and corner_acts_as(guesser_id));

drop policy map_trust_read on map_trust;
drop policy map_trust_insert on map_trust;
create policy map_trust_read on map_trust for select
    using (corner_can(bond_id, 'partner-map', 'read') and corner_acts_as(person_id));
create policy map_trust_insert on map_trust for insert
    with check (corner_can(bond_id, 'partner-map', 'write') and corner_acts_as(person_id));

drop policy map_question_offers_read on map_question_offers;
drop policy map_question_offers_insert on map_question_offers;
create policy map_question_offers_read on map_question_offers for select
    using (corner_can(bond_id, 'partner-map', 'read') and corner_acts_as(person_id));
create policy map_question_offers_insert on map_question_offers for insert
    with check (corner_can(bond_id, 'partner-map', 'write') and corner_acts_as(person_id));

-- Appreciations and backing statements ------------------------------------------------------

drop policy appreciations_read on appreciations;
drop policy appreciations_insert on appreciations;
-- Only the two people an appreciation is between see it.
create policy appreciations_read on appreciations for select
    using (corner_can(bond_id, 'appreciations', 'read') and (corner_acts_as(author_id) or corner_acts_as(recipient_id)));
create policy appreciations_insert on appreciations for insert
    with check (corner_can(bond_id, 'appreciations', 'write') and corner_acts_as(author_id));

drop policy backing_statements_read on backing_statements;
drop policy backing_statements_insert on backing_statements;
drop policy backing_statements_update on backing_statements;
-- The writer sees all of theirs; the other member sees only the ones still standing.
create policy backing_statements_read on backing_statements for select
    using (corner_can(bond_id, 'appreciations', 'read') and (corner_acts_as(author_id) or retired_at is null));
create policy backing_statements_insert on backing_statements for insert
    with check (corner_can(bond_id, 'appreciations', 'write') and corner_acts_as(author_id));
create policy backing_statements_update on backing_statements for update
    using (corner_can(bond_id, 'appreciations', 'write') and corner_acts_as(author_id))
    with check (corner_can(bond_id, 'appreciations', 'write') and corner_acts_as(author_id));

-- Moments -----------------------------------------------------------------------------------

drop policy backing_asks_read on backing_asks;
drop policy backing_asks_insert on backing_asks;
drop policy backing_asks_update on backing_asks;
create policy backing_asks_read on backing_asks for select
    using (corner_can(bond_id, 'moments', 'read'));
create policy backing_asks_insert on backing_asks for insert
    with check (corner_can(bond_id, 'moments', 'write') and corner_acts_as(asker_id));
create policy backing_asks_update on backing_asks for update
    using (corner_can(bond_id, 'moments', 'write') and corner_acts_as(asker_id))
    with check (corner_can(bond_id, 'moments', 'write') and corner_acts_as(asker_id));

drop policy moments_read on moments;
drop policy moments_insert on moments;
drop policy moments_update on moments;
create policy moments_read on moments for select
    using (corner_can(bond_id, 'moments', 'read'));
create policy moments_insert on moments for insert
    with check (corner_can(bond_id, 'moments', 'write') and corner_acts_as(supporter_id));
create policy moments_update on moments for update
    using (corner_can(bond_id, 'moments', 'write') and (corner_acts_as(supporter_id) or corner_acts_as(backed_id)))
    with check (corner_can(bond_id, 'moments', 'write') and (corner_acts_as(supporter_id) or corner_acts_as(backed_id)));

drop policy missed_moments_read on missed_moments;
drop policy missed_moments_insert on missed_moments;
drop policy missed_moments_update on missed_moments;
create policy missed_moments_read on missed_moments for select
    using (corner_can(bond_id, 'moments', 'read'));
create policy missed_moments_insert on missed_moments for insert
    with check (corner_can(bond_id, 'moments', 'write') and corner_acts_as(author_id));
create policy missed_moments_update on missed_moments for update
    using (corner_can(bond_id, 'moments', 'write') and (corner_acts_as(author_id) or corner_acts_as(other_id)))
    with check (corner_can(bond_id, 'moments', 'write') and (corner_acts_as(author_id) or corner_acts_as(other_id)));

-- Cycle map ---------------------------------------------------------------------------------

drop policy cycle_halves_read on cycle_halves;
drop policy cycle_halves_insert on cycle_halves;
drop policy cycle_halves_update on cycle_halves;
drop policy cycle_halves_delete on cycle_halves;
-- The writer always sees their own half; the other member sees it only once it is shared.
create policy cycle_halves_read on cycle_halves for select
    using (corner_can(bond_id, 'cycle-map', 'read') and (corner_acts_as(person_id) or shared_at is not null));
create policy cycle_halves_insert on cycle_halves for insert
    with check (corner_can(bond_id, 'cycle-map', 'write') and corner_acts_as(person_id));
create policy cycle_halves_update on cycle_halves for update
    using (corner_can(bond_id, 'cycle-map', 'write') and corner_acts_as(person_id))
    with check (corner_can(bond_id, 'cycle-map', 'write') and corner_acts_as(person_id));
create policy cycle_halves_delete on cycle_halves for delete
    using (corner_can(bond_id, 'cycle-map', 'write') and corner_acts_as(person_id));

drop policy cycle_times_read on cycle_times;
drop policy cycle_times_insert on cycle_times;
drop policy cycle_times_delete on cycle_times;
create policy cycle_times_read on cycle_times for select
    using (corner_can(bond_id, 'cycle-map', 'read'));
create policy cycle_times_insert on cycle_times for insert
    with check (corner_can(bond_id, 'cycle-map', 'write') and corner_acts_as(noted_by));
-- Only the member who noted a time may take it away; nobody removes the other's words.
create policy cycle_times_delete on cycle_times for delete
    using (corner_can(bond_id, 'cycle-map', 'write') and corner_acts_as(noted_by));

-- Reconnection plan and pause ---------------------------------------------------------------

drop policy reconnection_plans_read on reconnection_plans;
drop policy reconnection_plans_insert on reconnection_plans;
drop policy reconnection_plans_update on reconnection_plans;
create policy reconnection_plans_read on reconnection_plans for select
    using (corner_can(bond_id, 'reconnection', 'read'));
create policy reconnection_plans_insert on reconnection_plans for insert
    with check (corner_can(bond_id, 'reconnection', 'write') and corner_acts_as(updated_by));
create policy reconnection_plans_update on reconnection_plans for update
    using (corner_can(bond_id, 'reconnection', 'write'))
    with check (corner_can(bond_id, 'reconnection', 'write') and corner_acts_as(updated_by));

drop policy reconnection_plan_changes_read on reconnection_plan_changes;
drop policy reconnection_plan_changes_insert on reconnection_plan_changes;
create policy reconnection_plan_changes_read on reconnection_plan_changes for select
    using (corner_can(bond_id, 'reconnection', 'read'));
-- History is append-only: a member adds their own change, nobody rewrites one.
create policy reconnection_plan_changes_insert on reconnection_plan_changes for insert
    with check (corner_can(bond_id, 'reconnection', 'write') and corner_acts_as(changed_by));

drop policy reconnection_plan_confirmations_read on reconnection_plan_confirmations;
drop policy reconnection_plan_confirmations_insert on reconnection_plan_confirmations;
drop policy reconnection_plan_confirmations_update on reconnection_plan_confirmations;
create policy reconnection_plan_confirmations_read on reconnection_plan_confirmations for select
    using (corner_can(bond_id, 'reconnection', 'read'));
-- Each member confirms only for themselves.
create policy reconnection_plan_confirmations_insert on reconnection_plan_confirmations for insert
    with check (corner_can(bond_id, 'reconnection', 'write') and corner_acts_as(person_id));
create policy reconnection_plan_confirmations_update on reconnection_plan_confirmations for update
    using (corner_can(bond_id, 'reconnection', 'write') and corner_acts_as(person_id))
    with check (corner_can(bond_id, 'reconnection', 'write') and corner_acts_as(person_id));

drop policy pauses_read on pauses;
drop policy pauses_insert on pauses;
drop policy pauses_update on pauses;
create policy pauses_read on pauses for select
    using (corner_can(bond_id, 'reconnection', 'read'));
create policy pauses_insert on pauses for insert
    with check (corner_can(bond_id, 'reconnection', 'write') and corner_acts_as(started_by));
-- Either member ends a pause early, answers "ready" or asks for longer.
create policy pauses_update on pauses for update
    using (corner_can(bond_id, 'reconnection', 'write'))
    with check (corner_can(bond_id, 'reconnection', 'write'));

-- Strengths quiz ----------------------------------------------------------------------------

drop policy quiz_rounds_read on quiz_rounds;
drop policy quiz_rounds_insert on quiz_rounds;
create policy quiz_rounds_read on quiz_rounds for select
    using (corner_can(bond_id, 'quiz', 'read'));
create policy quiz_rounds_insert on quiz_rounds for insert
    with check (corner_can(bond_id, 'quiz', 'write')
        and (corner_is_system() or (started_by = corner_person_id() and revealed_at is null)));

-- Each member's answers, and whether they finished, are theirs alone until the round is revealed.
drop policy quiz_answers_read on quiz_answers;
drop policy quiz_answers_insert on quiz_answers;
drop policy quiz_answers_update on quiz_answers;
create policy quiz_answers_read on quiz_answers for select
    using (corner_can(bond_id, 'quiz', 'read') and (corner_acts_as(person_id) or corner_quiz_revealed(round_id)));
create policy quiz_answers_insert on quiz_answers for insert
    with check (corner_can(bond_id, 'quiz', 'write')
        and (corner_is_system() or (person_id = corner_person_id() and not corner_quiz_revealed(round_id))));
create policy quiz_answers_update on quiz_answers for update
    using (corner_can(bond_id, 'quiz', 'write') and corner_acts_as(person_id))
    with check (corner_can(bond_id, 'quiz', 'write')
        and (corner_is_system() or (person_id = corner_person_id() and not corner_quiz_revealed(round_id))));

drop policy quiz_finishes_read on quiz_finishes;
drop policy quiz_finishes_insert on quiz_finishes;
drop policy quiz_finishes_update on quiz_finishes;
create policy quiz_finishes_read on quiz_finishes for select
    using (corner_can(bond_id, 'quiz', 'read') and (corner_acts_as(person_id) or corner_quiz_revealed(round_id)));
create policy quiz_finishes_insert on quiz_finishes for insert
    with check (corner_can(bond_id, 'quiz', 'write') and corner_acts_as(person_id));
create policy quiz_finishes_update on quiz_finishes for update
    using (corner_can(bond_id, 'quiz', 'write') and corner_acts_as(person_id))
    with check (corner_can(bond_id, 'quiz', 'write') and corner_acts_as(person_id));

-- Nothing asks the old membership helper any more; it goes, so no new policy can reach for it.
drop function corner_is_bond_member(uuid);
