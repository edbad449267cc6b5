-- Accounts (issue 8): an administrator's password reset issues a temporary password that must be
-- changed at the next login; the flag is cleared by the user's own password change.
alter table users add column must_change_password boolean not null default false;
alter table users add column password_changed_at timestamptz;
