#!/usr/bin/env bash
# Start-up time of k8j: the median of RUNS runs (default 11) of `k8j --version` and of `k8j server` until it
# prints "k8j is ready" (a restart: the data dir, PKI and database already exist), each without and with the
# class-data archive the ./k8j wrapper keeps. Times are wall clock from exec. Prints one Markdown table with
# the machine, the load and the commands.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
runs=${1:-11}
. "$root/scripts/jdk.sh"
jar="$root/cli/target/k8j.jar"
[ -f "$jar" ] || (cd "$root" && mvn -B -q -DskipTests -pl cli -am package >&2)

work=$(mktemp -d /tmp/k8j-startup-XXXXXX)
pid=
cleanup() {
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then kill "$pid"; wait "$pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

java=("$JAVA_HOME/bin/java" "${K8J_JVM_FLAGS[@]}")
plain=("${java[@]}" -jar "$jar")
archived=("${java[@]}" -XX:SharedArchiveFile="$work/k8j.jsa" -jar "$jar")
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
server=(server --data-dir "$work/data" --bind-address 127.0.0.1 --https-listen-port "$port" --kubelet-port 0)

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# Runs a server until "k8j is ready" and prints the milliseconds it took; SIGTERM, then waits for its exit.
server_ms() {
  local log="$work/server.log" start end waited=0
  start=$(now_ms)
  "$@" "${server[@]}" > "$log" 2>&1 &
  pid=$!
  until grep -q "k8j is ready" "$log"; do
    kill -0 "$pid" 2>/dev/null || { cat "$log" >&2; echo "server exited before ready" >&2; exit 1; }
    waited=$((waited + 1)); [ "$waited" -lt 6000 ] || { echo "not ready within 120 s" >&2; exit 1; }
    sleep 0.02
  done
  end=$(now_ms)
  kill "$pid"; wait "$pid" 2>/dev/null || true; pid=
  echo $((end - start))
}

version_ms() {
  local start
  start=$(now_ms)
  "$@" --version > /dev/null
  echo $(( $(now_ms) - start ))
}

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

measure() { # what, command...
  local what=$1; shift
  for _ in $(seq "$runs"); do "$what" "$@"; done | median
}

server_ms "${plain[@]}" > /dev/null # first start: makes the PKI and database
# The archive as the wrapper makes it: dumped at the exit of a server run.
"${java[@]}" -XX:ArchiveClassesAtExit="$work/k8j.jsa" -Xlog:cds=off -Xlog:cds+dynamic=off -jar "$jar" \
  "${server[@]}" > "$work/dump.log" 2>&1 &
pid=$!
until grep -q "k8j is ready" "$work/dump.log"; do sleep 0.1; done
sleep 5 # let the controllers, scheduler and kubelet load their classes too
kill "$pid"; wait "$pid" 2>/dev/null || true; pid=

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
version_plain=$(measure version_ms "${plain[@]}")
version_archived=$(measure version_ms "${archived[@]}")
server_plain=$(measure server_ms "${plain[@]}")
server_archived=$(measure server_ms "${archived[@]}")
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

cat <<REPORT
Machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo), $(uname -r), $("$JAVA_HOME/bin/java" -version 2>&1 | head -1)
Load average (1, 5, 15 min) before: $load_before, after: $load_after
Median of $runs runs, milliseconds from exec:

| run | JDK's base archive only | with the k8j archive ($(( $(stat -c %s "$work/k8j.jsa") / 1048576 )) MiB) |
|---|---:|---:|
| \`k8j --version\` | $version_plain | $version_archived |
| \`k8j server\` until "k8j is ready" (restart) | $server_plain | $server_archived |

Commands: \`${plain[*]}\`, and the same with \`-XX:SharedArchiveFile=ARCHIVE\`; the archive dumped with
\`-XX:ArchiveClassesAtExit\` from a server run stopped 5 s after ready; server flags \`${server[*]}\`.
REPORT
