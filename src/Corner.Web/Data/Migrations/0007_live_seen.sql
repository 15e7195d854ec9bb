-- 0007: when each person last opened each space's check-ins page, for the "N new" count in the
-- navigation. Only times and ids: nothing anyone wrote. Each person reads and writes only their own rows.

create table check_ins_seen (
    person_id uuid not null,
    bond_id uuid not null,
    seen_at timestamp with time zone not null,
    constraint pk_check_ins_seen primary key (person_id, bond_id),
    constraint fk_check_ins_seen_person_id foreign key (person_id) references people (id) on delete cascade,
    constraint fk_check_ins_seen_bond_id foreign key (bond_id) references bonds (id) on delete cascade
);

-- The unread count reads one bond's shares newer than a moment.
create index ix_check_in_shares_bond_id_shared_at on check_in_shares (bond_id, shared_at);

alter table check_ins_seen enable row level security;
alter table check_ins_seen force row level security;
create policy check_ins_seen_read on check_ins_seen for select
    using (corner_is_system() or person_id = corner_person_id());
-- A person marks only their own, and only for a space they are a current member of.
create policy check_ins_seen_insert on check_ins_seen for insert
    with check (corner_is_system() or (person_id = corner_person_id() and corner_is_bond_member(bond_id)));
create policy check_ins_seen_update on check_ins_seen for update
    using (corner_is_system() or person_id = corner_person_id())
    with check (corner_is_system() or (person_id = corner_person_id() and corner_is_bond_member(bond_id)));
create policy check_ins_seen_delete on check_ins_seen for delete
    using (corner_is_system() or person_id = corner_person_id());

grant select, insert, update, delete on check_ins_seen to corner_app;
