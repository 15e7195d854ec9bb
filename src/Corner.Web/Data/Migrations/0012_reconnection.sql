-- 0012: the reconnection plan and the pause signal (DESIGN P6, issue #6 items 3 and 4).
-- One plan per bond, edited by either member: each save is a new version, recorded in
-- reconnection_plan_changes (which parts changed, by whom, when: never the words themselves), and
-- each member confirms the version they read. The plan's words are encrypted under the bond's key.
-- A pause is one member's "I'm flooded, I'll come back"; a bond has at most one open pause, which
-- the database itself enforces (two people pressing at the same moment cannot both start one).

create table reconnection_plans (
    bond_id uuid not null,
    version integer not null,
    sign_cipher bytea,
    pause_steps_cipher bytea,
    coming_back_cipher bytea,
    repair_phrase_cipher bytea,
    created_at timestamp with time zone not null,
    updated_by uuid not null,
    updated_at timestamp with time zone not null,
    constraint pk_reconnection_plans primary key (bond_id),
    constraint fk_reconnection_plans_bond_id foreign key (bond_id) references bonds (id) on delete cascade,
    constraint fk_reconnection_plans_updated_by foreign key (updated_by) references people (id),
    constraint ck_reconnection_plans_version check (version >= 1)
);

create table reconnection_plan_changes (
    bond_id uuid not null,
    version integer not null,
    changed_by uuid not null,
    changed_at timestamp with time zone not null,
    -- names of the parts that changed ('sign', 'pause_steps', 'coming_back', 'repair_phrase'): no words
    changed_parts text[] not null,
    constraint pk_reconnection_plan_changes primary key (bond_id, version),
    constraint fk_reconnection_plan_changes_bond_id foreign key (bond_id) references reconnection_plans (bond_id) on delete cascade,
    constraint fk_reconnection_plan_changes_changed_by foreign key (changed_by) references people (id)
);

create table reconnection_plan_confirmations (
    bond_id uuid not null,
    person_id uuid not null,
    version integer not null,
    confirmed_at timestamp with time zone not null,
    constraint pk_reconnection_plan_confirmations primary key (bond_id, person_id),
    constraint fk_reconnection_plan_confirmations_bond_id foreign key (bond_id) references reconnection_plans (bond_id) on delete cascade,
    constraint fk_reconnection_plan_confirmations_person_id foreign key (person_id) references people (id)
);

create table pauses (
    id uuid not null,
    bond_id uuid not null,
    started_by uuid not null,
    started_at timestamp with time zone not null,
    ends_at timestamp with time zone not null,
    -- who has answered "I'm ready" since the time was last up
    ready uuid[] not null,
    ended_at timestamp with time zone,
    ended_by uuid,
    constraint pk_pauses primary key (id),
    constraint fk_pauses_bond_id foreign key (bond_id) references bonds (id) on delete cascade,
    constraint fk_pauses_started_by foreign key (started_by) references people (id),
    constraint ck_pauses_ends_after_start check (ends_at > started_at),
    constraint ck_pauses_ended check (ended_at is not null or ended_by is null)
);
-- At most one open pause per bond, whatever the timing of two requests.
create unique index ux_pauses_one_open_per_bond on pauses (bond_id) where ended_at is null;
create index ix_pauses_bond_id_started_at on pauses (bond_id, started_at);

-- Members of the bond read and write; nobody else sees that any of it exists.
alter table reconnection_plans enable row level security;
alter table reconnection_plans force row level security;
create policy reconnection_plans_read on reconnection_plans for select
    using (corner_is_system() or corner_is_bond_member(bond_id));
create policy reconnection_plans_insert on reconnection_plans for insert
    with check (corner_is_system() or (updated_by = corner_person_id() and corner_is_bond_member(bond_id)));
create policy reconnection_plans_update on reconnection_plans for update
    using (corner_is_system() or corner_is_bond_member(bond_id))
    with check (corner_is_system() or (updated_by = corner_person_id() and corner_is_bond_member(bond_id)));

alter table reconnection_plan_changes enable row level security;
alter table reconnection_plan_changes force row level security;
create policy reconnection_plan_changes_read on reconnection_plan_changes for select
    using (corner_is_system() or corner_is_bond_member(bond_id));
-- History is append-only: a member adds their own change, nobody rewrites one.
create policy reconnection_plan_changes_insert on reconnection_plan_changes for insert
    with check (corner_is_system() or (changed_by = corner_person_id() and corner_is_bond_member(bond_id)));

alter table reconnection_plan_confirmations enable row level security;
alter table reconnection_plan_confirmations force row level security;
create policy reconnection_plan_confirmations_read on reconnection_plan_confirmations for select
    using (corner_is_system() or corner_is_bond_member(bond_id));
-- Each member confirms only for themselves.
create policy reconnection_plan_confirmations_insert on reconnection_plan_confirmations for insert
    with check (corner_is_system() or (person_id = corner_person_id() and corner_is_bond_member(bond_id)));
create policy reconnection_plan_confirmations_update on reconnection_plan_confirmations for update
    using (corner_is_system() or (person_id = corner_person_id() and corner_is_bond_member(bond_id)))
    with check (corner_is_system() or (person_id = corner_person_id() and corner_is_bond_member(bond_id)));

alter table pauses enable row level security;
alter table pauses force row level security;
create policy pauses_read on pauses for select
    using (corner_is_system() or corner_is_bond_member(bond_id));
create policy pauses_insert on pauses for insert
    with check (corner_is_system() or (started_by = corner_person_id() and corner_is_bond_member(bond_id)));
-- Either member ends a pause early, answers "ready" or asks for longer.
create policy pauses_update on pauses for update
    using (corner_is_system() or corner_is_bond_member(bond_id))
    with check (corner_is_system() or corner_is_bond_member(bond_id));

grant select, insert, update on reconnection_plans, reconnection_plan_confirmations, pauses to corner_app;
grant select, insert on reconnection_plan_changes to corner_app;
