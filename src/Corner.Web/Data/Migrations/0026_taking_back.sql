-- 0026: taking back what you shared (issue 14, item 3). The author of an entry may delete it, so it leaves
-- the other person's pages and their future exports. Only the author, and only while they may write in the
-- space (corner_can 'write': a former member reads, never deletes).

create policy appreciations_delete on appreciations for delete
    using (corner_can(bond_id, 'appreciations', 'write') and corner_acts_as(author_id));
grant delete on appreciations to corner_app;
