#!/bin/bash
# One KRaft node for the central compose (infra/compose/central.yml):
#   SASL_SSL (SCRAM-SHA-512) on :9093 for every client, advertised as $KAFKA_ADVERTISED_HOST (default kafka);
#   PLAINTEXT on 127.0.0.1:9092 inside this container only, for the broker itself and the admin steps below.
# Secrets (mounted at /run/secrets, made by infra/compose/init.sh): kafka-broker.env (keystore password),
# kafka-broker.p12 (key and certificate), kafka-users (one "principal password" per line). On every start the
# users' SCRAM credentials and the ACLs of each role are applied (acls.sh), so adding a collector is a line in
# kafka-users and a restart, or acls.sh run with docker exec.
set -euo pipefail
SECRETS=${KAFKA_SECRETS:-/run/secrets}
DATA=/var/lib/kafka
CP="/opt/kafka/libs/*"
JAVA=(java -Xms128m -Xmx${KAFKA_HEAP:-512m} -XX:G1HeapRegionSize=16m -Dlog4j2.configurationFile=/opt/kafka/log4j2.properties -cp "$CP")
# shellcheck disable=SC1091
. "$SECRETS/kafka-broker.env"
rm -f "$DATA/ready"

cat >"$DATA/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:9094
listeners=INTERNAL://127.0.0.1:9092,EXTERNAL://0.0.0.0:9093,CONTROLLER://127.0.0.1:9094
advertised.listeners=INTERNAL://127.0.0.1:9092,EXTERNAL://${KAFKA_ADVERTISED_HOST:-kafka}:9093
listener.security.protocol.map=INTERNAL:PLAINTEXT,EXTERNAL:SASL_SSL,CONTROLLER:PLAINTEXT
controller.listener.names=CONTROLLER
inter.broker.listener.name=INTERNAL
listener.name.external.sasl.enabled.mechanisms=SCRAM-SHA-512
listener.name.external.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;
# A rotated or deleted password ends open sessions too, within 15 minutes (clients re-authenticate).
connections.max.reauth.ms=900000
ssl.keystore.type=PKCS12
ssl.keystore.location=$SECRETS/kafka-broker.p12
ssl.keystore.password=$KEYSTORE_PW
ssl.key.password=$KEYSTORE_PW
authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer
# The loopback listener and the controller are reachable from inside this container only.
super.users=User:ANONYMOUS
allow.everyone.if.no.acl.found=false
log.dirs=$DATA/data
num.partitions=8
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
group.initial.rebalance.delay.ms=0
message.max.bytes=16777216
replica.fetch.max.bytes=16777216
# Let TCP size each socket's buffers (-1) instead of Kafka's fixed 100 KiB: packs are records of up to 4 MiB, and a
# fixed buffer caps a connection at buffer / round trip (under 1 MB/s to a collector 150 ms away).
socket.send.buffer.bytes=-1
socket.receive.buffer.bytes=-1
PROPS
chmod 600 "$DATA/server.properties"

if [ ! -f "$DATA/data/meta.properties" ]; then
  cluster=$("${JAVA[@]}" kafka.tools.StorageTool random-uuid 2>/dev/null | tail -1)
  "${JAVA[@]}" kafka.tools.StorageTool format -t "$cluster" -c "$DATA/server.properties" >/dev/null
fi

"${JAVA[@]}" kafka.Kafka "$DATA/server.properties" &
broker=$!
# docker stop sends SIGTERM to this script: pass it on and wait for a clean broker shutdown.
trap 'kill -TERM $broker 2>/dev/null; wait $broker; exit 0' TERM INT
for _ in $(seq 1 120); do
  (echo > /dev/tcp/127.0.0.1/9092) 2>/dev/null && break
  kill -0 $broker 2>/dev/null || { echo "kafka exited during start" >&2; exit 1; }
  sleep 1
done
/opt/kafka/acls.sh
touch "$DATA/ready"
echo "kafka: SASL_SSL on :9093 as ${KAFKA_ADVERTISED_HOST:-kafka}, users and ACLs applied"
wait $broker
