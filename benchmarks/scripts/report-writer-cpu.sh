#!/usr/bin/env bash
# What writing reports costs the agent's writer thread, per report: the packaged demo with the agent, N requests to
# one path (two at a time, after 300 or the given number to warm up), then the CPU time (utime + stime) of the thread
# querylens-report-writer, from /proc/<pid>/task/<tid>/stat, divided by the reports written in between.
#   mvn -q -DskipTests package -pl agent,demo-app -am
#   benchmarks/scripts/report-writer-cpu.sh [path] [requests] [warm-up requests, default 300]   (JAVA=... for another JDK)
set -euo pipefail
cd "$(dirname "$0")/../.."
java=${JAVA:-java}
path=${1:-/api/recipes}
requests=${2:-2000}
warmup=${3:-300}
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
work=$(mktemp -d)
"$java" -javaagent:agent/target/querylens-agent.jar=reports.dir="$work/reports",reports.max-files=1000000 \
    -jar demo-app/target/querylens-demo.jar --server.address=127.0.0.1 --server.port="$port" \
    --logging.level.root=warn > "$work/demo.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; rm -rf "$work"' EXIT
until curl -sf -o /dev/null "http://127.0.0.1:$port$path"; do sleep 0.5; done
seq 1 "$warmup" | xargs -P 2 -I{} curl -s -o /dev/null "http://127.0.0.1:$port$path"
sleep 1
tid=$(grep -l '^querylens-repor' /proc/$pid/task/*/comm | head -1 | cut -d/ -f5)
cpu() { awk '{print $14 + $15}' "/proc/$pid/task/$tid/stat"; }
reports() { find "$work/reports" -name '*.json' | wc -l; }
cpu0=$(cpu); reports0=$(reports)
seq 1 "$requests" | xargs -P 2 -I{} curl -s -o /dev/null "http://127.0.0.1:$port$path"
sleep 2
cpu1=$(cpu); reports1=$(reports)
python3 -c "
ticks, written = $cpu1 - $cpu0, $reports1 - $reports0
ms = ticks * 1000 / $(getconf CLK_TCK)
print(f'$path: {written} reports, writer thread {ms:.0f} ms CPU, {ms * 1000 / written:.0f} us per report')"
