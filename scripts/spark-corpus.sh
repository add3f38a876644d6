#!/usr/bin/env bash
# Runs Spark's SQL test corpus through Sluice and reports what matches Spark's golden answers.
#   scripts/spark-corpus.sh                       every top-level file of sql-tests/inputs
#   scripts/spark-corpus.sh string-functions.sql --show-failures string-functions.sql
#   scripts/spark-corpus.sh --all                 every file, all folders
# Options are CorpusRunner's (--help); docs/spark-corpus.md explains the report.
# SKIP_BUILD=1 reuses the last build of sluice-sqltests (and of sluice-core in it).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${SKIP_BUILD:-}" != 1 ]; then
  mvn -q -B -ntp -Pspark-corpus -pl sluice-sqltests -am package -DskipTests
fi
exec java -Xmx2g -XX:+UseParallelGC ${CORPUS_JAVA_OPTS:-} \
  -cp "sluice-sqltests/target/sluice-sqltests.jar:sluice-sqltests/target/lib/*" \
  dev.sluice.sqltests.CorpusRunner "$@"
