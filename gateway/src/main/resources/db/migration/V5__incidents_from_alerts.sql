-- Incidents opened from security alerts: while one is open, later alerts on the same subject
-- join it instead of opening another.
ALTER TABLE incident ADD COLUMN opened_from VARCHAR(16) NOT NULL DEFAULT 'MANUAL';
ALTER TABLE incident ADD COLUMN alert_subject VARCHAR(512);
CREATE UNIQUE INDEX incident_open_per_alert_subject ON incident (alert_subject)
    WHERE status = 'OPEN' AND alert_subject IS NOT NULL;
