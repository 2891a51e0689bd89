#!/usr/bin/env bash
# Makes every secret the central compose needs, once, into DIR (default ./secrets next to central.yml):
#   keys (keys generate: sealing, signing, storage events, ops and escrow recipients), a broker certificate,
#   SCRAM passwords for crypto, storage and verify, S3 credentials, the API token; one folder per container with
#   only what that container needs, owned by the containers' uid 10001, mode 0400.
# Run as root on the central host, after infra/images/build.sh. Keep DIR/offline (the recipients' secret keys)
# off this host once copied to safe storage: verify needs ops.asc only.
#   infra/compose/init.sh [DIR] [--kafka-host NAME]   (NAME: how collectors reach Kafka; also in the certificate)
set -euo pipefail
cd "$(dirname "$0")"
DIR=./secrets
KAFKA_HOST=kafka
TAG=${CHT_BACKUP_TAG:-latest}
while [ $# -gt 0 ]; do
  case "$1" in
    --kafka-host) KAFKA_HOST=$2; shift ;;
    -*) echo "usage: $0 [DIR] [--kafka-host NAME]" >&2; exit 2 ;;
    *) DIR=$1 ;;
  esac
  shift
done
if [ -e "$DIR/api-token" ]; then
  echo "$DIR already holds secrets: remove it to start over" >&2; exit 1
fi
mkdir -p "$DIR"; DIR=$(cd "$DIR" && pwd); chmod 700 "$DIR"
random() { head -c 24 /dev/urandom | base64 | tr -d '=+/\n'; }
tool() { docker run --rm --user 0 --entrypoint "$1" -v "$DIR:/out" "cht-backup/crypto:$TAG" "${@:2}"; }

umask 077
mkdir -p "$DIR"/{keys,kafka,crypto/senders,storage,verify,prometheus,s3-primary,s3-offsite,hosts}
tool java -jar /opt/cht-backup/app.jar keys generate --out /out/keys --recipient ops,escrow >"$DIR/keys/fingerprints.txt"
random >"$DIR/api-token"

# Kafka: a self-signed certificate for the names collectors and services use, and one SCRAM user per role.
KEYSTORE_PW=$(random)
echo "KEYSTORE_PW=$KEYSTORE_PW" >"$DIR/kafka/kafka-broker.env"
tool keytool -genkeypair -alias broker -keyalg EC -groupname secp256r1 -dname "CN=$KAFKA_HOST" \
  -ext "SAN=dns:$KAFKA_HOST,dns:kafka,dns:localhost,ip:127.0.0.1" -validity 825 -storetype PKCS12 \
  -keystore /out/kafka/kafka-broker.p12 -storepass "$KEYSTORE_PW" -keypass "$KEYSTORE_PW" >/dev/null 2>&1
tool keytool -exportcert -rfc -alias broker -keystore /out/kafka/kafka-broker.p12 -storepass "$KEYSTORE_PW" \
  -file /out/kafka-ca.pem >/dev/null 2>&1
: >"$DIR/kafka/kafka-users"
for role in crypto storage verify; do
  pw=$(random)
  echo "$role $pw" >>"$DIR/kafka/kafka-users"
  cp "$DIR/kafka-ca.pem" "$DIR/$role/kafka-ca.pem"
  cat >"$DIR/$role/kafka.yml" <<YML
spring:
  kafka:
    security:
      protocol: SASL_SSL
    properties:
      ssl.truststore.type: PEM
      ssl.truststore.location: /run/secrets/kafka-ca.pem
      sasl.mechanism: SCRAM-SHA-512
      sasl.jaas.config: org.apache.kafka.common.security.scram.ScramLoginModule required username="$role" password="$pw";
cht-backup:
  api:
    token: $(cat "$DIR/api-token")
YML
done

for loc in primary offsite; do
  printf 'ACCESS_KEY=%s\nSECRET_KEY=%s\n' "cht-$loc" "$(random)" >"$DIR/s3-$loc/s3-credentials.env"
done
s3() { sed -n "s/^$2=//p" "$DIR/s3-$1/s3-credentials.env"; }
locations() {
  cat <<YML
$1:
  locations:
    primary:
      access-key: $(s3 primary ACCESS_KEY)
      secret-key: $(s3 primary SECRET_KEY)
    offsite:
      access-key: $(s3 offsite ACCESS_KEY)
      secret-key: $(s3 offsite SECRET_KEY)
YML
}

cp "$DIR/keys/sealing.key" "$DIR/keys/signing.asc" "$DIR/keys/ops.pub.asc" "$DIR/keys/escrow.pub.asc" "$DIR/crypto/"
{ locations storage; echo "  event-signing-key: $(cat "$DIR/keys/storage-events.key")"; } >"$DIR/storage/storage.yml"
locations verify >"$DIR/verify/verify.yml"
cp "$DIR/keys/ops.asc" "$DIR/keys/signing.pub.asc" "$DIR/verify/"
cp "$DIR/api-token" "$DIR/prometheus/api-token"
# What no central container needs: keep it offline.
mkdir -p "$DIR/offline"; mv "$DIR/keys/escrow.asc" "$DIR/offline/"

# The containers run as uid 10001 and read their own folder only.
chown -R 10001:10001 "$DIR"/{kafka,crypto,storage,verify,prometheus,s3-primary,s3-offsite}
find "$DIR"/{kafka,crypto,storage,verify,prometheus,s3-primary,s3-offsite} -type f -exec chmod 0400 {} +
find "$DIR"/{kafka,crypto,storage,verify,prometheus,s3-primary,s3-offsite} -type d -exec chmod 0500 {} +
# crypto re-reads senders/ as hosts are added (add-collector.sh writes there as root).
chmod 0755 "$DIR/crypto" "$DIR/crypto/senders"
echo "secrets in $DIR (API token: $DIR/api-token); escrow.asc moved to $DIR/offline: store it offline"
