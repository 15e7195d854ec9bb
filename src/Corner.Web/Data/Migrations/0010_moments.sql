-- 0010: having each other's back (DESIGN P7, P8). A moment is one member (the supporter) backing the
-- other (the backed person) in five steps: the supporter writes the first three, the backed person
-- answers the check-in, the supporter closes with a reinforcing word. An ask is a request for backing
-- ahead of a known day; a missed moment, written by either member from either side, leads to a repair.
-- Every free text is encrypted under the bond's data key (the *_cipher columns). Rows are never deleted
-- by the app: leaving a space keeps them for the member who stays.

create table backing_asks (
    id uuid not null,
    bond_id uuid not null,
    asker_id uuid not null,
    supporter_id uuid not null,
    -- a local date in the asker's time zone
    on_date date not null,
    situation_cipher bytea not null,
    help_cipher bytea,
    -- the asker's idempotency key, so a double submit never makes two asks
    submission_id uuid not null,
    created_at timestamp with time zone not null,
    constraint pk_backing_asks primary key (id),
    constraint fk_backing_asks_bond_id foreign key (bond_id) references bonds (id),
    constraint fk_backing_asks_asker_id foreign key (asker_id) references people (id),
    constraint fk_backing_asks_supporter_id foreign key (supporter_id) references people (id)
);
create unique index ix_backing_asks_asker_id_submission_id on backing_asks (asker_id, submission_id);
create index ix_backing_asks_bond_id_on_date on backing_asks (bond_id, on_date);

create table moments (
    id uuid not null,
    bond_id uuid not null,
    supporter_id uuid not null,
    backed_id uuid not null,
    -- the ask this moment answers, if any: at most one moment per ask
    ask_id uuid,
    situation_cipher bytea not null,
    -- steps 1-3, written by the supporter: read the moment, took your side, took action
    noticed_cipher bytea,
    sided_cipher bytea,
    action_cipher bytea,
    submission_id uuid not null,
    recorded_at timestamp with time zone not null,
    -- step 4, the backed person's check-in answer: 'yes', 'partly' or 'not_really', and what more could help
    answer text,
    more_cipher bytea,
    answered_at timestamp with time zone,
    -- step 5, the supporter's closing word
    reinforce_cipher bytea,
    reinforced_at timestamp with time zone,
    constraint pk_moments primary key (id),
    constraint fk_moments_bond_id foreign key (bond_id) references bonds (id),
    constraint fk_moments_supporter_id foreign key (supporter_id) references people (id),
    constraint fk_moments_backed_id foreign key (backed_id) references people (id),
    constraint fk_moments_ask_id foreign key (ask_id) references backing_asks (id),
    constraint ck_moments_answer check (answer is null or answer in ('yes', 'partly', 'not_really')),
    constraint ck_moments_answered check ((answer is null) = (answered_at is null)),
    constraint ck_moments_reinforced check ((reinforce_cipher is null) = (reinforced_at is null))
);
create unique index ix_moments_supporter_id_submission_id on moments (supporter_id, submission_id);
create unique index ix_moments_ask_id on moments (ask_id) where ask_id is not null;
create index ix_moments_bond_id_recorded_at on moments (bond_id, recorded_at);

create table missed_moments (
    id uuid not null,
    bond_id uuid not null,
    author_id uuid not null,
    other_id uuid not null,
    -- 'wish_you_had' ("I wish you had had my back") or 'should_have' ("I should have had your back")
    side text not null,
    what_cipher bytea not null,
    -- why it was missed, from a short list, and the writer's own words
    reasons text[] not null,
    reflection_cipher bytea,
    submission_id uuid not null,
    created_at timestamp with time zone not null,
    response_cipher bytea,
    responded_at timestamp with time zone,
    -- each member marks it repaired; it is repaired when both have
    author_repaired_at timestamp with time zone,
    other_repaired_at timestamp with time zone,
    constraint pk_missed_moments primary key (id),
    constraint fk_missed_moments_bond_id foreign key (bond_id) references bonds (id),
    constraint fk_missed_moments_author_id foreign key (author_id) references people (id),
    constraint fk_missed_moments_other_id foreign key (other_id) references people (id),
    constraint ck_missed_moments_side check (side in ('wish_you_had', 'should_have')),
    constraint ck_missed_moments_reasons check (reasons <@ array['stress', 'assumed_fine', 'avoided_conflict', 'feeling_not_action']::text[]),
    constraint ck_missed_moments_responded check ((response_cipher is null) = (responded_at is null))
);
create unique index ix_missed_moments_author_id_submission_id on missed_moments (author_id, submission_id);
create index ix_missed_moments_bond_id_created_at on missed_moments (bond_id, created_at);

-- Opt-in email nudges for hand-overs (default off: no row means off). Only a switch and a time.
create table moment_nudge_settings (
    person_id uuid not null,
    enabled boolean not null,
    updated_at timestamp with time zone not null,
    constraint pk_moment_nudge_settings primary key (person_id),
    constraint fk_moment_nudge_settings_person_id foreign key (person_id) references people (id) on delete cascade
);

-- Both members read everything in their space. Each writes only as themselves; which member may change
-- which column (only the backed person answers, only the supporter reinforces) is checked by the app.
alter table backing_asks enable row level security;
alter table backing_asks force row level security;
create policy backing_asks_read on backing_asks for select
    using (corner_is_system() or corner_is_bond_member(bond_id));
create policy backing_asks_insert on backing_asks for insert
    with check (corner_is_system() or (asker_id = corner_person_id() and corner_is_bond_member(bond_id)));
create policy backing_asks_update on backing_asks for update
    using (corner_is_system() or (asker_id = corner_person_id() and corner_is_bond_member(bond_id)))
    with check (corner_is_system() or (asker_id = corner_person_id() and corner_is_bond_member(bond_id)));

alter table moments enable row level security;
alter table moments force row level security;
create policy moments_read on moments for select
    using (corner_is_system() or corner_is_bond_member(bond_id));
create policy moments_insert on moments for insert
    with check (corner_is_system() or (supporter_id = corner_person_id() and corner_is_bond_member(bond_id)));
create policy moments_update on moments for update
    using (corner_is_system() or ((supporter_id = corner_person_id() or backed_id = corner_person_id()) and corner_is_bond_member(bond_id)))
    with check (corner_is_system() or ((supporter_id = corner_person_id() or backed_id = corner_person_id()) and corner_is_bond_member(bond_id)));

alter table missed_moments enable row level security;
alter table missed_moments force row level security;
create policy missed_moments_read on missed_moments for select
    using (corner_is_system() or corner_is_bond_member(bond_id));
create policy missed_moments_insert on missed_moments for insert
    with check (corner_is_system() or (author_id = corner_person_id() and corner_is_bond_member(bond_id)));
create policy missed_moments_update on missed_moments for update
    using (corner_is_system() or ((author_id = corner_person_id() or other_id = corner_person_id()) and corner_is_bond_member(bond_id)))
    with check (corner_is_system() or ((author_id = corner_person_id() or other_id = corner_person_id()) and corner_is_bond_member(bond_id)));

alter table moment_nudge_settings enable row level security;
alter table moment_nudge_settings force row level security;
create policy moment_nudge_settings_own on moment_nudge_settings for all
    using (corner_is_system() or person_id = corner_person_id())
    with check (corner_is_system() or person_id = corner_person_id());

grant select, insert, update on backing_asks, moments, missed_moments to corner_app;
grant select, insert, update, delete on moment_nudge_settings to corner_app;
