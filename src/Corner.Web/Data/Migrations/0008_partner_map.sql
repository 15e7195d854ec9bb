-- 0008: the partner map (DESIGN P1): each member's answers about themselves, their guesses about the
-- other, the comparison of a guess by the person it is about, the one-time trust screen, and which
-- questions were offered as the question of the day. Answers, guesses and notes are encrypted under
-- the bond's data key; question ids name entries of the question bank in the app (e.g. 'stress.1').

create table map_self_answers (
    id uuid not null,
    bond_id uuid not null,
    person_id uuid not null,
    question_id character varying(40) not null,
    text_cipher bytea not null,
    -- false: only the author ever sees it (or learns it exists)
    shared boolean not null,
    -- when the answer was last written; old answers invite a revisit
    answered_at timestamp with time zone not null,
    created_at timestamp with time zone not null,
    constraint pk_map_self_answers primary key (id),
    constraint fk_map_self_answers_bond_id foreign key (bond_id) references bonds (id) on delete cascade,
    constraint fk_map_self_answers_person_id foreign key (person_id) references people (id)
);
create unique index ix_map_self_answers_bond_id_person_id_question_id on map_self_answers (bond_id, person_id, question_id);

create table map_guesses (
    id uuid not null,
    bond_id uuid not null,
    guesser_id uuid not null,
    -- the person the guess is about: the other member of the bond
    subject_id uuid not null,
    question_id character varying(40) not null,
    text_cipher bytea not null,
    guessed_at timestamp with time zone not null,
    created_at timestamp with time zone not null,
    -- the subject's comparison: 'spot_on', 'close' or 'not_quite', and what they would add
    mark character varying(16),
    note_cipher bytea,
    compared_at timestamp with time zone,
    constraint pk_map_guesses primary key (id),
    constraint fk_map_guesses_bond_id foreign key (bond_id) references bonds (id) on delete cascade,
    constraint fk_map_guesses_guesser_id foreign key (guesser_id) references people (id),
    constraint fk_map_guesses_subject_id foreign key (subject_id) references people (id),
    constraint ck_map_guesses_mark check (mark is null or mark in ('spot_on', 'close', 'not_quite'))
);
create unique index ix_map_guesses_bond_id_guesser_id_question_id on map_guesses (bond_id, guesser_id, question_id);
create index ix_map_guesses_bond_id_subject_id on map_guesses (bond_id, subject_id);

create table map_trust (
    person_id uuid not null,
    bond_id uuid not null,
    confirmed_at timestamp with time zone not null,
    constraint pk_map_trust primary key (person_id, bond_id),
    constraint fk_map_trust_person_id foreign key (person_id) references people (id) on delete cascade,
    constraint fk_map_trust_bond_id foreign key (bond_id) references bonds (id) on delete cascade
);

-- One question of the day per person, space and local day. A round ends when every question of the
-- bank has been offered; only then do questions come round again.
create table map_question_offers (
    person_id uuid not null,
    bond_id uuid not null,
    local_date date not null,
    question_id character varying(40) not null,
    round integer not null,
    constraint pk_map_question_offers primary key (person_id, bond_id, local_date),
    constraint fk_map_question_offers_person_id foreign key (person_id) references people (id) on delete cascade,
    constraint fk_map_question_offers_bond_id foreign key (bond_id) references bonds (id) on delete cascade
);
create unique index ix_map_question_offers_person_id_bond_id_round_question_id on map_question_offers (person_id, bond_id, round, question_id);

alter table map_self_answers enable row level security;
alter table map_self_answers force row level security;
-- The author sees their own; the other member only a shared one, and only while both are members.
create policy map_self_answers_read on map_self_answers for select
    using (corner_is_system() or person_id = corner_person_id() or (shared and corner_is_bond_member(bond_id)));
create policy map_self_answers_insert on map_self_answers for insert
    with check (corner_is_system() or (person_id = corner_person_id() and corner_is_bond_member(bond_id)));
create policy map_self_answers_update on map_self_answers for update
    using (corner_is_system() or (person_id = corner_person_id() and corner_is_bond_member(bond_id)))
    with check (corner_is_system() or (person_id = corner_person_id() and corner_is_bond_member(bond_id)));
create policy map_self_answers_delete on map_self_answers for delete
    using (corner_is_system() or (person_id = corner_person_id() and corner_is_bond_member(bond_id)));

alter table map_guesses enable row level security;
alter table map_guesses force row level security;
-- Only the guesser and the person it is about, both in the bond.
create policy map_guesses_read on map_guesses for select
    using (corner_is_system() or ((guesser_id = corner_person_id() or subject_id = corner_person_id()) and corner_is_bond_member(bond_id)));
-- A guess is never about oneself.
create policy map_guesses_insert on map_guesses for insert
    with check (corner_is_system() or (guesser_id = corner_person_id() and subject_id <> guesser_id and corner_is_bond_member(bond_id)));
-- The guesser rewords; the subject compares. Neither can hand the row to someone else.
create policy map_guesses_update on map_guesses for update
    using (corner_is_system() or ((guesser_id = corner_person_id() or subject_id = corner_person_id()) and corner_is_bond_member(bond_id)))
    with check (corner_is_system() or ((guesser_id = corner_person_id() or subject_id = corner_person_id())
        and subject_id <> guesser_id and corner_is_bond_member(bond_id)));
create policy map_guesses_delete on map_guesses for delete
    using (corner_is_system() or (guesser_id = corner_person_id() and corner_is_bond_member(bond_id)));

alter table map_trust enable row level security;
alter table map_trust force row level security;
create policy map_trust_read on map_trust for select
    using (corner_is_system() or person_id = corner_person_id());
create policy map_trust_insert on map_trust for insert
    with check (corner_is_system() or (person_id = corner_person_id() and corner_is_bond_member(bond_id)));

alter table map_question_offers enable row level security;
alter table map_question_offers force row level security;
create policy map_question_offers_read on map_question_offers for select
    using (corner_is_system() or person_id = corner_person_id());
create policy map_question_offers_insert on map_question_offers for insert
    with check (corner_is_system() or (person_id = corner_person_id() and corner_is_bond_member(bond_id)));

grant select, insert, update, delete on map_self_answers, map_guesses to corner_app;
grant select, insert on map_trust, map_question_offers to corner_app;
