-- 0034: the outside view (issue 12). A counsellor is an account of its own kind (people.kind = 'counsellor').
-- A member of a space proposes a grant: which parts of the space a counsellor may read (scopes), the range of days
-- that is visible, an expiry, a purpose; the counsellor takes it with a one-time link (only its SHA-256 is kept).
-- The grant is active only while it is taken, not revoked, not expired, and both current members consented to
-- its current version; a changed proposal is a new version and needs both again. corner_can gains the
-- counsellor, read only, for the features the scopes name: the database itself never lets a counsellor write.

alter table people add column kind character varying(16) not null default 'person';
alter table people add column practice_name character varying(120);
alter table people add constraint ck_people_kind check (kind in ('person', 'counsellor'));

create table counsellor_grants (
    id uuid not null,
    bond_id uuid not null,
    proposed_by uuid not null,
    counsellor_id uuid,
    token_hash bytea not null,
    token_expires_at timestamp with time zone not null,
    -- trends, check-ins, moments, moment-words, reconnection, cycle, map-areas, map-answers, quiz (CounselScopes)
    scopes text[] not null,
    visible_from date not null,
    visible_until date,
    expires_at timestamp with time zone not null,
    -- how the counsellor sees the space's name, and why the grant is made, under the space's key
    shown_as_cipher bytea not null,
    purpose_cipher bytea,
    version integer not null,
    created_at timestamp with time zone not null,
    changed_at timestamp with time zone not null,
    taken_at timestamp with time zone,
    revoked_at timestamp with time zone,
    revoked_by uuid,
    constraint pk_counsellor_grants primary key (id),
    constraint fk_counsellor_grants_bond_id foreign key (bond_id) references bonds (id) on delete cascade,
    constraint fk_counsellor_grants_proposed_by foreign key (proposed_by) references people (id),
    constraint fk_counsellor_grants_counsellor_id foreign key (counsellor_id) references people (id),
    constraint ck_counsellor_grants_scopes check (cardinality(scopes) between 1 and 16),
    constraint ck_counsellor_grants_range check (visible_until is null or visible_until >= visible_from)
);
create index ix_counsellor_grants_bond_id on counsellor_grants (bond_id, created_at);
create index ix_counsellor_grants_counsellor_id on counsellor_grants (counsellor_id) where counsellor_id is not null;
create unique index ix_counsellor_grants_token_hash on counsellor_grants (token_hash);

create table counsellor_consents (
    grant_id uuid not null,
    bond_id uuid not null,
    person_id uuid not null,
    version integer not null,
    consented_at timestamp with time zone not null,
    constraint pk_counsellor_consents primary key (grant_id, person_id),
    constraint fk_counsellor_consents_grant_id foreign key (grant_id) references counsellor_grants (id) on delete cascade,
    constraint fk_counsellor_consents_person_id foreign key (person_id) references people (id)
);

-- The features (corner_can's names) a grant's scopes let a counsellor read. What a scope shows within a feature
-- (aggregates only for trends, moments without their words) is the app's part.
create function corner_scope_features(scopes text[]) returns text[]
    language sql immutable
    as $$ select coalesce(array_agg(distinct f), '{}') from (
        select case s
            when 'trends' then 'check-ins'
            when 'check-ins' then 'check-ins'
            when 'moments' then 'moments'
            when 'moment-words' then 'moments'
            when 'reconnection' then 'reconnection'
            when 'cycle' then 'cycle-map'
            when 'map-areas' then 'partner-map'
            when 'map-answers' then 'partner-map'
            when 'quiz' then 'quiz'
        end as f
        from unnest(scopes) s) x where f is not null $$;

-- Whether a grant is active now: taken, not revoked or expired, and both current members consented to this version.
create function corner_grant_is_active(grant_id uuid) returns boolean
    language sql stable security definer set search_path = public
    as $$ select exists (select 1 from counsellor_grants g
        where g.id = grant_id and g.counsellor_id is not null and g.revoked_at is null and g.expires_at > now()
          and (select count(*) from counsellor_consents c
               join bond_members m on m.bond_id = g.bond_id and m.person_id = c.person_id and m.left_at is null
               where c.grant_id = g.id and c.version = g.version) = 2) $$;

-- Whether the acting person is a counsellor, signing in with two steps, with an active grant of `bond` that covers
-- `feature`; 'space' (the space's name, its members' names, its key) comes with every active grant.
create function corner_counsels(bond uuid, feature text) returns boolean
    language sql stable security definer set search_path = public
    as $$ select exists (select 1 from counsellor_grants g
        join people p on p.id = g.counsellor_id and p.kind = 'counsellor' and p.two_factor_enabled
        where g.bond_id = bond and g.counsellor_id = corner_person_id() and g.revoked_at is null and g.expires_at > now()
          and (feature = 'space' or feature = any (corner_scope_features(g.scopes)))
          and corner_grant_is_active(g.id)) $$;

-- The one rule, now with the counsellor (read only) and the grants themselves ('counsel', members only).
create or replace function corner_can(bond uuid, feature text, action text) returns boolean
    language sql stable security definer set search_path = public
    as $$ select case
        when feature not in ('space', 'audit', 'check-ins', 'partner-map', 'appreciations', 'moments',
                             'cycle-map', 'reconnection', 'quiz', 'counsel')
            or action not in ('read', 'write') then false
        when corner_is_system() then true
        when action = 'write' then exists (
            select 1 from bond_members m
            where m.bond_id = bond and m.person_id = corner_person_id() and m.left_at is null)
        else exists (
            select 1 from bond_members m
            where m.bond_id = bond and m.person_id = corner_person_id())
            or (feature <> 'counsel' and corner_counsels(bond, feature))
        end $$;

-- Who may see whose name: besides the people one shares a space with, the members of a space see the counsellor
-- who took one of its grants, and a counsellor with an active grant sees the space's members.
create function corner_counsel_knows(other uuid) returns boolean
    language sql stable security definer set search_path = public
    as $$ select exists (
            select 1 from counsellor_grants g
            join bond_members m on m.bond_id = g.bond_id and m.person_id = corner_person_id() and m.left_at is null
            where g.counsellor_id = other)
        or exists (
            select 1 from counsellor_grants g
            join bond_members m on m.bond_id = g.bond_id and m.person_id = other
            where g.counsellor_id = corner_person_id() and corner_grant_is_active(g.id)) $$;

drop policy people_read on people;
create policy people_read on people for select
    using (corner_is_system() or id = corner_person_id() or corner_shares_bond_with(id) or corner_counsel_knows(id));

-- A counsellor's reads are on the record of the space (audit_events.kind = 'counsel.read').
drop policy audit_events_insert on audit_events;
create policy audit_events_insert on audit_events for insert
    with check (corner_acts_as(person_id)
        and (bond_id is null or corner_can(bond_id, 'audit', 'read') or corner_has_been_in_bond(bond_id)
             or corner_counsels(bond_id, 'space')));

alter table counsellor_grants enable row level security;
alter table counsellor_grants force row level security;
-- Members read and change their space's grants; a counsellor reads the grants they took (the desk), never
-- changes one (taking a link runs in system scope).
create policy counsellor_grants_read on counsellor_grants for select
    using (corner_can(bond_id, 'counsel', 'read') or (counsellor_id is not null and corner_acts_as(counsellor_id)));
create policy counsellor_grants_insert on counsellor_grants for insert
    with check (corner_can(bond_id, 'counsel', 'write') and corner_acts_as(proposed_by));
create policy counsellor_grants_update on counsellor_grants for update
    using (corner_can(bond_id, 'counsel', 'write'))
    with check (corner_can(bond_id, 'counsel', 'write'));

alter table counsellor_consents enable row level security;
alter table counsellor_consents force row level security;
-- Each member consents only for themselves, also at the database level.
create policy counsellor_consents_read on counsellor_consents for select
    using (corner_can(bond_id, 'counsel', 'read'));
create policy counsellor_consents_insert on counsellor_consents for insert
    with check (corner_can(bond_id, 'counsel', 'write') and corner_acts_as(person_id));
create policy counsellor_consents_update on counsellor_consents for update
    using (corner_can(bond_id, 'counsel', 'write') and corner_acts_as(person_id))
    with check (corner_can(bond_id, 'counsel', 'write') and corner_acts_as(person_id));
create policy counsellor_consents_delete on counsellor_consents for delete
    using (corner_can(bond_id, 'counsel', 'write'));

revoke all on function corner_grant_is_active(uuid), corner_counsels(uuid, text), corner_counsel_knows(uuid) from public;
grant execute on function corner_scope_features(text[]), corner_grant_is_active(uuid), corner_counsels(uuid, text),
    corner_counsel_knows(uuid) to corner_app;
grant select, insert, update on counsellor_grants to corner_app;
grant select, insert, update, delete on counsellor_consents to corner_app;
