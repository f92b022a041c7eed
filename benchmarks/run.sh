#!/usr/bin/env bash
# The warm-path benchmarks of issue #6 (JMH), in one run of about 5 minutes on a 2-core machine:
#   - DecisionBenchmark: the floor (one SHA256withRSA 2048-bit verify over the benchmark token's own
#     signing input), core verification with the key set cached, each handler (TOKEN, REQUEST, HTTP
#     API 2.0) from event object to response object with a token verified in full ("warm") and with
#     a token seen before ("repeat", the verified-token cache), and the runtime's serialisation of
#     the response and of the event; the floor and the warm handlers get a second pass, minutes later;
#   - CryptoProviderBenchmark: RS256 and ES256, floor and whole verification, JDK vs ACCP;
#   - the floor and every handler again under -XX:TieredStopAtLevel=1 (C1 only), the JIT setting
#     Lambda's Java runtime starts the JVM with unless JAVA_TOOL_OPTIONS says otherwise;
#   - CacheFootprint: the heap one verified-token cache entry holds (or that this build has no cache).
# The benchmark token is a realistic Auth0 access token asking for GET /experiments, which the bundled
# access rules allow it; every benchmark checks at set-up that its decisions are Allows and the run
# fails otherwise.
#
# Prints a table, then last the line
#   warm-decision/floor=R1 repeat-token/floor=R2
# (worst of the three handlers each, over the floor measured in the same JVM, under C1; the same line
# for full C2 is printed just before it). Ratios use each benchmark's best 1-s iteration (noise on a
# shared machine only adds time); medians are printed too.
#
# Environment:
#   BENCH_QUICK=1  a smoke run (about 1.5 minutes): one 1-s warm-up and one 1-s iteration each, no
#                  second pass, a small cache footprint; proves that everything runs, measures nothing
#                  (QUICK=1 is accepted too)
#   SKIP_BUILD=1   use the jars already in benchmarks/target and authorizer/target
#   JMH_ARGS       extra JMH options for every pass, e.g. JMH_ARGS="-prof gc"
# Results (JMH JSON) are kept in benchmarks/target/results/.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
out="$here/target/results"
jar="$here/target/benchmarks.jar"
quick="${BENCH_QUICK:-${QUICK:-0}}"
case "$quick" in
  0|1) ;;
  *) echo "run.sh: BENCH_QUICK must be 0 or 1, not '$quick'" >&2; exit 2 ;;
esac
cd "$root"

command -v java >/dev/null || { echo "run.sh: java (JDK 17+) is needed" >&2; exit 2; }
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  command -v mvn >/dev/null || { echo "run.sh: mvn is needed to build the benchmarks" >&2; exit 2; }
  echo "run.sh: building (mvn -B -q package -pl benchmarks -am -DskipTests)..." >&2
  mvn -B -q package -pl benchmarks -am -DskipTests >&2
fi
[ -f "$jar" ] || { echo "run.sh: $jar is missing (build it, or drop SKIP_BUILD=1)" >&2; exit 2; }
mkdir -p "$out"
rm -f "$out"/*.json

if [ "$quick" = 1 ]; then
  timing=(-f 1 -wi 1 -w 1s -i 1 -r 1s)
  short=(-f 1 -wi 1 -w 1s -i 1 -r 1s)
  footprint_entries=300
else
  # Under load the handlers need ~6 s before C2 has compiled their whole path; measure after that.
  timing=(-f 1 -wi 6 -w 1s -i 4 -r 1s)
  # The crypto benchmarks are a few methods deep, and C1 alone compiles fast: both warm up in seconds.
  short=(-f 1 -wi 3 -w 1s -i 3 -r 1s)
  footprint_entries=2000
fi
# -foe true: a failed set-up check (a decision that is not an Allow) fails the run instead of a number.
# shellcheck disable=SC2086
jmh() { java -jar "$jar" "$@" -foe true ${JMH_ARGS:-} >&2; }

echo "run.sh: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -n 1)" >&2
# C2 pass 1: everything. The floor and the warm handlers get a second pass after the others, minutes
# later, so that a burst of load from other processes cannot spoil every iteration of one of them.
jmh 'DecisionBenchmark\.(floor|coreVerify|warm.*|repeat.*|runtime.*)$' "${timing[@]}" -rf json -rff "$out/decision.json"
jmh 'CryptoProviderBenchmark' "${short[@]}" -rf json -rff "$out/crypto.json"
jmh 'DecisionBenchmark\.(floor|warm.*|repeat.*)$' "${short[@]}" -jvmArgsAppend -XX:TieredStopAtLevel=1 \
  -rf json -rff "$out/c1-decision.json"
results=("$out/decision.json")
if [ "$quick" != 1 ]; then
  jmh 'DecisionBenchmark\.(floor|warm.*)$' "${timing[@]}" -rf json -rff "$out/decision-2.json"
  results+=("$out/decision-2.json")
fi

echo >&2
java -cp "$jar" dev.labauth.benchmarks.CacheFootprint "$footprint_entries"
java -cp "$jar" dev.labauth.benchmarks.report.JmhReport "${results[@]}" "$out/crypto.json" "$out/c1-decision.json"
