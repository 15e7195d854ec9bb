-- 0020: each person's choice of light or dark colours (or the device's), so Corner looks the same on every
-- device they sign in from. 'system' follows prefers-color-scheme.

alter table people add column theme character varying(8) not null default 'system'
    constraint ck_people_theme check (theme in ('system', 'light', 'dark'));
