-- 0035: a counsellor's one suggestion between sessions (issue 12, item 5). A counsellor with an active grant leaves
-- the couple one of Corner's practices for the coming week, with an optional short note (sealed under the space's
-- key). It shows in the space's "waiting for you" until a member marks it done or puts it away; each member may
-- say they tried it. The counsellor sees only that: how many tried it, and whether it was done or put away.
-- This is the one thing a counsellor writes, and only here: corner_can never lets them write space data.
create table counsellor_suggestions (
    id uuid not null,
    grant_id uuid not null,
    bond_id uuid not null,
    counsellor_id uuid not null,
    practice text not null,
    note_cipher bytea,
    created_at timestamp with time zone not null,
    tried_by uuid[] not null default '{}',
    closed_at timestamp with time zone,
    closed_by uuid,
    -- 'done' or 'dismissed' once closed; 'replaced' when the counsellor left a newer one
    closed_as text,
    constraint pk_counsellor_suggestions primary key (id),
    constraint fk_counsellor_suggestions_grant_id foreign key (grant_id) references counsellor_grants (id) on delete cascade,
    constraint fk_counsellor_suggestions_counsellor_id foreign key (counsellor_id) references people (id),
    constraint ck_counsellor_suggestions_practice check (length(practice) between 1 and 40),
    constraint ck_counsellor_suggestions_closed check ((closed_at is null) = (closed_as is null)
        and (closed_as is null or closed_as in ('done', 'dismissed', 'replaced')))
);
create index ix_counsellor_suggestions_bond_id on counsellor_suggestions (bond_id, created_at);
create index ix_counsellor_suggestions_grant_id on counsellor_suggestions (grant_id, created_at);

alter table counsellor_suggestions enable row level security;
alter table counsellor_suggestions force row level security;
-- Members read and close their space's suggestions; the counsellor reads and writes their own, only while their
-- grant of the space is active (corner_counsels); system scope (account deletion) passes.
create policy counsellor_suggestions_read on counsellor_suggestions for select
    using (corner_can(bond_id, 'counsel', 'read')
        or (corner_can(bond_id, 'space', 'read') and corner_acts_as(counsellor_id) and corner_counsels(bond_id, 'space')));
create policy counsellor_suggestions_insert on counsellor_suggestions for insert
    with check (corner_is_system() or (corner_can(bond_id, 'space', 'read') and corner_acts_as(counsellor_id)
        and corner_counsels(bond_id, 'space')
        and exists (select 1 from counsellor_grants g where g.id = grant_id and g.bond_id = counsellor_suggestions.bond_id
                    and g.counsellor_id = counsellor_suggestions.counsellor_id)));
create policy counsellor_suggestions_update on counsellor_suggestions for update
    using (corner_can(bond_id, 'counsel', 'write')
        or (corner_can(bond_id, 'space', 'read') and corner_acts_as(counsellor_id) and corner_counsels(bond_id, 'space')))
    with check (corner_can(bond_id, 'counsel', 'write')
        or (corner_can(bond_id, 'space', 'read') and corner_acts_as(counsellor_id) and corner_counsels(bond_id, 'space')));
grant select, insert, update on counsellor_suggestions to corner_app;
