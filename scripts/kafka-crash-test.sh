#!/usr/bin/env bash
# Kills a Kafka -> Kafka streaming job with the exactly-once sink with SIGKILL at random moments,
# many times, and checks with a read_committed consumer that the output holds each expected record
# exactly once (none lost, none duplicated). Starts its own embedded broker.
#   scripts/kafka-crash-test.sh [runs=20] [kills-per-run=5]
# Prints one line per run and "N/N identical"; exits non-zero if any run differs.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS="${1:-20}"
KILLS="${2:-5}"
mvn -q -B -ntp -DskipTests -pl sluice-kafka -am install >&2
mvn -q -B -ntp -pl sluice-kafka test-compile >&2
CP_FILE="$(mktemp)"
mvn -q -B -ntp -pl sluice-kafka dependency:build-classpath -Dmdep.outputFile="$CP_FILE" -Dmdep.includeScope=test >&2
# This checkout's sluice-core first: ~/.m2 may hold another checkout's build of it.
CP="sluice-kafka/target/test-classes:sluice-kafka/target/classes:sluice-core/target/classes:$(cat "$CP_FILE")"
rm -f "$CP_FILE"
WORK="$(mktemp -d)"
echo "kafka crash test: $RUNS runs x $KILLS SIGKILLs, work dir $WORK" >&2
java -Dorg.slf4j.simpleLogger.defaultLogLevel=error -cp "$CP" dev.sluice.kafka.crash.KafkaCrashDriver \
  "$RUNS" "$KILLS" "$WORK"
