-- script/bench --scale: grows a Corner database seeded with the demo to :people people in :people/2
-- two-person spaces, with a year of daily check-ins (shared into their space) for :sample of them.
-- Ciphertext is the app's own: each filler space carries the demo space's encrypted name and wrapped
-- data key (copied bytes, so sizes and formats are real). Under a new id they no longer decrypt (the
-- associated data names the row), which is fine: no one can see a filler space but its filler members,
-- who never sign in. The demo people's own rows are untouched, so their pages show the same content
-- at either size and any difference in the benchmark comes from the size of the tables alone.
\set ON_ERROR_STOP on
select set_config('corner.system', 'on', false);
begin;
create temporary table demo_bond on commit drop as
  select b.id, b.name_cipher, k.wrapped_key, k.master_key_id
  from bonds b join data_keys k on k.owner_id = b.id and k.version = 1
  order by b.created_at limit 1;

insert into people (id, display_name, time_zone, locale, created_at, user_name, normalized_user_name, email,
                    normalized_email, email_confirmed, security_stamp, concurrency_stamp, phone_number_confirmed,
                    two_factor_enabled, lockout_enabled, access_failed_count)
select md5('scale-person-' || g)::uuid, 'Person ' || g, 'Europe/London', 'en', now() - interval '400 days',
       'p' || g || '@scale.corner.local', 'P' || g || '@SCALE.CORNER.LOCAL',
       'p' || g || '@scale.corner.local', 'P' || g || '@SCALE.CORNER.LOCAL', true,
       md5(random()::text), md5(random()::text), false, false, true, 0
from generate_series(1, :people) g;

insert into bonds (id, kind, name_cipher, created_by, created_at)
select md5('scale-bond-' || g)::uuid, 'Partners', d.name_cipher, md5('scale-person-' || (2 * g - 1))::uuid,
       now() - interval '400 days'
from generate_series(1, :people / 2) g, demo_bond d;

insert into data_keys (owner_id, version, wrapped_key, master_key_id, created_at)
select md5('scale-bond-' || g)::uuid, 1, d.wrapped_key, d.master_key_id, now() - interval '400 days'
from generate_series(1, :people / 2) g, demo_bond d;

insert into bond_members (bond_id, person_id, joined_at, left_at)
select md5('scale-bond-' || g)::uuid, md5('scale-person-' || (2 * g - 1 + k))::uuid, now() - interval '400 days', null
from generate_series(1, :people / 2) g, generate_series(0, 1) k;

-- A year of daily check-ins for the sample, each shared into the person's space (notes left empty:
-- a note is optional, and the filler's would not decrypt anyway).
insert into check_ins (id, person_id, local_date, surface_feelings, underlying_feelings, intensity, created_at, updated_at)
select md5('scale-check-in-' || p || '-' || d)::uuid, md5('scale-person-' || p)::uuid, current_date - d,
       array['calm'], array['safe'], 1 + (p + d) % 5, now() - d * interval '1 day', now() - d * interval '1 day'
from generate_series(1, :sample) p, generate_series(0, 364) d;

insert into check_in_shares (check_in_id, bond_id, person_id, local_date, supported, shared_at)
select md5('scale-check-in-' || p || '-' || d)::uuid, md5('scale-bond-' || ((p + 1) / 2))::uuid,
       md5('scale-person-' || p)::uuid, current_date - d, 1 + (p * d) % 5, now() - d * interval '1 day'
from generate_series(1, :sample) p, generate_series(0, 364) d;
commit;
analyze people, bonds, data_keys, bond_members, check_ins, check_in_shares;
select (select count(*) from people) as people, (select count(*) from bonds) as spaces,
       (select count(*) from check_ins) as check_ins, (select count(*) from check_in_shares) as shares;
