#!/usr/bin/env bash
# Benchmarks the API on both backends (embedded SQLite, then etcd) and the same etcd directly, then the
# control plane at scale on hollow nodes (registration and Lease renewals, scheduling throughput, pod
# startup latency, memory per hollow node) and pod startup and memory per pod on a real node (process and
# containerd runtimes), in one run, and
# prints one Markdown report on stdout (progress and failures go to stderr). See docs/benchmarks.md.
#
#   bench/run.sh [--tier smoke|small|medium|large] [--only api|scale|runtimes]
#
# Everything listens on 127.0.0.1 only, every wait is bounded, and every process started here is
# stopped by its own pid when the script exits. Exits non-zero if any benchmark operation failed.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

tier=small
only=
while [ $# -gt 0 ]; do
  case "$1" in
    --tier) tier=${2:-}; shift 2 ;;
    --tier=*) tier=${1#--tier=}; shift ;;
    --only) only=${2:-}; shift 2 ;;
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
case "$only" in
  '') api=yes; scale=yes; runtimes=yes ;;
  api) api=yes; scale=no; runtimes=no ;;
  scale) api=no; scale=yes; runtimes=yes; perf=no ;;
  runtimes) api=no; scale=no; runtimes=yes; perf=no ;;
  *) echo "run.sh: --only takes api, scale or runtimes" >&2; exit 2 ;;
esac
payload=1024

# Scale: hollow nodes, pods created at once (scheduling throughput), pods created at a steady rate
# (startup latency, on hollow nodes and on the process runtime), and how long the Leases are watched.
case "$tier" in
  smoke)  hollow=50;   burst=500;   paced=100; rate=20; process_pods=0;   observe=15 ;;
  small)  hollow=100;  burst=10000; paced=200; rate=20; process_pods=100; observe=240 ;;
  medium) hollow=1000; burst=10000; paced=200; rate=20; process_pods=100; observe=240 ;;
  large)  hollow=5000; burst=10000; paced=200; rate=20; process_pods=100; observe=240 ;;
esac

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

# Starts `k8j server` without the controller manager (the benchmarks create bare objects) and with extra
# flags, in a new directory; sets $server_dir and $server_pid.
start_server() {
  local label=$1; shift
  server_dir=$(mktemp -d "$work/server.XXXXXX")
  local port
  port=$(free_port)
  local server=("$java" --enable-native-access=ALL-UNNAMED "-Dorg.sqlite.tmpdir=$server_dir" -jar "$server_jar" server
    --data-dir "$server_dir" --https-listen-port "$port" --bind-address 127.0.0.1 --disable-controller-manager
    --disable-dns "$@")
  echo "run.sh: $label: starting k8j server" >&2
  "${server[@]}" >/dev/null 2>"$server_dir/server.log" &
  server_pid=$!
  pids+=("$server_pid")
  commands+=("$(quoted "${server[@]}")")
  if ! wait_until 60 grep -q "k8j is ready" "$server_dir/server.log"; then
    echo "run.sh: $label: k8j server not ready in 60 s; log:" >&2
    tail -n 30 "$server_dir/server.log" >&2
    exit 1
  fi
}

# Starts `k8j server` with extra flags, runs the API benchmark against it labelled $1, then stops it.
# The server CPU column counts the k8j server and, on etcd, etcd.
# The API server alone, as kube-apiserver is measured: the controllers and scheduler are API clients like
# any other, and in-process their informers (the garbage collector watches every ConfigMap) would share the
# two CPUs with the server under test. docs/benchmarks.md has a run with them for comparison.
bench_api() {
  local label=$1 cpu_pids=$2; shift 2
  start_server "$label" --disable-agent --disable-scheduler "$@"
  local bench=("$java" --enable-native-access=ALL-UNNAMED -jar "$bench_jar" api --kubeconfig "$server_dir/kubeconfig"
    "${common[@]}" --list-rounds "$rounds" --label "$label" --server-pid "$server_pid${cpu_pids:+,$cpu_pids}")
  commands+=("$(quoted "${bench[@]}")")
  echo "run.sh: $label: benchmarking" >&2
  if ! run_bench "${bench[@]}"; then
    failed=1
    echo "run.sh: $label: benchmark failed; server log tail:" >&2
    tail -n 30 "$server_dir/server.log" >&2
  fi
  finish "$server_pid"
  if grep -q ' ERROR ' "$server_dir/server.log"; then
    echo "run.sh: $label: the server logged errors:" >&2
    grep -A 5 ' ERROR ' "$server_dir/server.log" | head -n 40 >&2
  fi
}

if [ "$api" = yes ]; then
  bench_api "k8j API, SQLite" ""
  bench_api "k8j API, etcd" "$etcd_pid" --datastore-endpoint "$etcd_url"
  raw=("$java" --enable-native-access=ALL-UNNAMED -jar "$bench_jar" etcd --endpoints "$etcd_url"
    "${common[@]}" --label "etcd direct (jetcd)" --server-pid "$etcd_pid")
  commands+=("$(quoted "${raw[@]}")")
  echo "run.sh: raw etcd: benchmarking" >&2
  run_bench "${raw[@]}" || failed=1
fi

# Runs a k8j-bench command within the time budget, its rows appended to the file $1, noted in the commands.
bench_into() {
  local out=$1; shift
  local saved=$rows
  rows=$out
  commands+=("$(quoted "$@")")
  run_bench "$@" || failed=1
  rows=$saved
}

# Heap in use after a full GC and resident memory of a JVM, as a row of the memory table.
memory_row() {
  local label=$1 pid=$2 nodes=$3 heap_kib rss_kib
  "$JAVA_HOME/bin/jcmd" "$pid" GC.run >/dev/null
  heap_kib=$("$JAVA_HOME/bin/jcmd" "$pid" GC.heap_info | grep -oE 'used [0-9]+K' | head -n 1 | grep -oE '[0-9]+')
  rss_kib=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
  awk -v l="$label" -v n="$nodes" -v h="$heap_kib" -v r="$rss_kib" \
    'BEGIN {printf("| %s | %d | %.0f | %.0f | %.0f | %.0f |\n", l, n, h / 1024, h / n, r / 1024, r / n)}' >>"$memory_rows"
}

# Proportional set size (KiB, shared pages split among their users) summed over pids.
pss_kib() {
  local sum=0 p kib
  for p in "$@"; do
    kib=$(awk '/^Pss:/ {print $2}' "/proc/$p/smaps_rollup" 2>/dev/null || true)
    sum=$((sum + ${kib:-0}))
  done
  echo "$sum"
}

# The processes that hold a node's pods: the process runtime's are the server's children; containerd's are the
# processes in the kubepods cgroups (sandbox and containers) and the runc shims started by its socket.
pod_pids() {
  local runtime=$1
  if [ "$runtime" = process ]; then
    pgrep -P "$server_pid" || true
  else
    find /sys/fs/cgroup/memory/kubepods /sys/fs/cgroup/kubepods -name cgroup.procs -exec cat {} + 2>/dev/null || true
    pgrep -f "containerd-shim-runc-v2 .*-address $server_dir/agent/containerd/containerd.sock" || true
  fi
}

# One node running runtime $1: pod startup at 20 and 5 pods/s, then memory per idle pod with the 5/s pods running.
runtime_bench() {
  local runtime=$1
  start_server "$runtime runtime" --container-runtime "$runtime" --kubelet-port 0
  if [ "$runtime" = containerd ]; then
    # The busybox image, built here from busybox-static; the sandbox image the node built itself.
    "$java" -jar "$server_jar" images build-test --output "$work/images" >/dev/null
    "$java" -jar "$server_jar" images import --data-dir "$server_dir" "$work/images/busybox.tar" >/dev/null
  fi
  local pods=(--kubeconfig "$server_dir/kubeconfig" --count "$process_pods" --concurrency 4)
  [ -s "$scale_rows" ] && pods+=(--no-header) # the table's header comes with its first row
  # A real node's pods take longer to start and to stop than the API benchmarks' budget allows on a busy machine.
  local saved_budget=$budget
  budget=1200
  bench_into "$scale_rows" "${bench_java[@]}" pods "${pods[@]}" --rate 20 --namespace "fast" \
    --label "1 node ($runtime runtime)" --cleanup
  [ -s "$scale_rows" ] && pods+=(--no-header)
  bench_into "$scale_rows" "${bench_java[@]}" pods "${pods[@]}" --rate 5 --namespace "paced" --label "1 node ($runtime runtime)"
  budget=$saved_budget
  sleep 10 # idle
  local pids pss runtime_pss
  mapfile -t pids < <(pod_pids "$runtime" | sort -u)
  pss=$(pss_kib "${pids[@]}")
  runtime_pss=0
  [ "$runtime" = containerd ] && runtime_pss=$(pss_kib "$(cat "$server_dir/agent/containerd/containerd.pid")")
  awk -v l="$runtime" -v n="$process_pods" -v p="${#pids[@]}" -v s="$pss" -v r="$runtime_pss" \
    'BEGIN {printf("| %s | %d | %d | %.0f | %.0f | %.0f |\n", l, n, p, s / 1024, s / n, r / 1024)}' >>"$pod_memory_rows"
  finish "$server_pid"
  if [ "$runtime" = containerd ]; then
    "$java" -jar "$server_jar" killall --data-dir "$server_dir" >/dev/null
  fi
}

scale_rows="$work/scale.md"
node_rows="$work/nodes.md"
memory_rows="$work/memory.md"
pod_memory_rows="$work/pod-memory.md"
bench_java=("$java" --enable-native-access=ALL-UNNAMED -jar "$bench_jar")
: >"$scale_rows"
: >"$node_rows"
{ echo '| hollow-nodes process | nodes | heap after GC MiB | heap KiB per node | RSS MiB | RSS KiB per node |'
  echo '|---|---:|---:|---:|---:|---:|'; } >"$memory_rows"
{ echo '| runtime | idle pods | processes | their PSS MiB | PSS KiB per pod | containerd PSS MiB |'
  echo '|---|---:|---:|---:|---:|---:|'; } >"$pod_memory_rows"

# Starts $hollow hollow nodes against the server of start_server and waits until they are Ready (the
# nodes benchmark's row goes to $1, none when empty); sets $hollow_pid and $kc.
start_hollow() {
  local rows_file=$1 log=$2
  local cmd=("$java" -jar "$server_jar" hollow-nodes --kubeconfig "$server_dir/kubeconfig" --count "$hollow")
  echo "run.sh: starting $hollow hollow nodes" >&2
  "${cmd[@]}" >/dev/null 2>"$log" &
  hollow_pid=$!
  pids+=("$hollow_pid")
  commands+=("$(quoted "${cmd[@]}")")
  kc=(--kubeconfig "$server_dir/kubeconfig")
  local ready=("${bench_java[@]}" nodes "${kc[@]}" --count "$hollow" --observe 1)
  [ -s "$rows_file" ] && ready+=(--no-header)
  if [ -n "$rows_file" ]; then bench_into "$rows_file" "${ready[@]}"; else run_bench "${ready[@]}" >/dev/null || failed=1; fi
}

stop_hollow() {
  local log=$1
  if grep -q ' WARN \| ERROR ' "$log"; then
    echo "run.sh: the hollow nodes logged warnings:" >&2
    grep ' WARN \| ERROR ' "$log" | head -n 20 >&2
  fi
  finish "$hollow_pid"
}

if [ "$scale" = yes ]; then
  # Hollow nodes register and stay Ready while the pods come (their Leases watched meanwhile); the
  # in-process scheduler places $burst pods created at once; then $paced pods created at $rate/s show
  # the startup latency.
  start_server "$hollow hollow nodes" --disable-agent
  start_hollow "$node_rows" "$work/hollow.log"
  memory_row "$hollow nodes registered, no pods" "$hollow_pid" "$hollow"
  nodes_watch=("${bench_java[@]}" nodes "${kc[@]}" --count "$hollow" --observe "$observe" --no-header)
  commands+=("$(quoted "${nodes_watch[@]}")")
  timeout "$budget" "${nodes_watch[@]}" >>"$node_rows" &
  nodes_watch_pid=$!
  pids+=("$nodes_watch_pid")
  echo "run.sh: scheduling $burst pods on $hollow hollow nodes" >&2
  bench_into "$scale_rows" "${bench_java[@]}" pods "${kc[@]}" --count "$burst" --concurrency 32 --namespace burst \
    --label "$hollow hollow nodes, pods created at once"
  bench_into "$scale_rows" "${bench_java[@]}" pods "${kc[@]}" --count "$paced" --concurrency 8 --rate "$rate" \
    --namespace paced --label "$hollow hollow nodes (simulated runtime), $burst pods running" --no-header
  memory_row "$hollow nodes, $((burst + paced)) pods running" "$hollow_pid" "$hollow"
  wait "$nodes_watch_pid" || failed=1
  forget "$nodes_watch_pid"
  stop_hollow "$work/hollow.log"
  finish "$server_pid"

  # The scheduler alone, as scheduler_perf isolates it: $burst pods wait on a server without a scheduler,
  # then `k8j scheduler` starts; the first-to-last-bind rate is its throughput through the API server.
  start_server "$hollow hollow nodes, backlog" --disable-agent --disable-scheduler
  start_hollow "" "$work/hollow-backlog.log"
  backlog=("${bench_java[@]}" pods "${kc[@]}" --count "$burst" --concurrency 32 --namespace backlog
    --label "$hollow hollow nodes, pods created before k8j scheduler starts" --no-header)
  commands+=("$(quoted "${backlog[@]}")")
  echo "run.sh: $burst pods on $hollow hollow nodes, then the scheduler" >&2
  timeout "$budget" "${backlog[@]}" >>"$scale_rows" 2>"$work/backlog.err" &
  backlog_pid=$!
  pids+=("$backlog_pid")
  created_or_ended() { grep -qs "pods: created" "$work/backlog.err" || ! alive "$backlog_pid"; }
  wait_until "$budget" created_or_ended || failed=1
  scheduler=("$java" -jar "$server_jar" scheduler --kubeconfig "$server_dir/kubeconfig")
  commands+=("$(quoted "${scheduler[@]}")")
  "${scheduler[@]}" >/dev/null 2>"$work/scheduler.log" &
  scheduler_pid=$!
  pids+=("$scheduler_pid")
  wait "$backlog_pid" || { failed=1; cat "$work/backlog.err" >&2; }
  forget "$backlog_pid"
  # CPU per pod, steadier than rates on a shared machine; it includes the scheduler's JVM start-up.
  scheduler_cpu=$(awk -v n="$burst" '{printf("%.1f s of CPU, %.2f ms per pod", ($14 + $15) / 100, ($14 + $15) * 10 / n)}' "/proc/$scheduler_pid/stat")
  finish "$scheduler_pid"
  stop_hollow "$work/hollow-backlog.log"
  finish "$server_pid"

fi

# Pod startup on one real node, per runtime: the process runtime (each pod's `sleep` a host process) and, where
# containerd and runc are installed and we are root, containerd (a sandbox and a container per pod, the image
# present). $process_pods pods at 20/s (then deleted), the same at 5/s, then the memory those pods hold.
if [ "$runtimes" = yes ] && [ "$process_pods" -gt 0 ]; then
  runtime_bench process
  if command -v containerd >/dev/null && command -v runc >/dev/null && [ "$(id -u)" = 0 ]; then
    runtime_bench containerd
  fi
fi

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

$(if [ "$api" = yes ]; then cat "$rows"; else echo "API benchmarks not run (--only $only)."; fi)

Scale ($hollow hollow nodes; pods request 10m CPU and 16Mi; the upstream pod startup SLO is 5 s at p99;
\`k8j scheduler\` on the backlog used ${scheduler_cpu:-(not run)}, its start-up included):

$(if [ "$scale" = yes ]; then cat "$node_rows" && echo && cat "$memory_rows"; else echo "hollow nodes not run (--only $only)"; fi)

$(if [ "$scale" = yes ] || [ "$runtimes" = yes ]; then cat "$scale_rows" && echo && cat "$pod_memory_rows"; fi)

<details><summary>Commands run (temporary paths)</summary>

\`\`\`
$(printf '%s\n' "${commands[@]}")
\`\`\`
</details>
EOF

exit "$failed"
