-- 0023: every live event, kept for a day, so a stream that reconnects (to the same node or another one,
-- after a node died or the database restarted) asks for what it missed with Last-Event-ID instead of
-- losing it. Ids and kinds only, never anything a person wrote, as in the NOTIFY payload.

create table live_events (
    id bigint generated always as identity,
    recipient_id uuid not null,
    bond_id uuid not null,
    kind text not null,
    item_id uuid not null,
    -- The sending transaction's start: a reconnecting stream looks back a little before its last event
    -- from here, because transactions commit in their own order, not in the order of their ids.
    created_at timestamp with time zone not null default now(),
    constraint pk_live_events primary key (id),
    constraint fk_live_events_recipient_id foreign key (recipient_id) references people (id) on delete cascade,
    constraint fk_live_events_bond_id foreign key (bond_id) references bonds (id) on delete cascade
);

create index ix_live_events_recipient_id_created_at on live_events (recipient_id, created_at);
create index ix_live_events_created_at on live_events (created_at);

alter table live_events enable row level security;
alter table live_events force row level security;
-- A person reads only the events sent to them.
create policy live_events_read on live_events for select
    using (corner_is_system() or recipient_id = corner_person_id());
-- A member tells another current member of the same space (LiveEvents checks the recipient first).
create policy live_events_insert on live_events for insert
    with check (corner_is_system() or (corner_is_bond_member(bond_id) and recipient_id <> corner_person_id()));
-- Only housekeeping removes them.
create policy live_events_delete on live_events for delete
    using (corner_is_system());

grant select, insert, delete on live_events to corner_app;
