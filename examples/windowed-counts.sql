-- Event-time windows in SQL: counts per 10-second window of the rate source's timestamps, with a
-- 5-second watermark. In append mode each window is printed exactly once, when the watermark
-- passes its end; the checkpoint makes the job resume where it stopped.
-- Run it with:  ./sluice run examples/windowed-counts.sql      (Ctrl-C stops it gracefully)

CREATE TABLE ticks USING rate OPTIONS (rowsPerSecond '20');

CREATE TABLE windows USING console OPTIONS (
  outputMode 'append',
  checkpointLocation '/tmp/sluice-examples/windowed-counts',
  queryName 'windowed_counts'
);

INSERT INTO windows
SELECT window.start AS window_start, window.end AS window_end,
       count(*) AS events, sum(value % 2) AS odd_values
FROM STREAM(ticks) WATERMARK timestamp DELAY OF INTERVAL 5 SECONDS
GROUP BY window(timestamp, '10 seconds');
