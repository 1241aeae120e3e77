-- Customers' mail replies already added to a timeline (by message reference), so two nodes polling the same
-- mailbox, or a mail read again, add a reply once. New complaints need no table: their reference is external_ref.
create table mailbox_reply (
    message_ref  varchar(64)  not null primary key,
    case_number  varchar(32)  not null references complaint (case_number),
    handled_at   timestamp with time zone not null
);
