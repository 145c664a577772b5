-- The keys by which a merchant's own files name customers and products: the merchant's customer
-- number, email or phone, and the product code. Indexed per merchant for the set-based matching
-- of an import (email compared case-insensitively).
alter table users
    add column external_id text,
    add column phone       text;

create index users_merchant_external_id_idx on users (merchant_id, external_id);
create index users_merchant_email_idx on users (merchant_id, lower(email));
create index users_merchant_phone_idx on users (merchant_id, phone);
create index skus_merchant_code_idx on skus (merchant_id, code);
