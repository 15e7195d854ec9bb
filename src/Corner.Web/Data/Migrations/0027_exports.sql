-- 0027: a person's export (issue 14, item 2). One ZIP of everything that is theirs, built by the job queue and kept
-- sealed under their own data key (owner = the person, address exports/file/<id>) until it is downloaded; it can be
-- downloaded by its owner only, for 24 hours after it is ready, then the row (and with it the file) is deleted.
-- No words of anyone's are ever in plain text here.
create table exports (
    id uuid not null,
    person_id uuid not null,
    state text not null,
    progress smallint not null default 0,
    file_cipher bytea,
    file_size integer,
    requested_at timestamp with time zone not null,
    ready_at timestamp with time zone,
    expires_at timestamp with time zone not null,
    constraint pk_exports primary key (id),
    constraint fk_exports_person_id foreign key (person_id) references people (id) on delete cascade,
    constraint ck_exports_state check (state in ('queued', 'building', 'ready', 'failed')),
    constraint ck_exports_progress check (progress between 0 and 100)
);
create index ix_exports_person_id on exports (person_id, requested_at);
create index ix_exports_expires_at on exports (expires_at);

alter table exports enable row level security;
alter table exports force row level security;
create policy exports_own on exports for all
    using (corner_is_system() or person_id = corner_person_id())
    with check (corner_is_system() or person_id = corner_person_id());
grant select, insert, update, delete on exports to corner_app;
