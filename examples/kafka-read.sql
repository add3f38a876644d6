-- Reads what kafka-page-views.sql wrote, as a batch query: the latest count per page, from the
-- committed transactions only.
--   ./sluice run examples/kafka-read.sql
CREATE TABLE page_view_counts USING kafka OPTIONS (
  'kafka.bootstrap.servers' '127.0.0.1:9092',
  'subscribe' 'page-view-counts',
  'kafka.isolation.level' 'read_committed');
SELECT CAST(key AS STRING) AS page, max_by(CAST(value AS STRING), offset) AS latest, count(*) AS updates
FROM page_view_counts GROUP BY CAST(key AS STRING) ORDER BY page;
