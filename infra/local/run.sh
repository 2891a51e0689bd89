#!/usr/bin/env bash
# The embedded default: one command that starts a real Kafka broker (KRaft, from the Kafka jars), two
# S3-compatible servers (s3proxy, filesystem provider) and a directory as the three locations, plus the four
# services, then backs up the bundled sample CHT host, drills a restore from every location and prints the
# report. Everything listens on loopback only. Ctrl-C (or the end of the run) stops everything it started.
#
#   infra/local/run.sh                 build, back up the sample host, drill, report, stop
#   infra/local/run.sh --keep-running  same, then keep the stack up until Ctrl-C
#   infra/local/run.sh --pull          allow `docker pull couchdb:3.4.3` when the image is not loaded
#   infra/local/run.sh --kafka-sasl    the broker takes SASL_SSL only (a keytool certificate, SASL/PLAIN users)
#   CHT_HOST_ROOT=/ infra/local/run.sh back up another host root instead of the sample
#
# Where a CouchDB exists, the sample host runs for real: COUCHDB_HOME (an Apache CouchDB installation with
# bin/couchdb), else Docker with the image couchdb:3.4.3 (CHT_COUCHDB_IMAGE) already loaded. A live CouchDB then
# serves a copy of the sample host's data; the collector reads its live statistics before and after the copy,
# a few documents are written to it while the snapshot runs, and the drills boot their scratch CouchDB with the
# same kind of launcher. Without one, the drills report INCOMPLETE (no scratch CouchDB) and say how to get one.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
HERE="$ROOT/infra/local"
STATE="${CHT_BACKUP_LOCAL_DIR:-$ROOT/local-stack}"
HOST_ROOT="${CHT_HOST_ROOT:-$ROOT/fixtures/cht-host}"
DEPLOYMENT="${CHT_DEPLOYMENT_ID:-sample-clinic}"
KEEP_RUNNING=0; PULL=0; SASL=0
for arg in "$@"; do
  case "$arg" in
    --keep-running) KEEP_RUNNING=1 ;;
    --pull) PULL=1 ;;
    --kafka-sasl) SASL=1 ;;
    *) echo "unknown option $arg (use --keep-running, --pull, --kafka-sasl)" >&2; exit 2 ;;
  esac
done
COUCHDB_IMAGE="${CHT_COUCHDB_IMAGE:-couchdb:3.4.3}"

KAFKA_PORT=19092; CONTROLLER_PORT=19093; S3_PRIMARY_PORT=19000; S3_OFFSITE_PORT=19001
COLLECTOR_PORT=18081; CRYPTO_PORT=18082; STORAGE_PORT=18083; VERIFY_PORT=18084
S3_ACCESS=local-access; S3_SECRET=local-secret-key
# Full JIT (C2): it halves the CPU of every byte-crunching stage (docs/benchmarks.md), storage's repair (SHA-256 of
# every copy) included: C1 alone has no SHA intrinsic, and cost storage 2.3 times its CPU over a bench run. Heaps
# are small because records are bounded packs; metaspace and code cache are capped so a service stays under 512 MiB
# RSS. NIO keeps a direct copy of every heap buffer it writes or reads, per thread, as large as the largest: 70 MiB
# in verify (native memory tracking, docs/benchmarks.md); capping what it caches at 1 MiB frees them after use.
# glibc keeps native memory the JVM frees (compiler arenas, those buffers) and RSS only grows: storage crept from
# 503 to 511 MiB over a 5 GB run's repairs while what the JVM held fell. Trimming every 5 s hands it back (38 MiB).
JAVA_OPTS_SERVICE=(-Xms64m -Xmx256m -XX:+UseSerialGC -XX:MaxMetaspaceSize=160m -XX:ReservedCodeCacheSize=64m
  -Djdk.nio.maxCachedBufferSize=1048576 -XX:TrimNativeHeapInterval=5000)
# glibc gives each thread that allocates its own arena (8 per core); two bound the services' native heap.
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"
# A drill holds at most verify.restore-parallelism packs (4 x about 25 MiB); with 256 MiB the serial collector let
# verify's heap grow to its cap and verify peaked at 518 MiB RSS (docs/benchmarks.md). 192 MiB leaves it room.
JAVA_OPTS_VERIFY=("${JAVA_OPTS_SERVICE[@]}" -Xmx192m)
# CHT_BACKUP_JAVA_OPTS replaces the services' JVM options (bench/run.sh uses it to compare JIT settings)
if [ -n "${CHT_BACKUP_JAVA_OPTS:-}" ]; then
  read -r -a JAVA_OPTS_SERVICE <<<"$CHT_BACKUP_JAVA_OPTS"
  JAVA_OPTS_VERIFY=("${JAVA_OPTS_SERVICE[@]}")
fi

PIDS=()
LIVE_CONTAINER=""; LIVE_EPMD_PORT=""; LIVE_DATA=""
say() { printf '\033[1m[local-stack]\033[0m %s\n' "$*"; }
stop_all() {
  trap - EXIT INT TERM
  if [ ${#PIDS[@]} -gt 0 ]; then
    say "stopping ${#PIDS[@]} processes"
    for (( i=${#PIDS[@]}-1; i>=0; i-- )); do kill "${PIDS[$i]}" 2>/dev/null || true; done
    for pid in "${PIDS[@]}"; do
      for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
      kill -9 "$pid" 2>/dev/null || true
    done
  fi
  if [ -n "$LIVE_CONTAINER" ]; then
    say "removing the live CouchDB container $LIVE_CONTAINER"
    docker rm -f "$LIVE_CONTAINER" >/dev/null 2>&1 || true
    # The image's entrypoint gave the data copy to its couchdb user (uid 5984): hand it back to whoever ran this.
    if [ "$(id -u)" != 0 ] && [ -n "$LIVE_DATA" ]; then
      docker run --rm --entrypoint chown -v "$LIVE_DATA:/data" "$COUCHDB_IMAGE" -R "$(id -u):$(id -g)" /data \
        >/dev/null 2>&1 || say "could not give $LIVE_DATA back to $(id -un): remove it with sudo"
    fi
  fi
  if [ -n "$LIVE_EPMD_PORT" ]; then
    # erl started its own epmd on that port for the live CouchDB; it outlives CouchDB unless told to stop.
    for epmd in "$COUCHDB_HOME"/erts-*/bin/epmd; do
      [ -x "$epmd" ] && ERL_EPMD_PORT=$LIVE_EPMD_PORT "$epmd" -kill >/dev/null 2>&1 || true
    done
  fi
}
trap stop_all EXIT
trap 'exit 130' INT TERM

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
free_port() { local p=$1; while ! port_free "$p"; do p=$((p + 1)); done; echo "$p"; }
wait_port() { # name port pid log
  for _ in $(seq 1 240); do
    if ! kill -0 "$3" 2>/dev/null; then say "$1 exited; last lines of $4:"; tail -20 "$4"; exit 1; fi
    port_free "$2" || return 0
    sleep 0.5
  done
  say "$1 did not open port $2 in 120 s; see $4"; exit 1
}
wait_http() { # name url pid log
  for _ in $(seq 1 240); do
    if ! kill -0 "$3" 2>/dev/null; then say "$1 exited; last lines of $4:"; tail -30 "$4"; exit 1; fi
    curl -fsS "$2" >/dev/null 2>&1 && return 0
    sleep 0.5
  done
  say "$1 not healthy at $2 in 120 s; see $4"; exit 1
}
start() { # name log cmd...
  local name=$1 log=$2; shift 2
  "$@" >"$log" 2>&1 &
  PIDS+=($!)
  LAST_PID=$!
}

command -v java >/dev/null || { echo "java 17+ is required on PATH" >&2; exit 1; }
command -v curl >/dev/null || { echo "curl is required on PATH" >&2; exit 1; }
for p in $KAFKA_PORT $CONTROLLER_PORT $S3_PRIMARY_PORT $S3_OFFSITE_PORT $COLLECTOR_PORT $CRYPTO_PORT $STORAGE_PORT $VERIFY_PORT; do
  port_free "$p" || { echo "port $p on 127.0.0.1 is in use: stop what holds it (another local stack?)" >&2; exit 1; }
done

# --- build --------------------------------------------------------------------------------------------
jar() { ls "$ROOT"/$1/target/$1-*-exec.jar 2>/dev/null | head -1; }
if [ -z "$(jar collector-service)" ] || [ -z "$(jar verify-service)" ] || [ ! -f "$ROOT/infra/target/s3proxy/s3proxy.jar" ] \
   || [ "${CHT_BACKUP_REBUILD:-0}" = 1 ]; then
  say "building (first run only; CHT_BACKUP_REBUILD=1 forces it)"
  (cd "$ROOT" && ./mvnw -q -B -ntp -DskipTests package)
fi

# --- a CouchDB to run the sample host on, and for the drills' scratch CouchDB ------------------------------
# COUCHDB_HOME first, then Docker with the image loaded (never pulled unless --pull). Only for the bundled
# sample host: another CHT_HOST_ROOT is backed up as files, as before.
COUCHDB_KIND=none; NO_COUCHDB_WHY=""
if [ -n "${CHT_HOST_ROOT:-}" ]; then
  NO_COUCHDB_WHY="CHT_HOST_ROOT is set: only the bundled sample host is served by a live CouchDB"
elif [ -n "${COUCHDB_HOME:-}" ]; then
  [ -x "$COUCHDB_HOME/bin/couchdb" ] || { echo "COUCHDB_HOME=$COUCHDB_HOME has no executable bin/couchdb:" \
    "point it at an Apache CouchDB installation (the folder holding bin/ and etc/)" >&2; exit 1; }
  COUCHDB_KIND=process
elif command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1; then
  if docker image inspect "$COUCHDB_IMAGE" >/dev/null 2>&1; then
    COUCHDB_KIND=docker
  elif [ $PULL = 1 ]; then
    say "pulling $COUCHDB_IMAGE (--pull)"
    docker pull "$COUCHDB_IMAGE" && COUCHDB_KIND=docker || NO_COUCHDB_WHY="docker pull $COUCHDB_IMAGE failed"
  else
    NO_COUCHDB_WHY="the Docker engine has no image $COUCHDB_IMAGE and this script never pulls without --pull"
  fi
else
  NO_COUCHDB_WHY="COUCHDB_HOME is not set and no Docker engine answers"
fi

# --- state: fresh run directory; keys survive between runs ----------------------------------------------
RUN="$STATE/run"
if [ -d "$RUN" ] && ! rm -rf "$RUN" 2>/dev/null; then
  echo "cannot remove the last run's $RUN (files left by a CouchDB container?): remove it, e.g. with sudo" >&2; exit 1
fi
mkdir -p "$RUN"/{logs,kafka,s3-primary,s3-offsite,nas,scratch,reports,verify-data}
KEYS="$STATE/keys"
if [ ! -f "$KEYS/sealing.key" ]; then
  say "generating keys in $KEYS (sealing, signing, storage events, ops and escrow recipients, dedup)"
  java -jar "$(jar crypto-service)" keys generate --out "$KEYS" --recipient ops,escrow
elif [ ! -f "$KEYS/storage-events.key" ]; then
  # A key folder from before storage signed its events: add only the new pair, keep every other key.
  say "adding the storage event-signing pair to $KEYS"
  tmp_keys=$(mktemp -d)
  java -jar "$(jar crypto-service)" keys generate --out "$tmp_keys" --recipient ops >/dev/null
  mv "$tmp_keys/storage-events.key" "$tmp_keys/storage-events.pub" "$KEYS/"
  rm -rf "$tmp_keys"
fi
# The sample host's own sender key; crypto accepts its parts because its public half is registered in senders/.
if [ ! -f "$KEYS/hosts/$DEPLOYMENT.sender.key" ] || [ ! -f "$KEYS/senders/$DEPLOYMENT.pub" ]; then
  say "registering sender key of $DEPLOYMENT"
  java -jar "$(jar crypto-service)" keys sender --deployment "$DEPLOYMENT" --out "$KEYS/hosts" --register "$KEYS/senders"
fi
# Every HTTP operation (snapshot, drill, repair, prune) and page needs this token (docs/security.md); curl reads it
# from a config file, so it never shows in a process list.
if [ ! -s "$STATE/api-token" ]; then
  (umask 077; head -c 32 /dev/urandom | base64 | tr -d '=+/\n' >"$STATE/api-token")
fi
export CHT_BACKUP_API_TOKEN; CHT_BACKUP_API_TOKEN=$(cat "$STATE/api-token")
(umask 077; printf 'header = "Authorization: Bearer %s"\n' "$CHT_BACKUP_API_TOKEN" >"$STATE/api-curl.cfg")
API_CURL=(-K "$STATE/api-curl.cfg")

# --- Kafka broker in KRaft mode -------------------------------------------------------------------------
LISTENER=PLAINTEXT
if [ $SASL = 1 ]; then
  # docs/security.md: a self-signed certificate (trusted as a PEM file) and one SASL/PLAIN user for the services;
  # the passwords reach the services through SPRING_APPLICATION_JSON, so no process list shows them.
  LISTENER=SASL_SSL
  TLS="$STATE/kafka-tls"; mkdir -p "$TLS"; chmod 700 "$TLS"
  if [ ! -s "$TLS/secrets" ]; then
    (umask 077; for n in KEYSTORE ADMIN SERVICE; do echo "${n}_PW=$(head -c 18 /dev/urandom | base64 | tr -d '=+/\n')"; done >"$TLS/secrets")
  fi
  # shellcheck disable=SC1091
  . "$TLS/secrets"
  if [ ! -s "$TLS/broker.pem" ]; then
    rm -f "$TLS/broker.p12"
    keytool -genkeypair -alias broker -keyalg EC -groupname secp256r1 -dname CN=localhost \
      -ext SAN=dns:localhost,ip:127.0.0.1 -validity 365 -storetype PKCS12 -keystore "$TLS/broker.p12" \
      -storepass "$KEYSTORE_PW" -keypass "$KEYSTORE_PW" >/dev/null 2>&1
    keytool -exportcert -rfc -alias broker -keystore "$TLS/broker.p12" -storepass "$KEYSTORE_PW" \
      -file "$TLS/broker.pem" >/dev/null 2>&1
  fi
  JAAS_SERVICE="org.apache.kafka.common.security.plain.PlainLoginModule required username=\"cht-backup\" password=\"$SERVICE_PW\";"
  export SPRING_APPLICATION_JSON; SPRING_APPLICATION_JSON=$(printf '{"spring.kafka.security.protocol":"SASL_SSL","spring.kafka.properties.ssl.truststore.type":"PEM","spring.kafka.properties.ssl.truststore.location":"%s","spring.kafka.properties.sasl.mechanism":"PLAIN","spring.kafka.properties.sasl.jaas.config":"%s"}' \
    "$TLS/broker.pem" "$(printf '%s' "$JAAS_SERVICE" | sed 's/"/\\"/g')")
fi
(umask 077; cat >"$RUN/kafka/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$CONTROLLER_PORT
listeners=$LISTENER://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$CONTROLLER_PORT
advertised.listeners=$LISTENER://127.0.0.1:$KAFKA_PORT
controller.listener.names=CONTROLLER
listener.security.protocol.map=$LISTENER:$LISTENER,CONTROLLER:PLAINTEXT
inter.broker.listener.name=$LISTENER
log.dirs=$RUN/kafka/data
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
)
if [ $SASL = 1 ]; then
  cat >>"$RUN/kafka/server.properties" <<PROPS
sasl.enabled.mechanisms=PLAIN
sasl.mechanism.inter.broker.protocol=PLAIN
listener.name.sasl_ssl.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="admin" password="$ADMIN_PW" user_admin="$ADMIN_PW" user_cht-backup="$SERVICE_PW";
ssl.keystore.type=PKCS12
ssl.keystore.location=$TLS/broker.p12
ssl.keystore.password=$KEYSTORE_PW
ssl.key.password=$KEYSTORE_PW
ssl.truststore.type=PEM
ssl.truststore.location=$TLS/broker.pem
PROPS
fi
KAFKA_CP="$ROOT/infra/target/kafka-lib/*"
# Every pack crosses the broker as one record of up to 4 MiB, and the broker reads each produce request into one
# buffer: with G1's default 1 MiB regions (a 512 MiB heap) every such buffer is a humongous object. 16 MiB regions
# keep them ordinary young objects. C1 only: the broker copies bytes, and C2 spent 1.5 CPU s compiling it during the
# bench's first snapshot on these two cores without making it faster (docs/benchmarks.md).
KAFKA_JAVA=(java -Xms128m -Xmx512m -XX:G1HeapRegionSize=16m -XX:TieredStopAtLevel=1 -Dlog4j2.configurationFile="$HERE/kafka-log4j2.properties" -cp "$KAFKA_CP")
CLUSTER_ID=$("${KAFKA_JAVA[@]}" kafka.tools.StorageTool random-uuid 2>/dev/null | tail -1)
"${KAFKA_JAVA[@]}" kafka.tools.StorageTool format -t "$CLUSTER_ID" -c "$RUN/kafka/server.properties" >"$RUN/logs/kafka-format.log" 2>&1
say "starting Kafka (KRaft, $LISTENER) on 127.0.0.1:$KAFKA_PORT"
start kafka "$RUN/logs/kafka.log" "${KAFKA_JAVA[@]}" kafka.Kafka "$RUN/kafka/server.properties"
KAFKA_PID=$LAST_PID

# --- two S3-compatible servers (s3proxy, filesystem provider) -----------------------------------------
for loc in primary offsite; do
  port=$S3_PRIMARY_PORT; [ $loc = offsite ] && port=$S3_OFFSITE_PORT
  cat >"$RUN/s3-$loc.properties" <<PROPS
s3proxy.endpoint=http://127.0.0.1:$port
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=$S3_ACCESS
s3proxy.credential=$S3_SECRET
jclouds.provider=filesystem-nio2
jclouds.filesystem.basedir=$RUN/s3-$loc
PROPS
  say "starting S3 location '$loc' (s3proxy) on 127.0.0.1:$port"
  # s3proxy stands in for a remote S3 on the same cores as everything else: the serial collector costs it least
  # (1.5 CPU s less for the bench's first snapshot than G1, docs/benchmarks.md), and C1 alone: C2 spent 1.1 CPU s
  # compiling each during that snapshot
  start "s3-$loc" "$RUN/logs/s3-$loc.log" java -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -jar "$ROOT/infra/target/s3proxy/s3proxy.jar" --properties "$RUN/s3-$loc.properties"
  eval "S3_${loc}_PID=$LAST_PID"
done
wait_port kafka $KAFKA_PORT $KAFKA_PID "$RUN/logs/kafka.log"
wait_port s3-primary $S3_PRIMARY_PORT "$S3_primary_PID" "$RUN/logs/s3-primary.log"
wait_port s3-offsite $S3_OFFSITE_PORT "$S3_offsite_PID" "$RUN/logs/s3-offsite.log"

# --- the live CouchDB of the sample host (on a copy of its data) -----------------------------------------
COLLECTOR_HOST=(--collector.host-root="$HOST_ROOT")
VERIFY_SCRATCH=()
if [ $COUCHDB_KIND != none ]; then
  cp -a "$HOST_ROOT" "$RUN/host"
  LIVE_DATA="$RUN/host/home/ubuntu/cht/couchdb"
  ENV_FILE="$RUN/host/home/ubuntu/cht/upgrade-service/.env"
  env_value() { sed -nE "s/^$1=(.*)$/\1/p" "$ENV_FILE" | tail -1; }
  LIVE_USER=$(env_value COUCHDB_USER); LIVE_PASSWORD=$(env_value COUCHDB_PASSWORD)
  LIVE_PORT=$(free_port 15984)
  mkdir -p "$RUN/live-couchdb"; chmod 700 "$RUN/live-couchdb"
  # curl reads the credentials from a file, so the password never shows in a process list
  printf 'user = "%s:%s"\n' "$LIVE_USER" "$LIVE_PASSWORD" >"$RUN/live-couchdb/curl.cfg"
  if [ $COUCHDB_KIND = process ]; then
    LIVE_EPMD_PORT=$(free_port 14369)
    cat >"$RUN/live-couchdb/vm.args" <<ARGS
-name couchdb@127.0.0.1
-setcookie $(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
-kernel inet_dist_use_interface {127,0,0,1}
-kernel error_logger silent
-sasl sasl_error_logger false
-kernel prevent_overlapping_partitions false
+Bd -noinput
ARGS
    cat >"$RUN/live-couchdb/local.ini" <<INI
[couchdb]
database_dir = $LIVE_DATA
view_index_dir = $LIVE_DATA
uuid = $(env_value COUCHDB_UUID)
single_node = true

[chttpd]
bind_address = 127.0.0.1
port = $LIVE_PORT

[chttpd_auth]
secret = $(env_value COUCHDB_SECRET)

[admins]
$LIVE_USER = $LIVE_PASSWORD
INI
    say "starting the sample host's CouchDB ($COUCHDB_HOME) on 127.0.0.1:$LIVE_PORT, epmd on $LIVE_EPMD_PORT"
    start couchdb-live "$RUN/logs/couchdb-live.log" env ERL_EPMD_PORT="$LIVE_EPMD_PORT" \
      COUCHDB_ARGS_FILE="$RUN/live-couchdb/vm.args" \
      COUCHDB_INI_FILES="$COUCHDB_HOME/etc/default.ini $RUN/live-couchdb/local.ini" "$COUCHDB_HOME/bin/couchdb"
    LIVE_PID=$LAST_PID
    VERIFY_SCRATCH=(--verify.scratch.launchers=process --verify.scratch.couchdb-install-dir="$COUCHDB_HOME")
  else
    LIVE_CONTAINER="cht-backup-local-live-$$"
    say "starting the sample host's CouchDB ($COUCHDB_IMAGE) on 127.0.0.1:$LIVE_PORT"
    # The official image's contract: admin from COUCHDB_USER/COUCHDB_PASSWORD (passed by name, not on the
    # command line), node couchdb@$NODENAME as in the shard map, data at /opt/couchdb/data.
    COUCHDB_USER="$LIVE_USER" COUCHDB_PASSWORD="$LIVE_PASSWORD" COUCHDB_SECRET="$(env_value COUCHDB_SECRET)" \
      docker run -d --name "$LIVE_CONTAINER" --label org.chtbackup.local=live \
      -e COUCHDB_USER -e COUCHDB_PASSWORD -e COUCHDB_SECRET -e NODENAME=127.0.0.1 \
      -v "$LIVE_DATA:/opt/couchdb/data" -p "127.0.0.1:$LIVE_PORT:5984" "$COUCHDB_IMAGE" >/dev/null
    start couchdb-live "$RUN/logs/couchdb-live.log" docker logs -f "$LIVE_CONTAINER"
    LIVE_PID=$LAST_PID
    VERIFY_SCRATCH=(--verify.scratch.launchers=docker --verify.scratch.image="$COUCHDB_IMAGE"
                    --verify.scratch.docker-host="${DOCKER_HOST:-unix:///var/run/docker.sock}")
  fi
  for _ in $(seq 1 240); do
    curl -fsS "http://127.0.0.1:$LIVE_PORT/_up" >/dev/null 2>&1 && break
    if ! kill -0 "$LIVE_PID" 2>/dev/null; then say "the live CouchDB exited; last lines of its log:"; tail -30 "$RUN/logs/couchdb-live.log"; exit 1; fi
    sleep 0.5
  done
  curl -fsS "http://127.0.0.1:$LIVE_PORT/_up" >/dev/null 2>&1 || { say "the live CouchDB did not answer /_up in 120 s; see $RUN/logs/couchdb-live.log"; exit 1; }
  medic=$(curl -fsS -K "$RUN/live-couchdb/curl.cfg" "http://127.0.0.1:$LIVE_PORT/medic" | sed -nE 's/.*"doc_count" *: *([0-9]+).*/\1/p')
  say "live CouchDB $(curl -fsS "http://127.0.0.1:$LIVE_PORT/" | sed -nE 's/.*"version" *: *"([^"]+)".*/\1/p') is up: medic holds ${medic:-?} documents"
  COLLECTOR_HOST=(--collector.host-root="$RUN/host" --collector.couchdb-url="http://127.0.0.1:$LIVE_PORT")
  HOST_ROOT="$RUN/host"
fi

# --- the four services ----------------------------------------------------------------------------------
export KAFKA_BROKERS=127.0.0.1:$KAFKA_PORT
locations() { # prefix
  echo "--$1.locations.primary.kind=S3" "--$1.locations.primary.endpoint=http://127.0.0.1:$S3_PRIMARY_PORT" \
       "--$1.locations.primary.bucket=cht-primary" "--$1.locations.primary.access-key=$S3_ACCESS" \
       "--$1.locations.primary.secret-key=$S3_SECRET" "--$1.locations.primary.media=object-store" \
       "--$1.locations.offsite.kind=S3" "--$1.locations.offsite.endpoint=http://127.0.0.1:$S3_OFFSITE_PORT" \
       "--$1.locations.offsite.bucket=cht-offsite" "--$1.locations.offsite.access-key=$S3_ACCESS" \
       "--$1.locations.offsite.secret-key=$S3_SECRET" "--$1.locations.offsite.media=object-store" \
       "--$1.locations.offsite.offsite=true" \
       "--$1.locations.nas.kind=FILESYSTEM" "--$1.locations.nas.path=$RUN/nas" "--$1.locations.nas.media=disk"
}
say "starting crypto, storage, verify and collector services"
start crypto "$RUN/logs/crypto.log" java "${JAVA_OPTS_SERVICE[@]}" -jar "$(jar crypto-service)" --server.port=$CRYPTO_PORT \
  --server.address=127.0.0.1 \
  --crypto.sealing-private-key-file="$KEYS/sealing.key" --crypto.sender-keys-dir="$KEYS/senders" \
  --crypto.recipient-key-files="$KEYS/ops.pub.asc,$KEYS/escrow.pub.asc" \
  --crypto.signing-key-file="$KEYS/signing.asc"
CRYPTO_PID=$LAST_PID
# Secrets reach the services through their environment, not the command line that ps shows.
export STORAGE_EVENT_SIGNING_KEY; STORAGE_EVENT_SIGNING_KEY=$(cat "$KEYS/storage-events.key")
# shellcheck disable=SC2046
start storage "$RUN/logs/storage.log" java "${JAVA_OPTS_SERVICE[@]}" -jar "$(jar storage-service)" --server.port=$STORAGE_PORT \
  --server.address=127.0.0.1 $(locations storage)
STORAGE_PID=$LAST_PID
unset STORAGE_EVENT_SIGNING_KEY
# shellcheck disable=SC2046
start verify "$RUN/logs/verify.log" java "${JAVA_OPTS_VERIFY[@]}" -jar "$(jar verify-service)" --server.port=$VERIFY_PORT \
  --server.address=127.0.0.1 $(locations verify) \
  --verify.decryption-key-files="$KEYS/ops.asc" --verify.trusted-signer-files="$KEYS/signing.pub.asc" \
  --verify.data-dir="$RUN/verify-data" --verify.scratch-dir="$RUN/scratch" --verify.report-dir="$RUN/reports" \
  ${VERIFY_SCRATCH[@]+"${VERIFY_SCRATCH[@]}"}
VERIFY_PID=$LAST_PID
export COLLECTOR_SENDER_KEY; COLLECTOR_SENDER_KEY=$(cat "$KEYS/hosts/$DEPLOYMENT.sender.key")
start collector "$RUN/logs/collector.log" java "${JAVA_OPTS_SERVICE[@]}" -jar "$(jar collector-service)" --server.port=$COLLECTOR_PORT \
  --server.address=127.0.0.1 \
  --collector.deployment-id="$DEPLOYMENT" "${COLLECTOR_HOST[@]}" \
  --collector.env-file=/home/ubuntu/cht/upgrade-service/.env --collector.tls-dir=/nginx-private \
  --collector.docker.enabled=false --collector.state-dir="$RUN/collector-state" \
  --collector.dedup-key="$(cat "$KEYS/dedup.key")" --collector.sealing-public-key="$(cat "$KEYS/sealing.pub")" \
  --collector.storage-event-key="$(cat "$KEYS/storage-events.pub")"
unset COLLECTOR_SENDER_KEY
COLLECTOR_PID=$LAST_PID
wait_http crypto "http://127.0.0.1:$CRYPTO_PORT/actuator/health" $CRYPTO_PID "$RUN/logs/crypto.log"
wait_http storage "http://127.0.0.1:$STORAGE_PORT/actuator/health" $STORAGE_PID "$RUN/logs/storage.log"
wait_http verify "http://127.0.0.1:$VERIFY_PORT/actuator/health" $VERIFY_PID "$RUN/logs/verify.log"
wait_http collector "http://127.0.0.1:$COLLECTOR_PORT/actuator/health" $COLLECTOR_PID "$RUN/logs/collector.log"

# --- the job: back up, drill every location, report -----------------------------------------------------
say "HTTP API token: $CHT_BACKUP_API_TOKEN (kept in $STATE/api-token; e.g. curl -K $STATE/api-curl.cfg -X POST http://127.0.0.1:$COLLECTOR_PORT/snapshots)"
say "backing up $HOST_ROOT as deployment '$DEPLOYMENT'"
STARTED=$(date +%s)
if [ $COUCHDB_KIND != none ]; then
  # CouchDB keeps taking writes while it is copied: a few synthetic documents (no PHI) for a few seconds.
  (for i in $(seq 1 20); do
     curl -fsS -K "$RUN/live-couchdb/curl.cfg" -X PUT -H 'Content-Type: application/json' \
       "http://127.0.0.1:$LIVE_PORT/medic/local-stack-write-$STARTED-$i" \
       -d "{\"type\":\"data_record\",\"form\":\"local-stack-write\",\"reported_date\":$(date +%s)000}" >/dev/null 2>&1 || true
     sleep 0.25
   done) &
  PIDS+=($!)
  say "writing 20 documents to the live medic database during the snapshot"
fi
SNAPSHOT=$(curl -fsS "${API_CURL[@]}" -X POST "http://127.0.0.1:$COLLECTOR_PORT/snapshots" | sed -E 's/.*"snapshotId":"([^"]+)".*/\1/')
say "snapshot $SNAPSHOT started; waiting for a restore drill from each of the 3 locations"
REPORTS="$RUN/reports/$DEPLOYMENT"
WAIT_SECONDS="${CHT_BACKUP_WAIT_SECONDS:-300}"  # more for large hosts (bench/run.sh: 1.3 GB)
for _ in $(seq 1 $(( WAIT_SECONDS * 2 ))); do
  n=$(grep -l "\"snapshotId\" : \"$SNAPSHOT\"" "$REPORTS"/*.json 2>/dev/null | wc -l || true)
  [ "$n" -ge 3 ] && break
  status=$(curl -fsS "${API_CURL[@]}" "http://127.0.0.1:$COLLECTOR_PORT/snapshots/$SNAPSHOT" 2>/dev/null || true)
  if echo "$status" | grep -q '"failure":"'; then say "snapshot failed: $status"; exit 1; fi
  sleep 0.5
done
FILES=$(grep -l "\"snapshotId\" : \"$SNAPSHOT\"" "$REPORTS"/*.json 2>/dev/null || true)
[ "$(echo "$FILES" | grep -c . || true)" -ge 3 ] || { say "fewer than 3 drills reported in $WAIT_SECONDS s; logs in $RUN/logs"; exit 1; }

echo
echo "=================== cht-backup verification report ==================="
echo "deployment: $DEPLOYMENT   snapshot: $SNAPSHOT   host root: $HOST_ROOT"
echo "RESTORE: PASS when every object authenticated and decrypted and every file's SHA-256 matched the manifest."
echo "DRILL:   PASS only when every check ran and passed; INCOMPLETE when one could not run here (listed below)."
printf '%-9s %-8s %-11s %6s %10s %10s %10s %-22s  %s\n' LOCATION RESTORE DRILL FILES BYTES RESTORE_S SCRATCH_S \
  DATABASES REPORT
ANY_FAIL=0
for f in $FILES; do
  field() { sed -nE "s/^  \"$1\" : \"?([^\",]*)\"?,?$/\1/p" "$f" | head -1; }
  seconds() { [ -z "$1" ] || [ "$1" = null ] && echo "-" || awk -v ms="$1" 'BEGIN { printf "%.1f", ms / 1000 }'; }
  res=$(field result); restore=$(field restore)
  [ "$res" = FAIL ] && ANY_FAIL=1
  dbs="$(grep -c '"verdict" : "PASS"' "$f" || true) PASS $(grep -c '"verdict" : "FAIL"' "$f" || true) FAIL"
  dbs="$dbs $(grep -c '"verdict" : "INCOMPLETE"' "$f" || true) INC"
  printf '%-9s %-8s %-11s %6s %10s %10s %10s %-22s  %s\n' "$(field location)" "${restore:-?}" "$res" "$(field files)" \
    "$(field bytes)" "$(seconds "$(field filesRestoredMillis)")" "$(seconds "$(field scratchBootMillis)")" "$dbs" "$f"
done
echo "RESTORE_S: until every file was back and checked; SCRATCH_S: scratch CouchDB from launch to answering /_up."
echo "Per database (live before/after, restored files, scratch CouchDB, verdict): the JSON and the .html beside it."
SKIPPED=$(sed -nE 's/^  "skipped" : \[ (.*) \],?$/\1/p' $FILES | sed -E 's/", "/"\n"/g' | sort -u)
FAILED=$(sed -nE 's/^  "failures" : \[ (.+) \],?$/\1/p' $FILES | sed -E 's/", "/"\n"/g' | sort -u)
[ -n "$SKIPPED" ] && { echo "checks that could not run here:"; echo "$SKIPPED" | sed 's/^/  - /'; }
[ -n "$FAILED" ] && { echo "failures:"; echo "$FAILED" | sed 's/^/  - /'; }
if [ $COUCHDB_KIND = none ]; then
  echo "no CouchDB here: $NO_COUCHDB_WHY."
  echo "So the sample host was backed up as files (no live statistics) and no scratch CouchDB could boot: the"
  echo "drills are INCOMPLETE. For the whole job, set COUCHDB_HOME to an Apache CouchDB 3.4.3 installation (the"
  echo "folder with bin/couchdb), or load $COUCHDB_IMAGE into Docker (docker load -i <file>), or run this script"
  echo "with --pull to let it pull the image."
else
  echo "live CouchDB: $COUCHDB_KIND; scratch CouchDB launcher: $COUCHDB_KIND"
fi
# Each JSON report has a detached OpenPGP signature by verify's own key; stock gpg checks it without our code.
SIGNER="$RUN/reports/report-signer.pub.asc"
for _ in $(seq 1 20); do
  missing=0; for f in $FILES; do [ -s "$f.asc" ] || missing=1; done
  [ $missing = 0 ] && break; sleep 0.5
done
if command -v gpg >/dev/null 2>&1 && [ -f "$SIGNER" ]; then
  GPG_CHECK=$(mktemp -d); chmod 700 "$GPG_CHECK"
  gpg --homedir "$GPG_CHECK" --batch --quiet --import "$SIGNER" 2>/dev/null || true
  good=0; total=0
  for f in $FILES; do
    total=$((total + 1))
    gpg --homedir "$GPG_CHECK" --batch --quiet --verify "$f.asc" "$f" 2>/dev/null && good=$((good + 1))
  done
  gpgconf --homedir "$GPG_CHECK" --kill all 2>/dev/null || true; rm -rf "$GPG_CHECK"
  echo "signatures: $good of $total JSON reports verified by stock gpg with $SIGNER"
  [ $good = "$total" ] || ANY_FAIL=1
else
  echo "signatures: <report>.json.asc beside each report; check: gpg --import $SIGNER; gpg --verify <report>.json.asc <report>.json"
fi
echo "end to end: $(( $(date +%s) - STARTED )) s; logs: $RUN/logs"
echo "======================================================================="
if [ $ANY_FAIL = 0 ]; then say "every location restored and checked: no failure"; else say "a drill FAILED: see the failures above"; fi

if [ $KEEP_RUNNING = 1 ]; then
  say "stack keeps running (collector http://127.0.0.1:$COLLECTOR_PORT/snapshots, verify http://127.0.0.1:$VERIFY_PORT/fleet; send the token: curl -K $STATE/api-curl.cfg, or a browser extension for the header); Ctrl-C stops it"
  wait
fi
[ $ANY_FAIL = 0 ]
