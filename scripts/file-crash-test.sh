#!/usr/bin/env bash
# Kills a checkpointed file-to-file streaming job (json files in, partitioned json files out) with
# SIGKILL at random moments, many times, and checks that the output folder, read through its sink
# log, holds exactly the rows of the uninterrupted run (no row lost, none written twice).
#   scripts/file-crash-test.sh [runs=50] [kills-per-run=5]
# Prints one line per run and "N/N identical"; exits non-zero if any run differs.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS="${1:-50}"
KILLS="${2:-5}"
mvn -q -B -ntp -DskipTests install >&2
mvn -q -B -ntp -pl sluice-core test-compile >&2
CP_FILE="$(mktemp)"
mvn -q -B -ntp -pl sluice-core dependency:build-classpath -Dmdep.outputFile="$CP_FILE" -Dmdep.includeScope=test >&2
CP="sluice-core/target/test-classes:sluice-core/target/classes:$(cat "$CP_FILE")"
rm -f "$CP_FILE"
WORK="$(mktemp -d -t sluice-file-crash.XXXXXX)"
echo "file crash test: $RUNS runs x $KILLS SIGKILLs, work dir $WORK" >&2
java -cp "$CP" dev.sluice.crash.FileCrashDriver "$RUNS" "$KILLS" "$WORK"
