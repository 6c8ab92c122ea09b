-- ListWallets pages through a principal's wallets in creation order.
CREATE INDEX wallets_by_owner ON wallets (principal_id, created_at_ms, wallet_id);
