#!/bin/bash
# One produce run for an A/B comparison of two broker builds (docs/PERFORMANCE.md, "Metrics overhead").
# usage: metrics_ab.sh BIN_DIR PARTITA_PERF N [--override k=v]...
#   BIN_DIR holds partita-cli and the partita-broker under test (local-cluster runs the sibling broker binary).
# Prints records/s, the broker's CPU seconds during the run (from /proc/<pid>/stat) and the load average.
set -u
bin=$1; perf=$2; n=$3; shift 3
dir=$(mktemp -d /tmp/metrics-ab.XXXXXX)
"$bin/partita-cli" local-cluster --processes --dir "$dir/data" "$@" > "$dir/cluster.log" 2>&1 &
pid=$!
bs=
for _ in $(seq 1 600); do
  bs=$(grep -oE 'Bootstrap servers: [0-9.:]+' "$dir/cluster.log" | awk '{print $3}')
  [ -n "$bs" ] && break
  sleep 0.1
done
broker=$(pgrep -P $pid -f partita-broker | head -1)
cpu0=$(awk '{print $14+$15}' /proc/$broker/stat)
out=$("$perf" produce --bootstrap-servers "$bs" --topic perfA --num-records "$n" --record-size 100 --acks 1 \
      --report-interval-ms 0 2>&1)
cpu1=$(awk '{print $14+$15}' /proc/$broker/stat)
echo "$bin records/s=$(echo "$out" | awk '/records\/s /{print $2}') broker_cpu_s=$(echo "scale=2; ($cpu1-$cpu0)/100" | bc)" \
     "$(echo "$out" | awk '/result/{print $2}') load=$(cut -d' ' -f1 /proc/loadavg)"
kill -TERM $pid
wait $pid 2>/dev/null
rm -rf "$dir"
