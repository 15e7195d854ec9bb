-- 0011: the cycle map (DESIGN P6, issue 6 items 1, 2 and 5). Each member writes their own half of the
-- cycle in a space; it stays a private draft until its writer shares it, and the database hides an
-- unshared half from the other member (not only its text: its existence). Either member may note a time
-- the cycle showed up; those notes belong to the space and both members see them. Every free text is
-- encrypted under the space's data key.

create table cycle_halves (
    id uuid not null,
    bond_id uuid not null,
    person_id uuid not null,
    -- stable behaviour ids such as 'fight.criticise' or 'flight.go_quiet'
    behaviours text[] not null,
    trigger_cipher bytea,
    reaction_cipher bytea,
    surface_cipher bytea,
    underneath_cipher bytea,
    need_cipher bytea,
    to_know_cipher bytea,
    -- null while the half is a draft
    shared_at timestamp with time zone,
    created_at timestamp with time zone not null,
    updated_at timestamp with time zone not null,
    constraint pk_cycle_halves primary key (id),
    constraint fk_cycle_halves_bond_id foreign key (bond_id) references bonds (id),
    constraint fk_cycle_halves_person_id foreign key (person_id) references people (id),
    constraint ck_cycle_halves_behaviours check (cardinality(behaviours) <= 32)
);
-- One half per person per space; saving twice updates the same row.
create unique index ix_cycle_halves_bond_id_person_id on cycle_halves (bond_id, person_id);

create table cycle_times (
    id uuid not null,
    bond_id uuid not null,
    noted_by uuid not null,
    -- the form's (or API caller's) key for this submit: a second submit with the same key adds nothing
    request_key uuid not null,
    local_date date not null,
    -- stable part ids such as 'pursue' or 'withdraw'
    parts text[] not null,
    reconnected text not null,
    note_cipher bytea,
    created_at timestamp with time zone not null,
    constraint pk_cycle_times primary key (id),
    constraint fk_cycle_times_bond_id foreign key (bond_id) references bonds (id),
    constraint fk_cycle_times_noted_by foreign key (noted_by) references people (id),
    constraint ck_cycle_times_reconnected check (reconnected in ('within_hour', 'same_day', 'next_day', 'longer', 'not_yet')),
    constraint ck_cycle_times_parts check (cardinality(parts) <= 16)
);
create unique index ix_cycle_times_bond_id_noted_by_request_key on cycle_times (bond_id, noted_by, request_key);
-- The picture reads one space's range of days through this index.
create index ix_cycle_times_bond_id_local_date on cycle_times (bond_id, local_date);

alter table cycle_halves enable row level security;
alter table cycle_halves force row level security;
-- The writer always sees their own half; the other member sees it only once it is shared, and only
-- while they are a current member of the space.
create policy cycle_halves_read on cycle_halves for select
    using (corner_is_system() or person_id = corner_person_id()
        or (shared_at is not null and corner_is_bond_member(bond_id)));
create policy cycle_halves_insert on cycle_halves for insert
    with check (corner_is_system() or (person_id = corner_person_id() and corner_is_bond_member(bond_id)));
create policy cycle_halves_update on cycle_halves for update
    using (corner_is_system() or (person_id = corner_person_id() and corner_is_bond_member(bond_id)))
    with check (corner_is_system() or (person_id = corner_person_id() and corner_is_bond_member(bond_id)));
create policy cycle_halves_delete on cycle_halves for delete
    using (corner_is_system() or person_id = corner_person_id());

alter table cycle_times enable row level security;
alter table cycle_times force row level security;
create policy cycle_times_read on cycle_times for select
    using (corner_is_system() or corner_is_bond_member(bond_id));
create policy cycle_times_insert on cycle_times for insert
    with check (corner_is_system() or (noted_by = corner_person_id() and corner_is_bond_member(bond_id)));
-- Only the member who noted a time may take it away; nobody removes the other's words.
create policy cycle_times_delete on cycle_times for delete
    using (corner_is_system() or (noted_by = corner_person_id() and corner_is_bond_member(bond_id)));

grant select, insert, update, delete on cycle_halves to corner_app;
grant select, insert, delete on cycle_times to corner_app;
