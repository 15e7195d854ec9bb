-- 0018: the strengths quiz (DESIGN P9, issue #13). A round belongs to a bond; each member answers it
-- alone. Until both have finished, a member reads only their own answers and their own "finished": the
-- other's rows are invisible, so not even whether they finished can leak. The round is revealed by
-- corner_quiz_reveal, which locks the round first, so two people finishing at the same moment reveal it
-- exactly once (a no-key lock: the finishes' own foreign-key locks never deadlock with it). Answers are numbers on a 1-5 scale keyed by a statement id from the resource bank.

create table quiz_rounds (
    id uuid not null,
    bond_id uuid not null,
    number integer not null,
    started_by uuid not null,
    started_at timestamp with time zone not null,
    revealed_at timestamp with time zone,
    constraint pk_quiz_rounds primary key (id),
    constraint ak_quiz_rounds_id_bond_id unique (id, bond_id),
    constraint ak_quiz_rounds_bond_id_number unique (bond_id, number),
    constraint fk_quiz_rounds_bond_id foreign key (bond_id) references bonds (id) on delete cascade,
    constraint fk_quiz_rounds_started_by foreign key (started_by) references people (id),
    constraint ck_quiz_rounds_number check (number >= 1)
);
-- At most one round in progress per bond, however two first answers race.
create unique index ux_quiz_rounds_one_open_per_bond on quiz_rounds (bond_id) where revealed_at is null;

create table quiz_answers (
    round_id uuid not null,
    bond_id uuid not null,
    person_id uuid not null,
    statement text not null,
    answer smallint not null,
    answered_at timestamp with time zone not null,
    constraint pk_quiz_answers primary key (round_id, person_id, statement),
    constraint fk_quiz_answers_round foreign key (round_id, bond_id) references quiz_rounds (id, bond_id) on delete cascade,
    constraint fk_quiz_answers_person_id foreign key (person_id) references people (id),
    constraint ck_quiz_answers_answer check (answer between 1 and 5),
    constraint ck_quiz_answers_statement check (length(statement) between 1 and 64)
);

create table quiz_finishes (
    round_id uuid not null,
    bond_id uuid not null,
    person_id uuid not null,
    finished_at timestamp with time zone not null,
    -- when this person first saw the revealed result (the "Sam finished the quiz" notice ends there)
    result_seen_at timestamp with time zone,
    constraint pk_quiz_finishes primary key (round_id, person_id),
    constraint fk_quiz_finishes_round foreign key (round_id, bond_id) references quiz_rounds (id, bond_id) on delete cascade,
    constraint fk_quiz_finishes_person_id foreign key (person_id) references people (id)
);

-- True once the round has been revealed to both members.
create function corner_quiz_revealed(round uuid) returns boolean
    language sql stable security definer set search_path = public
    as $$ select exists (select 1 from quiz_rounds r where r.id = round and r.revealed_at is not null) $$;

-- Reveals the round when both current members have finished it. Only a member who has finished may
-- ask, so asking tells nothing about the other person that the reveal itself would not.
create function corner_quiz_reveal(round uuid, at timestamp with time zone) returns boolean
    language plpgsql volatile security definer set search_path = public
    as $$
declare
    bond uuid;
begin
    select r.bond_id into bond from quiz_rounds r where r.id = round and r.revealed_at is null for no key update;
    if bond is null or not corner_is_bond_member(bond) then
        return false;
    end if;
    if not exists (select 1 from quiz_finishes f where f.round_id = round and f.person_id = corner_person_id()) then
        return false;
    end if;
    if (select count(*) from quiz_finishes f
        join bond_members m on m.bond_id = f.bond_id and m.person_id = f.person_id and m.left_at is null
        where f.round_id = round) < 2 then
        return false;
    end if;
    update quiz_rounds set revealed_at = at where id = round;
    return true;
end $$;

revoke all on function corner_quiz_revealed(uuid) from public;
revoke all on function corner_quiz_reveal(uuid, timestamp with time zone) from public;
grant execute on function corner_quiz_revealed(uuid) to corner_app;
grant execute on function corner_quiz_reveal(uuid, timestamp with time zone) to corner_app;

alter table quiz_rounds enable row level security;
alter table quiz_rounds force row level security;
create policy quiz_rounds_read on quiz_rounds for select
    using (corner_is_system() or corner_is_bond_member(bond_id));
create policy quiz_rounds_insert on quiz_rounds for insert
    with check (corner_is_system() or (started_by = corner_person_id() and revealed_at is null and corner_is_bond_member(bond_id)));

-- Each member's answers are theirs alone until the round is revealed.
alter table quiz_answers enable row level security;
alter table quiz_answers force row level security;
create policy quiz_answers_read on quiz_answers for select
    using (corner_is_system() or (corner_is_bond_member(bond_id)
        and (person_id = corner_person_id() or corner_quiz_revealed(round_id))));
create policy quiz_answers_insert on quiz_answers for insert
    with check (corner_is_system() or (person_id = corner_person_id() and corner_is_bond_member(bond_id)
        and not corner_quiz_revealed(round_id)));
create policy quiz_answers_update on quiz_answers for update
    using (corner_is_system() or (person_id = corner_person_id() and corner_is_bond_member(bond_id)))
    with check (corner_is_system() or (person_id = corner_person_id() and corner_is_bond_member(bond_id)
        and not corner_quiz_revealed(round_id)));

-- Whether someone finished is as private as their answers until the reveal.
alter table quiz_finishes enable row level security;
alter table quiz_finishes force row level security;
create policy quiz_finishes_read on quiz_finishes for select
    using (corner_is_system() or (corner_is_bond_member(bond_id)
        and (person_id = corner_person_id() or corner_quiz_revealed(round_id))));
create policy quiz_finishes_insert on quiz_finishes for insert
    with check (corner_is_system() or (person_id = corner_person_id() and corner_is_bond_member(bond_id)));
create policy quiz_finishes_update on quiz_finishes for update
    using (corner_is_system() or (person_id = corner_person_id() and corner_is_bond_member(bond_id)))
    with check (corner_is_system() or (person_id = corner_person_id() and corner_is_bond_member(bond_id)));

-- No update on quiz_rounds: only corner_quiz_reveal (as owner) changes a round.
grant select, insert on quiz_rounds to corner_app;
grant select, insert, update on quiz_answers, quiz_finishes to corner_app;
