-- 0032: taking back in moments (issue 14, item 3). The supporter may delete a moment they recorded, the writer a
-- missed moment, the asker an ask; only while they may write in the space (a former member never deletes).
create policy moments_delete on moments for delete
    using (corner_can(bond_id, 'moments', 'write') and corner_acts_as(supporter_id));
create policy missed_moments_delete on missed_moments for delete
    using (corner_can(bond_id, 'moments', 'write') and corner_acts_as(author_id));
create policy backing_asks_delete on backing_asks for delete
    using (corner_can(bond_id, 'moments', 'write') and corner_acts_as(asker_id));
