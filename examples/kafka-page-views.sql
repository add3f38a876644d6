-- Counts page views read from Kafka per page and writes the running counts back to Kafka, exactly
-- once: each micro-batch is one Kafka transaction, so a reader with isolation.level=read_committed
-- sees every update once, even if this job is killed and restarted (it resumes from its checkpoint).
--   ./sluice kafka-dev                          (terminal 1: a broker on 127.0.0.1:9092)
--   ./sluice run examples/kafka-feed.sql        (terminal 2: 20 page views a second)
--   ./sluice run examples/kafka-page-views.sql  (terminal 3: this job; Ctrl-C stops it gracefully)
--   ./sluice run examples/kafka-read.sql        (any time: the counts written so far)
CREATE TABLE page_views USING kafka OPTIONS (
  'kafka.bootstrap.servers' '127.0.0.1:9092',
  'subscribe' 'page-views',
  'startingOffsets' 'earliest',
  'maxOffsetsPerTrigger' '10000');
CREATE TABLE page_view_counts USING kafka OPTIONS (
  'kafka.bootstrap.servers' '127.0.0.1:9092',
  'topic' 'page-view-counts',
  'exactlyOnce' 'true',
  'outputMode' 'update',
  'trigger' 'processingTime=2 seconds',
  'checkpointLocation' '/tmp/sluice/kafka-page-views');
INSERT INTO page_view_counts
SELECT page AS key, concat(page, ' ', CAST(count(*) AS STRING)) AS value
FROM (SELECT CAST(key AS STRING) AS page FROM STREAM(page_views))
GROUP BY page;
