#!/usr/bin/env bash
# Records per second for Kafka -> filter/projection -> Kafka with 100-byte JSON records: Sluice (at
# least once and exactly once) next to a plain kafka-clients consume-filter-produce loop, against an
# embedded single-node broker on this machine.
#   scripts/kafka-bench.sh [records=1000000] [partitions=4] [bootstrap servers: default an embedded broker]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -ntp -DskipTests -pl sluice-kafka -am install >&2
CP_FILE="$(mktemp)"
mvn -q -B -ntp -pl sluice-kafka dependency:build-classpath -Dmdep.outputFile="$CP_FILE" -Dmdep.includeScope=compile >&2
# This checkout's sluice-core first: ~/.m2 may hold another checkout's build of it.
CP="sluice-kafka/target/classes:sluice-core/target/classes:$(cat "$CP_FILE")"
rm -f "$CP_FILE"
echo "java -cp \"\$CP\" dev.sluice.kafka.KafkaBenchmark $*" >&2
exec java -Xmx4g -XX:+UseParallelGC -Dorg.slf4j.simpleLogger.defaultLogLevel=error -Dorg.slf4j.simpleLogger.log.dev.sluice=${SLUICE_BENCH_LOG:-error} -Dorg.slf4j.simpleLogger.showDateTime=true -Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS -cp "$CP" \
  dev.sluice.kafka.KafkaBenchmark "$@"
