#!/usr/bin/env bash
# Cold start as a whole process (issue #6 §3), the way a Lambda cold start is felt: a fresh process
# loads the authorizer, builds it as Lambda's init does, fetches the issuer's JWKS over HTTPS (a
# self-signed server on 127.0.0.1 whose certificate each client is told to trust, beside the usual
# public CAs), decides one TOKEN event (AWS's sample, carrying a realistic Auth0 access token, for
# GET /experiments, which the bundled access rules allow) and exits. Every process must answer Allow,
# or the script stops.
#
# Java, each as on a 512 MB function (-XX:MaxRAM=512m, SerialGC), on a classpath of the authorizer's
# deployment jar + the runtime's serialisation library + the launcher class only:
#   java-plain               JVM defaults
#   java-c1                  -XX:TieredStopAtLevel=1 (Lambda's Java runtime default)
#   java-appcds              an AppCDS archive made by one training run (-XX:ArchiveClassesAtExit)
#   java-appcds-c1           both
#   java-appcds-c1-lazykeys  both, LABAUTH_PREFETCH_KEYS=false (only if the build reads that setting)
#   java-appcds-c1-stream    both, handler dev.labauth.authorizer.TokenStreamAuthorizer (only if the
#                            build has that class)
# A variant the build cannot run is skipped with a notice, not a failure.
# Node peers in the same run, interleaved: aws-jwt-verify, and jsonwebtoken + jwks-rsa (the stack of
# Auth0's sample authorizer), installed from the npm registry with `npm ci` into
# benchmarks/node/node_modules (git-ignored). Each round runs every variant once, so that load from
# other processes falls on all alike.
# Prints, per process: median / min / max wall time and median peak RSS (GNU time), then each Java
# variant's time and RSS over each Node peer's. Then "priming": the first decision in a fresh JVM after
# the SnapStart priming hook ran versus without it (only if the build has
# dev.labauth.authorizer.priming.Priming; otherwise a notice).
#
# Needs: a JDK 17+ (java, keytool, jar), Maven (unless SKIP_BUILD=1), Node 18+ with npm. Without Node
# it stops at once with a message (exit 2).
# Environment:
#   RUNS=N             rounds (default 9); RUNS=1 is a smoke run
#   SKIP_BUILD=1       use the jars already built
#   SKIP_PRIMING=1     leave out the priming comparison
#   MAX_SECONDS=N      lifetime of the JWKS server (default 900); it stops by itself
#   PROCESS_TIMEOUT=N  seconds one measured process may take (default 60)
#   NPM_TIMEOUT=N      seconds `npm ci` may take (default 300)
# Everything it writes goes to benchmarks/target/coldstart/ (and node_modules above).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
work="$here/target/coldstart"
runs="${RUNS:-9}"
process_timeout="${PROCESS_TIMEOUT:-60}"
# Settings are checked before anything is built or started: a typo must not cost a build.
for setting in "RUNS=$runs" "PROCESS_TIMEOUT=$process_timeout" "MAX_SECONDS=${MAX_SECONDS:-900}" "NPM_TIMEOUT=${NPM_TIMEOUT:-300}"; do
  case "${setting#*=}" in
    ''|*[!0-9]*|0*) echo "coldstart: ${setting%%=*} must be a whole number from 1 up, not '${setting#*=}'" >&2; exit 2 ;;
  esac
done
cd "$root"

say() { echo "coldstart: $*" >&2; }
die() { say "$*"; exit 2; }

# --- tools, checked before anything is built ----------------------------------------------------
command -v node >/dev/null || die "Node.js is needed for the Node peers and was not found on PATH (install Node 18+ with npm)"
command -v npm >/dev/null || die "npm is needed to install the Node peers and was not found on PATH"
node_major="$(node -p 'process.versions.node.split(".")[0]')"
[ "$node_major" -ge 18 ] || die "Node 18+ is needed (aws-jwt-verify requires it); found $(node -v)"
for tool in java keytool jar timeout; do
  command -v "$tool" >/dev/null || die "$tool is needed (a JDK 17+ and coreutils)"
done
if [ ! -x /usr/bin/time ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  say "installing GNU time (for peak RSS)"
  (timeout 180 apt-get update -qq && timeout 180 apt-get install -y -qq time) >/dev/null 2>&1 || true
fi
have_time=0
[ -x /usr/bin/time ] && have_time=1
[ "$have_time" = 1 ] || say "no /usr/bin/time: peak RSS will be reported as n/a"
if [ -n "${ACCESS_RULES:-}" ]; then
  say "ignoring ACCESS_RULES=$ACCESS_RULES: the token is made for the bundled rules"
  unset ACCESS_RULES
fi

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  command -v mvn >/dev/null || die "mvn is needed to build (or give SKIP_BUILD=1)"
  say "building (mvn -B -q package -pl benchmarks -am -DskipTests)"
  mvn -B -q package -pl benchmarks -am -DskipTests >&2
fi
if [ ! -d "$here/node/node_modules" ] || [ "$here/node/package-lock.json" -nt "$here/node/node_modules" ]; then
  say "installing the Node peers from the npm registry (benchmarks/node/node_modules)"
  (cd "$here/node" && timeout "${NPM_TIMEOUT:-300}" npm ci --no-audit --no-fund --loglevel=error >&2 && touch node_modules) \
    || die "npm ci failed or timed out in benchmarks/node (is the npm registry reachable?)"
fi

authorizer_jar="$root/authorizer/target/authorizer-lambda.jar"
launcher_jar="$(ls "$here"/target/labauth-benchmarks-*-launcher.jar 2>/dev/null | head -n 1 || true)"
serialization_jar="$here/target/runtime/aws-lambda-java-serialization.jar"
bench_jar="$here/target/benchmarks.jar"
for f in "$authorizer_jar" "$launcher_jar" "$serialization_jar" "$bench_jar"; do
  [ -n "$f" ] && [ -f "$f" ] || die "a built jar is missing (${f:-the launcher jar}); run without SKIP_BUILD=1"
done
cp="$authorizer_jar:$serialization_jar:$launcher_jar"
launcher=dev.labauth.benchmarks.coldstart.LambdaLauncher
handler=dev.labauth.authorizer.TokenAuthorizer
stream_handler=dev.labauth.authorizer.TokenStreamAuthorizer

rm -rf "$work"
mkdir -p "$work"

# --- what this build of the authorizer can do --------------------------------------------------
jar tf "$authorizer_jar" >"$work/authorizer-classes.txt"
has_stream=0
grep -qx "${stream_handler//.//}.class" "$work/authorizer-classes.txt" && has_stream=1
has_prefetch_switch=0
mkdir -p "$work/authorizer-classes"
(cd "$work/authorizer-classes" && jar xf "$authorizer_jar" dev/labauth)
grep -rqa LABAUTH_PREFETCH_KEYS "$work/authorizer-classes" && has_prefetch_switch=1
rm -rf "$work/authorizer-classes"

# --- TLS: a self-signed certificate for 127.0.0.1, trusted beside the JDK's and Node's own CAs ----
keytool -genkeypair -alias jwks -keyalg RSA -keysize 2048 -validity 2 -dname "CN=127.0.0.1" \
  -ext "SAN=ip:127.0.0.1,dns:localhost" -storetype PKCS12 -keystore "$work/server.p12" \
  -storepass changeit -keypass changeit >/dev/null 2>&1
keytool -exportcert -rfc -alias jwks -keystore "$work/server.p12" -storepass changeit -file "$work/cert.pem" >/dev/null 2>&1
java_home="$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"
cp "$java_home/lib/security/cacerts" "$work/cacerts"
chmod u+w "$work/cacerts"
keytool -importcert -noprompt -alias labauth-coldstart -file "$work/cert.pem" -keystore "$work/cacerts" \
  -storepass changeit >/dev/null 2>&1

# --- the issuer: JWKS over HTTPS on loopback, bounded lifetime --------------------------------
java -cp "$bench_jar" dev.labauth.benchmarks.coldstart.JwksHttpsServer "$work" "$work/server.p12" changeit \
  "${MAX_SECONDS:-900}" 2>"$work/server.log" &
server_pid=$!
trap 'kill "$server_pid" 2>/dev/null || true' EXIT
for _ in $(seq 1 300); do
  [ -f "$work/ready" ] && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.log" >&2; die "the JWKS server stopped"; }
  sleep 0.1
done
[ -f "$work/ready" ] || die "the JWKS server did not start within 30 s"
# shellcheck disable=SC1091
source "$work/env.sh"
event="$work/event-token.json"
say "issuer $AUTH0_ISSUER, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -n 1), node $(node -v)"

java_base=(-XX:MaxRAM=512m -XX:+UseSerialGC "-Djavax.net.ssl.trustStore=$work/cacerts"
  -Djavax.net.ssl.trustStorePassword=changeit)
java_c1=(-XX:TieredStopAtLevel=1)

# An answer counts only if it is an Allow: a 403 is an IAM policy too, so look further than "Allow".
allowed() { # VARIANT OUT ERR
  grep -q '"Effect":"Allow"' "$2" || return 1
  grep -q '"principalId":"' "$2" || return 1
  if grep -q '"reason":' "$2"; then return 1; fi
  case "$1" in java-*) grep -q '"Outcome":"allow"' "$3" || return 1 ;; esac
}

# --- AppCDS: one training run per handler, archive everything it loaded ---------------------------
train() { # HANDLER ARCHIVE
  timeout "$process_timeout" java "${java_base[@]}" -XX:ArchiveClassesAtExit="$2" -cp "$cp" "$launcher" "$1" "$event" \
    >"$work/train.out" 2>"$work/train.err" || true
  allowed java-train "$work/train.out" "$work/train.err" \
    || { cat "$work/train.out" "$work/train.err" >&2; die "the training run of $1 did not allow the token"; }
}
train "$handler" "$work/app.jsa"
cds=(-XX:SharedArchiveFile="$work/app.jsa" -Xshare:auto)

# --- the variants -----------------------------------------------------------------------------
java_variants=(java-plain java-c1 java-appcds java-appcds-c1)
if [ "$has_prefetch_switch" = 1 ]; then
  java_variants+=(java-appcds-c1-lazykeys)
else
  say "notice: skipping java-appcds-c1-lazykeys: this build of the authorizer does not read LABAUTH_PREFETCH_KEYS"
fi
if [ "$has_stream" = 1 ]; then
  train "$stream_handler" "$work/app-stream.jsa"
  java_variants+=(java-appcds-c1-stream)
else
  say "notice: skipping java-appcds-c1-stream: $stream_handler is not in this build of the authorizer"
fi
node_variants=(node-aws-jwt-verify node-jsonwebtoken)
variants=("${java_variants[@]}" "${node_variants[@]}")
command_of() {
  case "$1" in
    java-plain) echo java "${java_base[@]}" -cp "$cp" "$launcher" "$handler" "$event" ;;
    java-c1) echo java "${java_base[@]}" "${java_c1[@]}" -cp "$cp" "$launcher" "$handler" "$event" ;;
    java-appcds) echo java "${java_base[@]}" "${cds[@]}" -cp "$cp" "$launcher" "$handler" "$event" ;;
    java-appcds-c1) echo java "${java_base[@]}" "${cds[@]}" "${java_c1[@]}" -cp "$cp" "$launcher" "$handler" "$event" ;;
    # The same without the init-time key prefetch: the key set is fetched by the first request.
    java-appcds-c1-lazykeys) echo env LABAUTH_PREFETCH_KEYS=false java "${java_base[@]}" "${cds[@]}" "${java_c1[@]}" -cp "$cp" "$launcher" "$handler" "$event" ;;
    # The TOKEN stream handler: the same decision, the runtime's Jackson serialiser never started.
    java-appcds-c1-stream) echo java "${java_base[@]}" -XX:SharedArchiveFile="$work/app-stream.jsa" -Xshare:auto "${java_c1[@]}" -cp "$cp" "$launcher" "$stream_handler" "$event" ;;
    node-aws-jwt-verify) echo node "$here/node/invoke.js" aws-jwt-verify.js "$event" ;;
    node-jsonwebtoken) echo node "$here/node/invoke.js" jsonwebtoken.js "$event" ;;
  esac
}

export NODE_EXTRA_CA_CERTS="$work/cert.pem"
results="$work/results.tsv"
: >"$results"
say "$runs round(s) of ${#variants[@]} processes each"
for round in $(seq 1 "$runs"); do
  for v in "${variants[@]}"; do
    read -r -a cmd <<<"$(command_of "$v")"
    start=$(date +%s%N)
    if [ "$have_time" = 1 ]; then
      /usr/bin/time -f "%M" -o "$work/rss" timeout "$process_timeout" "${cmd[@]}" >"$work/out" 2>"$work/err" || true
    else
      timeout "$process_timeout" "${cmd[@]}" >"$work/out" 2>"$work/err" || true
    fi
    end=$(date +%s%N)
    if ! allowed "$v" "$work/out" "$work/err"; then
      say "$v did not answer Allow (or took over ${process_timeout}s):"; cat "$work/out" "$work/err" >&2; exit 1
    fi
    rss=n/a
    [ "$have_time" = 1 ] && rss=$(tail -n 1 "$work/rss")
    printf '%s\t%s\t%s\t%s\n' "$v" "$round" "$(( (end - start) / 1000 ))" "$rss" >>"$results"
  done
done

median() { sort -n | awk '{a[NR]=$1} END {if (NR==0) {print "n/a"} else if (NR%2) {print a[(NR+1)/2]} else {print (a[NR/2]+a[NR/2+1])/2}}'; }
column_of() { awk -F'\t' -v v="$1" -v c="$2" -v d="$3" '$1==v {print $c/d}' "$results"; }
printf '\nmedians of %s run(s), wall time of the whole process\n' "$runs"
printf '%-26s %10s %10s %10s %14s\n' "process" "median ms" "min ms" "max ms" "peak RSS MB"
declare -A med rssmed
for v in "${variants[@]}"; do
  ms=$(column_of "$v" 3 1000 | median)
  mn=$(column_of "$v" 3 1000 | sort -n | head -n 1)
  mx=$(column_of "$v" 3 1000 | sort -n | tail -n 1)
  rs=n/a
  [ "$have_time" = 1 ] && rs=$(printf '%.1f' "$(column_of "$v" 4 1024 | median)")
  med[$v]=$ms
  rssmed[$v]=$rs
  printf '%-26s %10.0f %10.0f %10.0f %14s\n' "$v" "$ms" "$mn" "$mx" "$rs"
done

ratio() { awk -v a="$1" -v b="$2" 'BEGIN {if (a=="n/a" || b=="n/a" || b==0) print "n/a"; else printf "%.2f", a/b}'; }
printf '\nJava / Node (medians)\n'
printf '%-26s %16s %16s %16s %16s\n' "" "time/aws-jwt" "time/jsonwebtok" "RSS/aws-jwt" "RSS/jsonwebtok"
for v in "${java_variants[@]}"; do
  printf '%-26s %16s %16s %16s %16s\n' "$v" \
    "$(ratio "${med[$v]}" "${med[node-aws-jwt-verify]}")" "$(ratio "${med[$v]}" "${med[node-jsonwebtoken]}")" \
    "$(ratio "${rssmed[$v]}" "${rssmed[node-aws-jwt-verify]}")" "$(ratio "${rssmed[$v]}" "${rssmed[node-jsonwebtoken]}")"
done

# --- priming: first decision after the SnapStart hook vs first decision cold, in-process ---------
[ "${SKIP_PRIMING:-0}" = 1 ] && exit 0
probe() { # MODE
  timeout "$process_timeout" java "${java_base[@]}" "${java_c1[@]}" -cp "$bench_jar" dev.labauth.benchmarks.coldstart.PrimingProbe \
    "$1" "$event" >"$work/probe.out" 2>"$work/probe.err" \
    || { cat "$work/probe.out" "$work/probe.err" >&2; say "the priming probe failed"; exit 1; }
}
probe primed
if grep -q 'priming not available in this build' "$work/probe.out"; then
  printf '\npriming: %s; comparison skipped\n' "$(head -n 1 "$work/probe.out")"
  exit 0
fi
say "priming: $runs fresh JVM(s) each way (C1 only, AppCDS off: the hook is what is measured)"
: >"$work/priming.tsv"
for round in $(seq 1 "$runs"); do
  for mode in cold primed; do
    probe "$mode"
    printf '%s\t%s\n' "$mode" "$(grep -o 'first_decision_ms=[0-9.]*' "$work/probe.out" | cut -d= -f2)" >>"$work/priming.tsv"
  done
done
cold_ms=$(awk -F'\t' '$1=="cold" {print $2}' "$work/priming.tsv" | median)
primed_ms=$(awk -F'\t' '$1=="primed" {print $2}' "$work/priming.tsv" | median)
printf '\nfirst decision, median of %s fresh JVM(s): cold %.2f ms, after priming %.2f ms (%sx faster)\n' \
  "$runs" "$cold_ms" "$primed_ms" "$(ratio "$cold_ms" "$primed_ms")"
