#!/usr/bin/env bash
# Benchmarks the API on both backends (embedded SQLite, then etcd) and the same etcd directly, in one
# run, and prints one Markdown report on stdout (progress and failures go to stderr). See
# docs/benchmarks.md.
#
#   bench/run.sh [--tier smoke|small|medium|large]
#
# Everything listens on 127.0.0.1 only, every wait is bounded, and every process started here is
# stopped by its own pid when the script exits. Exits non-zero if any benchmark operation failed.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

tier=small
while [ $# -gt 0 ]; do
  case "$1" in
    --tier) tier=${2:-}; shift 2 ;;
    --tier=*) tier=${1#--tier=}; shift ;;
    -h|--help) sed -n '2,9p' "$0" | cut -c3-; exit 0 ;;
    *) echo "run.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done

# Objects per phase, requests in flight, full lists, unreported warmup operations per phase (the
# server JVM needs thousands before its hot paths are compiled), whether to run etcdctl check perf
# (a minute), and the time limit in seconds of each benchmark process.
case "$tier" in
  smoke)  count=200;   concurrency=4;  rounds=5;  warmup=100;  perf=no;  budget=120 ;;
  small)  count=2000;  concurrency=16; rounds=20; warmup=2000; perf=yes; budget=300 ;;
  medium) count=10000; concurrency=32; rounds=10; warmup=5000; perf=yes; budget=900 ;;
  large)  count=50000; concurrency=64; rounds=5;  warmup=5000; perf=yes; budget=3600 ;;
  *) echo "run.sh: unknown tier '$tier' (smoke, small, medium, large)" >&2; exit 2 ;;
esac
payload=1024

. "$root/scripts/jdk.sh"
java="$JAVA_HOME/bin/java"
server_jar="$root/cli/target/k8j.jar"
bench_jar="$root/bench/target/k8j-bench.jar"
if [ ! -f "$server_jar" ] || [ ! -f "$bench_jar" ]; then
  echo "run.sh: building $server_jar and $bench_jar" >&2
  (cd "$root" && mvn -B -q -DskipTests -pl cli,bench -am package >&2)
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/k8j-bench.XXXXXX")
pids=()

# Whether a child is still running: kill -0 also succeeds on an exited child not yet reaped (a zombie).
alive() {
  local state
  state=$(sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | cut -d' ' -f1)
  [ -n "$state" ] && [ "$state" != Z ]
}

# SIGTERM, then SIGKILL after 20 s: the server's shutdown hook gets its chance, but never hangs the run.
stop() {
  local pid=$1
  kill -TERM "$pid" 2>/dev/null || return 0
  for _ in $(seq 1 200); do
    alive "$pid" || break
    sleep 0.1
  done
  if alive "$pid"; then
    echo "run.sh: pid $pid did not stop within 20 s of SIGTERM; sending SIGKILL" >&2
    kill -KILL "$pid" 2>/dev/null || true
  fi
  wait "$pid" 2>/dev/null || true
}

# Forgets the pid of a process that has ended, so the exit trap never signals a reused pid.
forget() {
  local pid=$1 p rest=()
  for p in "${pids[@]}"; do [ "$p" = "$pid" ] || rest+=("$p"); done
  pids=("${rest[@]}")
}

finish() {
  stop "$1"
  forget "$1"
}

# Runs a benchmark within the time budget, appending its rows to $rows. In the background plus `wait`,
# because bash defers a trap until a foreground command ends, and so that the exit trap can stop it.
run_bench() {
  local pid rc=0
  timeout "$budget" "$@" >>"$rows" &
  pid=$!
  pids+=("$pid")
  wait "$pid" || rc=$?
  forget "$pid"
  return "$rc"
}

# Newest first: a benchmark before its server, a server before the etcd it uses.
cleanup() {
  local i
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do stop "${pids[i]}"; done
  rm -rf "$work"
}
trap cleanup EXIT
# A signal becomes an ordinary exit, so the EXIT trap still stops everything.
trap 'exit 130' INT
trap 'exit 143' TERM

# A port nobody answers on now; whoever binds it next fails loudly within the bounded startup waits.
free_port() {
  local port
  for _ in $(seq 1 100); do
    port=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return 0; fi
  done
  echo "run.sh: no free port found" >&2
  return 1
}

# Polls `$@` every 0.2 s until it succeeds or $seconds pass.
wait_until() {
  local seconds=$1; shift
  local deadline=$((SECONDS + seconds))
  until "$@"; do
    [ "$SECONDS" -lt "$deadline" ] || return 1
    sleep 0.2
  done
}

# A command line as it can be pasted back into a shell.
quoted() { printf '%q ' "$@" | sed 's/ $//'; }

# Busy and total jiffies of the whole machine, to tell how much of it other tenants used meanwhile.
machine_jiffies() { awk '/^cpu / {print $2 + $3 + $4 + $7 + $8 + $9, $2 + $3 + $4 + $5 + $6 + $7 + $8 + $9}' /proc/stat; }
read -r busy_start total_start < <(machine_jiffies)
load_start=$(cut -d' ' -f1-3 /proc/loadavg)

etcd_port=$(free_port)
etcd_peer_port=$(free_port)
etcd_url="http://127.0.0.1:$etcd_port"
/usr/bin/etcd --name bench --data-dir "$work/etcd" \
  --listen-client-urls "$etcd_url" --advertise-client-urls "$etcd_url" \
  --listen-peer-urls "http://127.0.0.1:$etcd_peer_port" --initial-advertise-peer-urls "http://127.0.0.1:$etcd_peer_port" \
  --initial-cluster "bench=http://127.0.0.1:$etcd_peer_port" >"$work/etcd.log" 2>&1 &
etcd_pid=$!
pids+=("$etcd_pid")
etcdctl=(env ETCDCTL_API=3 etcdctl --endpoints="$etcd_url" --dial-timeout=1s --command-timeout=2s)
if ! wait_until 30 "${etcdctl[@]}" endpoint health >/dev/null 2>&1; then
  echo "run.sh: etcd did not become healthy in 30 s; log:" >&2
  tail -n 30 "$work/etcd.log" >&2
  exit 1
fi

commands=()
failed=0
rows="$work/rows.md"
# The columns of PhaseResult.markdownRow(); the benchmarks print rows only (--no-header).
cat >"$rows" <<'EOF'
| target | phase | ops | errors | seconds | ops/s | p50 ms | p99 ms | max ms | client CPU ms/op | server CPU ms/op |
|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|
EOF
common=(--count "$count" --concurrency "$concurrency" --payload-bytes "$payload" --warmup "$warmup" --no-header)

# Starts `k8j server` with extra flags, runs the API benchmark against it labelled $1, then stops it.
# The server CPU column counts the k8j server and, on etcd, etcd.
# The API server alone, as kube-apiserver is measured: the controllers and scheduler are API clients like
# any other, and in-process their informers (the garbage collector watches every ConfigMap) would share the
# two CPUs with the server under test. docs/benchmarks.md has a run with them for comparison.
control_plane_only=(--disable-agent --disable-controller-manager --disable-scheduler)

bench_api() {
  local label=$1 cpu_pids=$2; shift 2
  local dir port pid
  dir=$(mktemp -d "$work/server.XXXXXX")
  port=$(free_port)
  local server=("$java" --enable-native-access=ALL-UNNAMED "-Dorg.sqlite.tmpdir=$dir" -jar "$server_jar" server
    --data-dir "$dir" --https-listen-port "$port" --bind-address 127.0.0.1 "${control_plane_only[@]}" "$@")
  echo "run.sh: $label: starting k8j server" >&2
  "${server[@]}" >/dev/null 2>"$dir/server.log" &
  pid=$!
  pids+=("$pid")
  if ! wait_until 60 grep -q "k8j is ready" "$dir/server.log"; then
    echo "run.sh: $label: k8j server not ready in 60 s; log:" >&2
    tail -n 30 "$dir/server.log" >&2
    exit 1
  fi
  local bench=("$java" --enable-native-access=ALL-UNNAMED -jar "$bench_jar" api --kubeconfig "$dir/kubeconfig"
    "${common[@]}" --list-rounds "$rounds" --label "$label" --server-pid "$pid${cpu_pids:+,$cpu_pids}")
  commands+=("$(quoted "${server[@]}")" "$(quoted "${bench[@]}")")
  echo "run.sh: $label: benchmarking" >&2
  if ! run_bench "${bench[@]}"; then
    failed=1
    echo "run.sh: $label: benchmark failed; server log tail:" >&2
    tail -n 30 "$dir/server.log" >&2
  fi
  finish "$pid"
  if grep -q ' ERROR ' "$dir/server.log"; then
    echo "run.sh: $label: the server logged errors:" >&2
    grep -A 5 ' ERROR ' "$dir/server.log" | head -n 40 >&2
  fi
}

bench_api "k8j API, SQLite" ""
bench_api "k8j API, etcd" "$etcd_pid" --datastore-endpoint "$etcd_url"

raw=("$java" --enable-native-access=ALL-UNNAMED -jar "$bench_jar" etcd --endpoints "$etcd_url"
  "${common[@]}" --label "etcd direct (jetcd)" --server-pid "$etcd_pid")
commands+=("$(quoted "${raw[@]}")")
echo "run.sh: raw etcd: benchmarking" >&2
run_bench "${raw[@]}" || failed=1

perf_result="not run in the $tier tier (it takes a minute)"
if [ "$perf" = yes ]; then
  echo "run.sh: etcdctl check perf --load=s (60 s)" >&2
  perf_cmd=(env ETCDCTL_API=3 etcdctl --endpoints="$etcd_url" check perf --load=s)
  commands+=("$(quoted "${perf_cmd[@]}")")
  if perf_out=$(timeout 120 "${perf_cmd[@]}" 2>&1); then
    # Its progress bar redraws with carriage returns, and the first verdict may follow it on its line.
    perf_result=$(printf '%s\n' "$perf_out" | tr '\r' '\n' | grep -oE '(PASS|FAIL).*' | paste -sd';' | sed 's/;/; /g')
  else
    perf_result="did not finish within 120 s: $(printf '%s\n' "$perf_out" | tail -n 1)"
  fi
fi
finish "$etcd_pid"

# CPU time of everything this script ran (all reaped by now) against what the machine spent meanwhile.
read -r busy_end total_end < <(machine_jiffies)
times >"$work/times" # in this shell: a pipe would run it in a subshell, which has no children
ours=$(awk 'NR == 2 {for (i = 1; i <= 2; i++) {split($i, t, /[ms]/); s += t[1] * 60 + t[2]}; print s}' "$work/times")
others=$(awk -v b=$((busy_end - busy_start)) -v t=$((total_end - total_start)) -v o="$ours" \
  'BEGIN {hz = 100; x = t > 0 ? 100 * (b / hz - o) / (t / hz) : 0; printf("%.0f%%", x > 0 ? x : 0)}')

cat <<EOF
### Tier $tier, $(date -u '+%Y-%m-%d %H:%M UTC')

- Command: \`bench/run.sh --tier $tier\`: $count objects per phase, $concurrency requests in flight, $payload-byte ConfigMap payload, $warmup unreported warmup operations per phase, $rounds full lists
- Machine: $(nproc) CPUs ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')), $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo) memory, Linux $(uname -r), data on $(df -T "$work" | awk 'NR == 2 {print $2}')
- Load: load average $load_start at the start, $(cut -d' ' -f1-3 /proc/loadavg) at the end; processes outside this run used about $others of the machine's CPU meanwhile
- Java: $("$java" -version 2>&1 | head -n 1); $(/usr/bin/etcd --version | head -n 1)
- etcdctl check perf --load=s: $perf_result

$(cat "$rows")

<details><summary>Commands run (temporary paths)</summary>

\`\`\`
$(printf '%s\n' "${commands[@]}")
\`\`\`
</details>
EOF

exit "$failed"
