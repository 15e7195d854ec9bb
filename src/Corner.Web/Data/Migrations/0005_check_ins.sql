-- 0005: daily emotional check-ins (DESIGN P3) and the other member's reflections.
-- A check-in belongs to its author; it is shared into a bond by a check_in_shares row, which also
-- holds the note encrypted under that bond's data key (so the other member can read it). Without a
-- share row the check-in is private, and row-level security hides even its existence.

create table check_ins (
    id uuid not null,
    person_id uuid not null,
    local_date date not null,
    surface_feelings text[] not null,
    underlying_feelings text[] not null,
    intensity smallint not null,
    -- the author's own copy of the note, under the author's personal data key
    note_cipher bytea,
    created_at timestamp with time zone not null,
    updated_at timestamp with time zone not null,
    constraint pk_check_ins primary key (id),
    constraint fk_check_ins_person_id foreign key (person_id) references people (id),
    constraint ck_check_ins_intensity check (intensity between 1 and 5),
    constraint ck_check_ins_feelings check (cardinality(surface_feelings) between 1 and 12 and cardinality(underlying_feelings) between 0 and 12)
);
create unique index ix_check_ins_person_id_local_date on check_ins (person_id, local_date);

create table check_in_shares (
    check_in_id uuid not null,
    bond_id uuid not null,
    person_id uuid not null,
    local_date date not null,
    -- how supported the author felt in this relationship that day (1-5)
    supported smallint not null,
    -- the note again, under the bond's data key
    note_cipher bytea,
    shared_at timestamp with time zone not null,
    constraint pk_check_in_shares primary key (check_in_id, bond_id),
    constraint fk_check_in_shares_check_in_id foreign key (check_in_id) references check_ins (id) on delete cascade,
    constraint fk_check_in_shares_bond_id foreign key (bond_id) references bonds (id),
    constraint ck_check_in_shares_supported check (supported between 1 and 5)
);
-- History and trends read one bond's range of days through this index.
create index ix_check_in_shares_bond_id_local_date on check_in_shares (bond_id, local_date);

create table reflections (
    id uuid not null,
    check_in_id uuid not null,
    bond_id uuid not null,
    author_id uuid not null,
    feeling text not null,
    words_cipher bytea,
    created_at timestamp with time zone not null,
    -- the check-in author's answer: 'yes' (that's it) or 'not_quite'
    response text,
    responded_at timestamp with time zone,
    constraint pk_reflections primary key (id),
    constraint fk_reflections_share foreign key (check_in_id, bond_id) references check_in_shares (check_in_id, bond_id) on delete cascade,
    constraint ck_reflections_response check (response is null or response in ('yes', 'not_quite'))
);
create unique index ix_reflections_check_in_id_bond_id_author_id on reflections (check_in_id, bond_id, author_id);
create index ix_reflections_bond_id_created_at on reflections (bond_id, created_at);

-- The author sees their own; the other member sees a check-in only through a share in a bond they
-- are a current member of.
create function corner_check_in_is_shared_with_me(check_in uuid) returns boolean
    language sql stable security definer set search_path = public
    as $$ select exists (select 1 from check_in_shares s
        where s.check_in_id = check_in and corner_is_bond_member(s.bond_id)) $$;

alter table check_ins enable row level security;
alter table check_ins force row level security;
create policy check_ins_read on check_ins for select
    using (corner_is_system() or person_id = corner_person_id() or corner_check_in_is_shared_with_me(id));
create policy check_ins_write on check_ins for insert
    with check (corner_is_system() or person_id = corner_person_id());
create policy check_ins_update on check_ins for update
    using (corner_is_system() or person_id = corner_person_id())
    with check (corner_is_system() or person_id = corner_person_id());
create policy check_ins_delete on check_ins for delete
    using (corner_is_system() or person_id = corner_person_id());

alter table check_in_shares enable row level security;
alter table check_in_shares force row level security;
create policy check_in_shares_read on check_in_shares for select
    using (corner_is_system() or (corner_is_bond_member(bond_id)));
-- Only the author shares, and only into a bond they are a current member of.
create policy check_in_shares_insert on check_in_shares for insert
    with check (corner_is_system() or (person_id = corner_person_id() and corner_is_bond_member(bond_id)));
create policy check_in_shares_update on check_in_shares for update
    using (corner_is_system() or (person_id = corner_person_id() and corner_is_bond_member(bond_id)))
    with check (corner_is_system() or (person_id = corner_person_id() and corner_is_bond_member(bond_id)));
create policy check_in_shares_delete on check_in_shares for delete
    using (corner_is_system() or (person_id = corner_person_id() and corner_is_bond_member(bond_id)));

alter table reflections enable row level security;
alter table reflections force row level security;
create policy reflections_read on reflections for select
    using (corner_is_system() or corner_is_bond_member(bond_id));
create policy reflections_insert on reflections for insert
    with check (corner_is_system() or (author_id = corner_person_id() and corner_is_bond_member(bond_id)));
-- The reflector may reword; the check-in's author answers (response columns). Both must be members.
create policy reflections_update on reflections for update
    using (corner_is_system() or corner_is_bond_member(bond_id))
    with check (corner_is_system() or corner_is_bond_member(bond_id));

grant select, insert, update, delete on check_ins, check_in_shares to corner_app;
grant select, insert, update on reflections to corner_app;
grant execute on function corner_check_in_is_shared_with_me(uuid) to corner_app;
