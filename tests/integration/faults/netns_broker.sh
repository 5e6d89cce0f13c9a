#!/bin/sh
# partita-broker launcher of the faults suite's network-namespace slot (LocalCluster runs it as its broker binary
# with the server.properties it wrote). The broker whose id is $PARTITA_NETNS_BROKER_ID runs inside network
# namespace $PARTITA_NETNS_NAME: it listens on $PARTITA_NETNS_ADDR, advertises the root-namespace forwarder
# $PARTITA_NETNS_ADVERTISED (same port) and reaches ZooKeeper through $PARTITA_NETNS_ZK. Every other broker runs
# unchanged. exec keeps the pid, so LocalCluster's kill -9 reaches the broker itself.
props="$1"
id=$(sed -n 's/^broker\.id=//p' "$props")
if [ "$id" != "$PARTITA_NETNS_BROKER_ID" ]; then
  exec "$PARTITA_NETNS_REAL_BROKER" "$props"
fi
port=$(sed -n 's/^listeners=PLAINTEXT:\/\/.*:\([0-9]*\)$/\1/p' "$props")
out="${props%.properties}.netns.properties"
sed -e "s#^listeners=.*#listeners=PLAINTEXT://$PARTITA_NETNS_ADDR:$port#" \
    -e "s#^zookeeper\.connect=.*#zookeeper.connect=$PARTITA_NETNS_ZK#" "$props" > "$out"
echo "advertised.listeners=PLAINTEXT://$PARTITA_NETNS_ADVERTISED:$port" >> "$out"
exec ip netns exec "$PARTITA_NETNS_NAME" "$PARTITA_NETNS_REAL_BROKER" "$out"
