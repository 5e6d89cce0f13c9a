#!/bin/bash
# TLS against PLAINTEXT on one broker, interleaved so both see the same machine load (docs/PERFORMANCE.md,
# "TLS against PLAINTEXT").
# usage: tls_vs_plaintext.sh BIN_DIR PARTITA_PERF RECORDS RECORD_SIZE [ROUNDS]
#   BIN_DIR holds partita-cli. One partition, acks=1, no compression. For each round and each
#   protocol: produce RECORDS records of RECORD_SIZE bytes to a fresh topic, then consume them from the start.
#   Prints one line per run: protocol, phase, records/s, MB/s, and the CPU seconds of the broker and of the client
#   (partita-perf, librdkafka) during the run.
set -u
bin=$1; perf=$2; n=$3; size=$4; rounds=${5:-2}
dir=$(mktemp -d /tmp/tls-ab.XXXXXX)
mkdir "$dir/certs"
sh "$(dirname "$0")/../../integration/scripts/make_test_certs.sh" "$dir/certs" > /dev/null
plain_port=$((20000 + RANDOM % 10000)); ssl_port=$((plain_port + 1))
# In-process broker (the partita-cli process is the broker: its CPU is the broker's; ZooKeeper is a child).
"$bin/partita-cli" local-cluster --dir "$dir/data" \
  --override "listeners=PLAINTEXT://127.0.0.1:$plain_port,SSL://127.0.0.1:$ssl_port" \
  --override ssl.keystore.type=PEM --override "ssl.keystore.location=$dir/certs/server-keystore.pem" \
  --override ssl.key.password=keypass --override schema.registry.listeners= > "$dir/cluster.log" 2>&1 &
pid=$!
for _ in $(seq 1 600); do
  grep -q 'Bootstrap servers' "$dir/cluster.log" && break
  sleep 0.1
done
broker=$pid
cpu() { awk '{print $14+$15}' "/proc/$broker/stat"; }

run() {  # protocol phase topic
  local port=$plain_port tls=()
  if [ "$1" = SSL ]; then port=$ssl_port; tls=(-X security.protocol=SSL -X "ssl.ca.location=$dir/certs/ca.pem"); fi
  local c0 out c1 t0 t1
  c0=$(cpu)
  if [ "$2" = produce ]; then
    out=$(/usr/bin/time -f "client_cpu %U %S" "$perf" produce --bootstrap-servers "127.0.0.1:$port" --topic "$3" --num-records "$n" --record-size "$size" \
          --acks 1 "${tls[@]}" 2>&1)
  else
    out=$(/usr/bin/time -f "client_cpu %U %S" "$perf" consume --bootstrap-servers "127.0.0.1:$port" --topic "$3" --num-records "$n" "${tls[@]}" 2>&1)
  fi
  c1=$(cpu)
  # consume: the rate after the first record (the group-less consumer's start-up is not the transport's).
  field() { echo "$out" | awk -v k="$1" 'index($0, "  " k " ") == 1 && substr($0, length(k) + 3) ~ /^ +[0-9.A-Z]+$/ { print $NF }'; }
  printf '%-9s %-7s records/s=%-9s MB/s=%-8s after_first_records/s=%-9s broker_cpu_s=%-5s client_cpu_s=%-5s %s load=%s\n' \
    "$1" "$2" "$(field records/s)" "$(field "MB/s (payload)")" "$(field "records/s after first")" \
    "$(echo "scale=2; ($c1-$c0)/100" | bc)" "$(echo "$out" | awk '/^client_cpu/{print $2 + $3}')" "$(field result)" \
    "$(cut -d' ' -f1 /proc/loadavg)"
}

for r in $(seq 1 "$rounds"); do
  for proto in PLAINTEXT SSL; do
    run $proto produce "t-$proto-$r"
    run $proto consume "t-$proto-$r"
  done
done
kill -TERM $pid
wait $pid 2>/dev/null
rm -rf "$dir"
