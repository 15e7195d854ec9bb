-- 0006: opt-in check-in reminders (DESIGN §2 "no guilt mechanics") and the PostgreSQL-backed job
-- queue that sends them. The queue lives in the database so nothing is lost on a restart, and
-- `for update skip locked` lets several app nodes share it without running a job twice.

-- One row per person who has chosen reminder settings. Times are wall-clock times in the person's
-- own time zone (people.time_zone); the app turns them into instants, daylight saving included.
create table reminder_settings (
    person_id uuid not null,
    enabled boolean not null,
    local_time time not null,
    -- optional quiet hours; both or neither, and they may wrap midnight (22:00-07:00)
    quiet_start time,
    quiet_end time,
    -- the emailed one-click stop link carries a token; only its hash is stored
    unsubscribe_token_hash bytea not null,
    updated_at timestamp with time zone not null,
    constraint pk_reminder_settings primary key (person_id),
    constraint fk_reminder_settings_person_id foreign key (person_id) references people (id) on delete cascade,
    constraint ck_reminder_settings_quiet check ((quiet_start is null) = (quiet_end is null) and (quiet_start is null or quiet_start <> quiet_end))
);
create unique index ix_reminder_settings_unsubscribe_token_hash on reminder_settings (unsubscribe_token_hash);

alter table reminder_settings enable row level security;
alter table reminder_settings force row level security;
create policy reminder_settings_own on reminder_settings for all
    using (corner_is_system() or person_id = corner_person_id())
    with check (corner_is_system() or person_id = corner_person_id());

-- Background work. Payloads hold ids and dates only, never anything a person wrote; last_error holds
-- an exception type, never a message that could carry personal data.
create table jobs (
    id bigint generated always as identity,
    kind text not null,
    payload jsonb not null,
    run_at timestamp with time zone not null,
    attempts integer not null default 0,
    -- a worker's lease: while it lies in the future, other workers leave the job alone
    locked_until timestamp with time zone,
    done_at timestamp with time zone,
    last_error text,
    -- at most one job per key, ever (e.g. reminder:{person}:{local date}): the queue's idempotency
    dedupe_key text,
    constraint pk_jobs primary key (id),
    constraint ck_jobs_last_error check (last_error is null or length(last_error) <= 200)
);
create unique index ix_jobs_dedupe_key on jobs (dedupe_key);
-- Workers look for due jobs that are not done yet.
create index ix_jobs_run_at on jobs (run_at) where done_at is null;

-- Only background work (system scope) sees the queue, so a bug in a page can never leak it.
alter table jobs enable row level security;
alter table jobs force row level security;
create policy jobs_system on jobs for all
    using (corner_is_system())
    with check (corner_is_system());

grant select, insert, update, delete on reminder_settings, jobs to corner_app;
grant usage on sequence jobs_id_seq to corner_app;
