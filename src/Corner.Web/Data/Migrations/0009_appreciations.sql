-- 0009: appreciations (DESIGN P4) and "you have my back when …" statements (P5).
-- An appreciation is a short note from one member of a bond to the other; a backing statement is one
-- member's "I know you have my back when you …", shown to the other as a standing reminder. The words
-- are encrypted under the bond's data key. submission_id makes a double submit land once.

create table appreciations (
    id uuid not null,
    bond_id uuid not null,
    author_id uuid not null,
    recipient_id uuid not null,
    -- 'appreciate' or 'admire'
    kind text not null,
    words_cipher bytea not null,
    submission_id uuid not null,
    created_at timestamp with time zone not null,
    constraint pk_appreciations primary key (id),
    constraint fk_appreciations_bond_id foreign key (bond_id) references bonds (id),
    constraint fk_appreciations_author_id foreign key (author_id) references people (id),
    constraint fk_appreciations_recipient_id foreign key (recipient_id) references people (id),
    constraint ck_appreciations_kind check (kind in ('appreciate', 'admire'))
);
create unique index ix_appreciations_author_id_submission_id on appreciations (author_id, submission_id);
-- "Received" and "sent" lists read one bond's notes for one person, newest first.
create index ix_appreciations_bond_id_recipient_id_created_at on appreciations (bond_id, recipient_id, created_at);
create index ix_appreciations_bond_id_author_id_created_at on appreciations (bond_id, author_id, created_at);

create table backing_statements (
    id uuid not null,
    bond_id uuid not null,
    author_id uuid not null,
    words_cipher bytea not null,
    -- the writer's chosen order among their own statements in the bond
    position integer not null,
    submission_id uuid not null,
    created_at timestamp with time zone not null,
    updated_at timestamp with time zone not null,
    -- retired statements stay the writer's, but are no longer shown to the other member
    retired_at timestamp with time zone,
    constraint pk_backing_statements primary key (id),
    constraint fk_backing_statements_bond_id foreign key (bond_id) references bonds (id),
    constraint fk_backing_statements_author_id foreign key (author_id) references people (id)
);
create unique index ix_backing_statements_author_id_submission_id on backing_statements (author_id, submission_id);
create index ix_backing_statements_bond_id_author_id_position on backing_statements (bond_id, author_id, position);

-- Only the two people an appreciation is between see it, and only while they are members.
alter table appreciations enable row level security;
alter table appreciations force row level security;
create policy appreciations_read on appreciations for select
    using (corner_is_system() or (corner_is_bond_member(bond_id)
        and (author_id = corner_person_id() or recipient_id = corner_person_id())));
create policy appreciations_insert on appreciations for insert
    with check (corner_is_system() or (author_id = corner_person_id() and corner_is_bond_member(bond_id)));

-- The writer sees all of theirs; the other member sees only the ones still standing.
alter table backing_statements enable row level security;
alter table backing_statements force row level security;
create policy backing_statements_read on backing_statements for select
    using (corner_is_system() or (corner_is_bond_member(bond_id)
        and (author_id = corner_person_id() or retired_at is null)));
create policy backing_statements_insert on backing_statements for insert
    with check (corner_is_system() or (author_id = corner_person_id() and corner_is_bond_member(bond_id)));
create policy backing_statements_update on backing_statements for update
    using (corner_is_system() or (author_id = corner_person_id() and corner_is_bond_member(bond_id)))
    with check (corner_is_system() or (author_id = corner_person_id() and corner_is_bond_member(bond_id)));

-- Nobody deletes: sent words stay with the person they reached, and statements are retired, not wiped.
grant select, insert on appreciations to corner_app;
grant select, insert, update on backing_statements to corner_app;
