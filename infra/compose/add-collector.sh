#!/usr/bin/env bash
# Registers one CHT host with the central services and writes what its collector needs into DIR/hosts/<id>/:
#   its own Kafka user (SCRAM, ACLs of a collector: writes the ingest topics, reads storage's events, in its own
#   consumer group), its own sender key (crypto refuses its parts without it), its own dedup key, and the public
#   keys it checks or seals to. Copy that folder to the host (e.g. /etc/cht-backup) over a secure channel, then
#   delete it here: only the registration (senders/<id>.pub, the Kafka user) stays central.
# Run again for the same id to rotate the host's credentials: the old sender key and password stop working.
#   infra/compose/add-collector.sh [DIR] DEPLOYMENT_ID [--kafka-host NAME]
set -euo pipefail
cd "$(dirname "$0")"
DIR=./secrets
KAFKA_HOST=kafka
TAG=${CHT_BACKUP_TAG:-latest}
ID=
args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --kafka-host) KAFKA_HOST=$2; shift ;;
    -*) echo "usage: $0 [DIR] DEPLOYMENT_ID [--kafka-host NAME]" >&2; exit 2 ;;
    *) args+=("$1") ;;
  esac
  shift
done
case ${#args[@]} in
  1) ID=${args[0]} ;;
  2) DIR=${args[0]}; ID=${args[1]} ;;
  *) echo "usage: $0 [DIR] DEPLOYMENT_ID [--kafka-host NAME]" >&2; exit 2 ;;
esac
[[ "$ID" =~ ^[a-z0-9][a-z0-9-]{0,62}$ ]] || { echo "deployment id '$ID': 1-63 of a-z, 0-9, '-'" >&2; exit 2; }
[ -s "$DIR/api-token" ] || { echo "$DIR holds no secrets: run init.sh first" >&2; exit 1; }
DIR=$(cd "$DIR" && pwd)
random() { head -c 24 /dev/urandom | base64 | tr -d '=+/\n'; }
umask 077
HOST="$DIR/hosts/$ID"
rm -rf "$HOST"; mkdir -p "$HOST"

docker run --rm --user 0 -v "$DIR:/out" "cht-backup/crypto:$TAG" \
  keys sender --deployment "$ID" --out "/out/hosts/$ID" --register /out/crypto/senders >/dev/null
chmod 0444 "$DIR/crypto/senders/$ID.pub"

pw=$(random)
users="$DIR/kafka/kafka-users"
chmod u+w "$users"
grep -v "^collector-$ID " "$users" >"$users.new" || true
echo "collector-$ID $pw" >>"$users.new"
mv "$users.new" "$users"; chown 10001:10001 "$users"; chmod 0400 "$users"

cp "$DIR/kafka-ca.pem" "$HOST/kafka-ca.pem"
cat >"$HOST/collector.yml" <<YML
# cht-backup collector of $ID: secrets, read by the collector only (SPRING_CONFIG_IMPORT).
spring:
  cloud.stream.kafka.binder.brokers: $KAFKA_HOST:9093
  kafka:
    security:
      protocol: SASL_SSL
    properties:
      ssl.truststore.type: PEM
      ssl.truststore.location: /etc/cht-backup/kafka-ca.pem
      sasl.mechanism: SCRAM-SHA-512
      sasl.jaas.config: org.apache.kafka.common.security.scram.ScramLoginModule required username="collector-$ID" password="$pw";
collector:
  deployment-id: $ID
  dedup-key: $(head -c 32 /dev/urandom | base64 | tr -d '\n')
  sealing-public-key: $(cat "$DIR/keys/sealing.pub")
  sender-key: $(cat "$HOST/$ID.sender.key")
  storage-event-key: $(cat "$DIR/keys/storage-events.pub")
cht-backup:
  api:
    token: $(cat "$DIR/api-token")
YML
rm -f "$HOST/$ID.sender.key"
chmod 0400 "$HOST"/*

# Apply the new user and its ACLs now if the broker runs (it also applies kafka-users at every start).
kafka=$(docker ps -q --filter label=com.docker.compose.service=kafka | head -1)
if [ -n "$kafka" ]; then
  docker exec "$kafka" /opt/kafka/acls.sh
fi
echo "collector $ID registered; its configuration is in $HOST (copy it to the host, then remove it here)"
