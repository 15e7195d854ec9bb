-- 0026: taking back what you shared (issue 14, item 3). The author of an entry may delete it, so it leaves
-- the other person's pages and their future exports. Only the author, and only while they may write in the
-- space (corner_can 'write': a former member reads, never deletes).

create policy appreciations_delete on appreciations for delete
    using (corner_can(bond_id, 'appreciations', 'write') and corner_acts_as(author_id));
grant delete on appreciations to corner_app;

-- Check-ins: "stop sharing" deletes the author's check_in_shares row (its delete policy already allows only the
-- author, while a current member); "take back the note" clears the share's note (its update policy, the same).
-- A reflection the other person wrote on the check-in is their words: it must not vanish with the share. It
-- used to cascade; now it belongs to the space and stays, hidden from the pages while its check-in is not shared.
alter table reflections drop constraint fk_reflections_share;
alter table reflections add constraint fk_reflections_bond_id foreign key (bond_id) references bonds (id);

-- Reflections: the person who wrote one may take it back.
create policy reflections_delete on reflections for delete
    using (corner_can(bond_id, 'check-ins', 'write') and corner_acts_as(author_id));
grant delete on reflections to corner_app;

-- Backing statements ("you have my back when you …"): the writer may take one back.
create policy backing_statements_delete on backing_statements for delete
    using (corner_can(bond_id, 'appreciations', 'write') and corner_acts_as(author_id));
grant delete on backing_statements to corner_app;
