-- Campaign schedules: a definition starts a campaign every period from next_start_at (NONE: only by
-- hand). Definitions made before schedules existed keep starting by hand.
ALTER TABLE access_campaign_definition
    ADD COLUMN schedule VARCHAR(16) NOT NULL DEFAULT 'NONE'
        CHECK (schedule IN ('NONE', 'MONTHLY', 'QUARTERLY', 'SEMIANNUAL', 'ANNUAL')),
    ADD COLUMN next_start_at TIMESTAMPTZ,
    -- NAMED: the reviewers decide every item. MANAGERS: each account's manager decides it, the
    -- reviewers (fallback reviewers) decide items whose subject has no manager.
    ADD COLUMN reviewer_mode VARCHAR(16) NOT NULL DEFAULT 'NAMED'
        CHECK (reviewer_mode IN ('NAMED', 'MANAGERS'));

CREATE INDEX access_campaign_definition_due ON access_campaign_definition (next_start_at)
    WHERE schedule <> 'NONE';

-- When the reviewers were reminded of undecided items; null: not yet.
ALTER TABLE access_campaign ADD COLUMN reminded_at TIMESTAMPTZ;

-- MANAGERS campaigns: the manager (account id) who decides the item; null: the fallback reviewers.
ALTER TABLE access_campaign_item ADD COLUMN reviewer VARCHAR(255);
