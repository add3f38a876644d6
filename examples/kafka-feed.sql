-- Feeds the Kafka topic page-views with 20 page views a second from the built-in rate source.
-- Needs a broker on 127.0.0.1:9092: run ./sluice kafka-dev in another terminal first.
--   ./sluice run examples/kafka-feed.sql          (Ctrl-C stops it)
-- Then count the views with examples/kafka-page-views.sql.
CREATE TABLE ticks USING rate OPTIONS (rowsPerSecond '20');
CREATE TABLE page_views USING kafka OPTIONS (
  'kafka.bootstrap.servers' '127.0.0.1:9092',
  'topic' 'page-views');
INSERT INTO page_views
SELECT concat('page-', CAST(value % 5 AS STRING)) AS key,
       concat('{"page":"page-', CAST(value % 5 AS STRING), '","seq":', CAST(value AS STRING), '}') AS value
FROM STREAM(ticks);
