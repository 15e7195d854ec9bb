-- 0013: a person may tag their own audit events only with a space they are or were a member of (or
-- started), not with any bond id they like. Leaving a space is recorded after leaving, so a former
-- member still counts; a stranger's space never does.

create function corner_has_been_in_bond(bond uuid) returns boolean
    language sql stable security definer set search_path = public
    as $$ select exists (select 1 from bond_members m where m.bond_id = bond and m.person_id = corner_person_id())
        or exists (select 1 from bonds b where b.id = bond and b.created_by = corner_person_id()) $$;

revoke all on function corner_has_been_in_bond(uuid) from public;
grant execute on function corner_has_been_in_bond(uuid) to corner_app;

drop policy audit_events_insert on audit_events;
create policy audit_events_insert on audit_events for insert
    with check (corner_is_system()
        or (person_id = corner_person_id() and (bond_id is null or corner_has_been_in_bond(bond_id))));
