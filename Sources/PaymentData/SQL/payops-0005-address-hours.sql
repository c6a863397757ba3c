-- payops' own tables, version 5: Suspicious IPs at 10 M payments (issue 12). A read first finds, from per-hour
-- sums, the addresses that may be over the threshold, then counts those addresses exactly from their minute
-- buckets; and a window's partial first and last minutes are read from buckets too, not raw.

-- first_at: a bucket's first attempt. A bucket wholly inside a window (first_at after its start, last_at at or
-- before its end) counts as is; only one that straddles an edge is read raw. NULL where unknown (buckets written
-- before this version with more than one attempt): such a bucket is read raw when it meets an edge.
ALTER TABLE payops.rollup_ip_attempts ADD COLUMN first_at timestamptz;
UPDATE payops.rollup_ip_attempts SET first_at = last_at WHERE attempts = 1;
DROP INDEX payops.rollup_ip_attempts_minute;
CREATE INDEX rollup_ip_attempts_minute ON payops.rollup_ip_attempts (minute)
    INCLUDE (ip_address, payment_id, user_id, card, attempts, first_at, last_at);
-- One address's buckets in a window: the exact count of the addresses that may be over the threshold.
CREATE INDEX rollup_ip_attempts_address ON payops.rollup_ip_attempts (ip_address, minute)
    INCLUDE (payment_id, user_id, card, attempts, first_at, last_at);

-- Attempts per UTC hour and address (not NULL): always the sum of that hour's minute buckets
-- (payops.rollup_ip_replace keeps them so, in the step's transaction). A sum of zero is not kept.
CREATE TABLE payops.rollup_ip_hours (
    hour timestamptz NOT NULL,
    ip_address inet NOT NULL,
    attempts bigint NOT NULL,
    PRIMARY KEY (hour, ip_address) INCLUDE (attempts)
);
INSERT INTO payops.rollup_ip_hours (hour, ip_address, attempts)
SELECT date_trunc('hour', x.minute AT TIME ZONE 'UTC') AT TIME ZONE 'UTC', x.ip_address, sum(x.attempts)
FROM payops.rollup_ip_attempts x WHERE x.ip_address IS NOT NULL
GROUP BY 1, 2 HAVING sum(x.attempts) <> 0;
