-- 0036: the row-security helpers in PL/pgSQL (issue 11). Every policy calls them, row by row. As SQL functions that
-- are security definer (they must read bond_members past its own policy) PostgreSQL cannot inline them, so it parsed
-- and planned each one's body again for every statement that used it: on a 2-core machine that was well over half of
-- PostgreSQL's work for the space home. A PL/pgSQL function keeps its plans for the session, so a call only runs them;
-- "plan_cache_mode = force_generic_plan" keeps it from planning each call afresh for its arguments (a custom plan),
-- which for these index look-ups buys nothing (QueryPlanTests checks the same look-ups as generic plans).
-- The bodies are the same queries as before (same rules, same answers); "#variable_conflict use_column" keeps an SQL
-- function's rule that a column name wins over a parameter of the same name.

create or replace function corner_can(bond uuid, feature text, action text) returns boolean
    language plpgsql stable security definer set search_path = public set plan_cache_mode = force_generic_plan
    as $$
    #variable_conflict use_column
    begin
        return case
        when feature not in ('space', 'audit', 'check-ins', 'partner-map', 'appreciations', 'moments',
        'cycle-map', 'reconnection', 'quiz', 'counsel')
        or action not in ('read', 'write') then false
        when corner_is_system() then true
        when action = 'write' then exists (
        select 1 from bond_members m
        where m.bond_id = bond and m.person_id = corner_person_id() and m.left_at is null)
        else exists (
        select 1 from bond_members m
        where m.bond_id = bond and m.person_id = corner_person_id())
        or (feature <> 'counsel' and corner_counsels(bond, feature))
        end;
    end $$;

create or replace function corner_counsels(bond uuid, feature text) returns boolean
    language plpgsql stable security definer set search_path = public set plan_cache_mode = force_generic_plan
    as $$
    #variable_conflict use_column
    begin
        return exists (select 1 from counsellor_grants g
        join people p on p.id = g.counsellor_id and p.kind = 'counsellor' and p.two_factor_enabled
        where g.bond_id = bond and g.counsellor_id = corner_person_id() and g.revoked_at is null and g.expires_at > now()
        and (feature = 'space' or feature = any (corner_scope_features(g.scopes)))
        and corner_grant_is_active(g.id));
    end $$;

create or replace function corner_grant_is_active(grant_id uuid) returns boolean
    language plpgsql stable security definer set search_path = public set plan_cache_mode = force_generic_plan
    as $$
    #variable_conflict use_column
    begin
        return exists (select 1 from counsellor_grants g
        where g.id = grant_id and g.counsellor_id is not null and g.revoked_at is null and g.expires_at > now()
        and (select count(*) from counsellor_consents c
        join bond_members m on m.bond_id = g.bond_id and m.person_id = c.person_id and m.left_at is null
        where c.grant_id = g.id and c.version = g.version) = 2);
    end $$;

create or replace function corner_counsel_knows(other uuid) returns boolean
    language plpgsql stable security definer set search_path = public set plan_cache_mode = force_generic_plan
    as $$
    #variable_conflict use_column
    begin
        return exists (
        select 1 from counsellor_grants g
        join bond_members m on m.bond_id = g.bond_id and m.person_id = corner_person_id() and m.left_at is null
        where g.counsellor_id = other)
        or exists (
        select 1 from counsellor_grants g
        join bond_members m on m.bond_id = g.bond_id and m.person_id = other
        where g.counsellor_id = corner_person_id() and corner_grant_is_active(g.id));
    end $$;

create or replace function corner_check_in_is_shared_with_me(check_in uuid) returns boolean
    language plpgsql stable security definer set search_path = public set plan_cache_mode = force_generic_plan
    as $$
    #variable_conflict use_column
    begin
        return exists (select 1 from check_in_shares s
        where s.check_in_id = check_in and corner_can(s.bond_id, 'check-ins', 'read'));
    end $$;

create or replace function corner_has_been_in_bond(bond uuid) returns boolean
    language plpgsql stable security definer set search_path = public set plan_cache_mode = force_generic_plan
    as $$
    #variable_conflict use_column
    begin
        return exists (select 1 from bond_members m where m.bond_id = bond and m.person_id = corner_person_id())
        or exists (select 1 from bonds b where b.id = bond and b.created_by = corner_person_id());
    end $$;

create or replace function corner_is_bond_member(bond uuid) returns boolean
    language plpgsql stable security definer set search_path = public set plan_cache_mode = force_generic_plan
    as $$
    #variable_conflict use_column
    begin
        return exists (
        select 1 from bond_members m
        where m.bond_id = bond and m.person_id = corner_person_id() and m.left_at is null);
    end $$;

create or replace function corner_is_unclaimed_bond_of_mine(bond uuid) returns boolean
    language plpgsql stable security definer set search_path = public set plan_cache_mode = force_generic_plan
    as $$
    #variable_conflict use_column
    begin
        return exists (select 1 from bonds b where b.id = bond and b.created_by = corner_person_id())
        and not exists (select 1 from bond_members m where m.bond_id = bond);
    end $$;

create or replace function corner_quiz_revealed(round uuid) returns boolean
    language plpgsql stable security definer set search_path = public set plan_cache_mode = force_generic_plan
    as $$
    #variable_conflict use_column
    begin
        return exists (select 1 from quiz_rounds r where r.id = round and r.revealed_at is not null);
    end $$;

create or replace function corner_shares_bond_with(other uuid) returns boolean
    language plpgsql stable security definer set search_path = public set plan_cache_mode = force_generic_plan
    as $$
    #variable_conflict use_column
    begin
        return exists (
        select 1 from bond_members mine
        join bond_members theirs on theirs.bond_id = mine.bond_id
        where mine.person_id = corner_person_id() and mine.left_at is null
        and theirs.person_id = other);
    end $$;
