-- The correlation ID of the request that wrote an event, relayed as its ce_correlationid extension.
-- Repeatable and idempotent rather than V0_3: databases already past their services' V1.. would
-- refuse a versioned migration numbered below the versions they have applied.
ALTER TABLE vigil_outbox ADD COLUMN IF NOT EXISTS correlation_id TEXT;
