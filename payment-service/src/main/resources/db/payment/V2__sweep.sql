-- the lost-notification sweep: when to ask the platform next about an undecided attempt
alter table payment_attempts add column checks integer not null default 0;
alter table payment_attempts add column next_check_at timestamptz;
update payment_attempts set next_check_at = updated_at where status in ('PENDING', 'UNKNOWN');
create index payment_attempts_due on payment_attempts (next_check_at) where status in ('PENDING', 'UNKNOWN');
