-- A streaming job in SQL only: the built-in rate source (rows with `timestamp` and `value`)
-- aggregated into a running count per key, printed to the console every 2 seconds.
-- Run it with:  ./sluice run examples/rate-counts.sql      (Ctrl-C stops it gracefully)

CREATE TABLE ticks USING rate OPTIONS (rowsPerSecond '10');

CREATE TABLE counts USING console OPTIONS (
  outputMode 'complete',
  trigger 'processingTime=2 seconds',
  queryName 'rate_counts'
);

INSERT INTO counts
SELECT value % 3 AS key, count(*) AS events, min(value) AS first_value, max(value) AS last_value
FROM STREAM(ticks)
GROUP BY value % 3
ORDER BY key;
