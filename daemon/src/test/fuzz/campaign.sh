#!/usr/bin/env bash
# A long fuzzing campaign for one target, outside Maven (docs/RELIABILITY.md, "Fuzzing").
#   daemon/src/test/fuzz/campaign.sh io.blockhouse.scsi.CdbFuzzTest 1h
# Build first: mvn -o -q -B test-compile dependency:build-classpath -pl daemon -am -Dmdep.includeScope=test \
#                  -Dmdep.outputFile=target/fuzz-cp.txt
# The classes are copied first, so rebuilding the tree does not disturb a running campaign. Findings are written by
# Jazzer into src/test/resources/<package>/<Class>Inputs/<method>/ (crash-*), the corpus it grows into
# daemon/.cifuzz-corpus/; the log goes to daemon/target/fuzz/<Class>.log.
set -euo pipefail
cd "$(dirname "$0")/../../.."
target=${1:?fuzz test class}
duration=${2:-5m}
name=${target##*.}
snapshot=$(mktemp -d /tmp/blockhouse-fuzz-XXXXXX)
trap 'rm -rf "$snapshot"' EXIT
cp -r target/classes "$snapshot/classes"
cp -r target/test-classes "$snapshot/test-classes"
mkdir -p target/fuzz
JAZZER_FUZZ=1 java -Xmx2g -Dio.netty.leakDetection.level=paranoid -Djazzer.max_duration="$duration" \
    -cp "$snapshot/test-classes:$snapshot/classes:$(cat target/fuzz-cp.txt)" \
    io.blockhouse.FuzzCampaign "$target" >"target/fuzz/$name.log" 2>&1
