-- 0019: Web Push (issue 15). A person opts in per device; each device's subscription is theirs alone.
-- Messages never carry anything anyone wrote ("Sam checked in"), so the subscription keys are the only
-- secrets here: the endpoint is a capability URL at the browser's push service, p256dh and auth are the
-- device's public key and shared secret that the message is encrypted to (RFC 8291).
create table push_subscriptions (
    id uuid not null,
    person_id uuid not null,
    endpoint text not null,
    p256dh text not null,
    auth text not null,
    created_at timestamp with time zone not null,
    constraint pk_push_subscriptions primary key (id),
    constraint fk_push_subscriptions_person_id foreign key (person_id) references people (id) on delete cascade,
    constraint ck_push_subscriptions_endpoint check (length(endpoint) <= 2048 and length(p256dh) <= 200 and length(auth) <= 100)
);
-- One row per device: subscribing again from the same browser replaces its keys.
create unique index ix_push_subscriptions_endpoint on push_subscriptions (endpoint);
create index ix_push_subscriptions_person_id on push_subscriptions (person_id);

alter table push_subscriptions enable row level security;
alter table push_subscriptions force row level security;
create policy push_subscriptions_own on push_subscriptions for all
    using (corner_is_system() or person_id = corner_person_id())
    with check (corner_is_system() or person_id = corner_person_id());
grant select, insert, update, delete on push_subscriptions to corner_app;

-- This installation's VAPID key pair (RFC 8292), made on first use. The private key is sealed by the
-- master key, like the Data Protection keys, so a copy of the database alone cannot sign as this server.
-- One pair per master key: after a master-key change a new pair is made (devices then subscribe again).
create table push_vapid_keys (
    master_key_id text not null,
    public_key text not null,
    sealed_private_key bytea not null,
    created_at timestamp with time zone not null,
    constraint pk_push_vapid_keys primary key (master_key_id)
);
grant select, insert on push_vapid_keys to corner_app;
