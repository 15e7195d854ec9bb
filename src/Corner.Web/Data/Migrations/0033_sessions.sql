-- 0033: the devices a person is signed in on (issue 14, item 1), so the privacy centre can list them and sign out
-- one of them. One row per browser cookie or API token; the cookie or token carries the row's id, and a row that is
-- gone (signed out there, signed out from another device, expired) ends it. What a row holds is only what lets
-- a person recognise a device: the browser and platform names (never the full user agent) and the network the
-- last request came from, shortened to its first part (an IPv4 /24, an IPv6 /48; never a whole address).
-- stamp_hash is a SHA-256 of the security stamp the session was signed in under: after "sign out everywhere", a
-- password change or reset, the rows under an old stamp no longer count and housekeeping removes them.
create table sessions (
    id uuid not null,
    person_id uuid not null,
    kind text not null,
    browser text,
    platform text,
    network text,
    stamp_hash text not null,
    signed_in_at timestamp with time zone not null,
    last_seen_at timestamp with time zone not null,
    constraint pk_sessions primary key (id),
    constraint fk_sessions_person_id foreign key (person_id) references people (id) on delete cascade,
    constraint ck_sessions_kind check (kind in ('browser', 'api')),
    constraint ck_sessions_lengths check (length(browser) <= 40 and length(platform) <= 40 and length(network) <= 64
        and length(stamp_hash) = 64)
);
create index ix_sessions_person_id on sessions (person_id, last_seen_at);

alter table sessions enable row level security;
alter table sessions force row level security;
create policy sessions_own on sessions for all
    using (corner_is_system() or person_id = corner_person_id())
    with check (corner_is_system() or person_id = corner_person_id());
grant select, insert, update, delete on sessions to corner_app;
