"""The user's data: durable TinyDB files, the lock, records and migrations."""
