-- 0004: bond_members_update only checked person_id, so a member could UPDATE their own row into
-- another person's bond (set bond_id) or back into a bond they had left (clear left_at), and read
-- everything there. Now a person may only change their row while they are a current member of its
-- bond, and only into a bond they are a current member of (the policy functions see the table as it
-- was before the statement, so leaving — setting left_at — still works).
drop policy bond_members_update on bond_members;
create policy bond_members_update on bond_members for update
    using (corner_is_system() or (person_id = corner_person_id() and corner_is_bond_member(bond_id)))
    with check (corner_is_system() or (person_id = corner_person_id() and corner_is_bond_member(bond_id)));
