#!/usr/bin/env bash
# Fleet simulation: N small deployments (the sample CHT host under N deployment ids) snapshot on the local stack,
# FLEET_PARALLEL at a time, while the consumer lag of every group is sampled every FLEET_SAMPLE seconds, until
# every snapshot is drilled from all three locations. Shows whether the central services drain a burst from a
# fleet with bounded lag. Results: $FLEET_DIR/out/lag.tsv (time, group, lag) and summary.txt.
#   FLEET_N (200)  FLEET_PARALLEL (2)  FLEET_SAMPLE (10)  FLEET_DIR (/tmp/cht-fleet)
# Needs the jars built (./mvnw -DskipTests package). See docs/scale.md for what it measured.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
N="${FLEET_N:-200}"; PARALLEL="${FLEET_PARALLEL:-2}"; SAMPLE="${FLEET_SAMPLE:-10}"
DIR="${FLEET_DIR:-/tmp/cht-fleet}"
rm -rf "$DIR"; mkdir -p "$DIR/out" "$DIR/collectors"
say() { printf '\033[1m[fleet]\033[0m %s\n' "$*"; }
now() { date +%s.%N; }

export CHT_BACKUP_LOCAL_DIR="$DIR/stack"
say "starting the local stack (it backs up and drills its own sample deployment first)"
"$ROOT/infra/local/run.sh" --keep-running > "$DIR/out/stack.log" 2>&1 &
STACK=$!
trap 'kill $STACK 2>/dev/null || true; wait $STACK 2>/dev/null || true' EXIT
for _ in $(seq 1 600); do
  grep -q "stack keeps running" "$DIR/out/stack.log" && break
  kill -0 $STACK 2>/dev/null || { say "the stack stopped: $DIR/out/stack.log"; exit 1; }
  sleep 1
done
grep -q "stack keeps running" "$DIR/out/stack.log" || { say "stack not up in 10 min"; exit 1; }
KEYS="$DIR/stack/keys"; RUN="$DIR/stack/run"
COLLECTOR_JAR=$(ls "$ROOT"/collector-service/target/collector-service-*-exec.jar 2>/dev/null | head -1)
[ -n "$COLLECTOR_JAR" ] || COLLECTOR_JAR=$(ls "$ROOT"/collector-service/target/collector-service-*.jar | grep -v plain | head -1)
KAFKA_CP="$ROOT/infra/target/kafka-lib/*"

# Lag of every consumer group, summed over partitions, every $SAMPLE s.
sample_lag() {
  while [ ! -e "$DIR/out/.stop" ]; do
    t=$(now)
    java -Xmx128m -cp "$KAFKA_CP" org.apache.kafka.tools.consumer.group.ConsumerGroupCommand \
      --bootstrap-server 127.0.0.1:19092 --describe --all-groups 2>/dev/null \
      | awk -v t="$t" '$1 != "GROUP" && NF >= 6 && $6 ~ /^[0-9]+$/ { lag[$1] += $6 }
                      END { for (g in lag) printf "%s\t%s\t%d\n", t, g, lag[g] }' >> "$DIR/out/lag.tsv" || true
    sleep "$SAMPLE"
  done
}
sample_lag & SAMPLER=$!
trap 'kill $SAMPLER 2>/dev/null || true; kill $STACK 2>/dev/null || true; wait $STACK 2>/dev/null || true' EXIT

snapshot() {
  i=$1
  java -Xmx192m -XX:TieredStopAtLevel=1 -jar "$COLLECTOR_JAR" snapshot --once \
    --spring.cloud.stream.kafka.binder.brokers=127.0.0.1:19092 \
    --collector.deployment-id="sim-$(printf %03d "$i")" --collector.host-root="$ROOT/fixtures/cht-host" \
    --collector.env-file=/home/ubuntu/cht/upgrade-service/.env --collector.tls-dir=/nginx-private \
    --collector.docker.enabled=false --collector.state-dir="$DIR/collectors" --collector.rpo.enabled=false \
    --collector.dedup-key="$(cat "$KEYS/dedup.key")" --collector.sealing-public-key="$(cat "$KEYS/sealing.pub")" \
    --collector.sender-key="$(cat "$DIR/collectors/keys/sim-$(printf %03d "$i").sender.key")" \
    --collector.storage-event-key="$(cat "$KEYS/storage-events.pub")" \
    > "$DIR/collectors/sim-$i.log" 2>&1 && echo ok || echo "failed: $DIR/collectors/sim-$i.log"
}
export -f snapshot; export ROOT DIR KEYS COLLECTOR_JAR

# Every simulated host gets its own sender key, registered with the stack's crypto service (one JVM for all).
CRYPTO_JAR=$(ls "$ROOT"/crypto-service/target/crypto-service-*.jar | grep -v plain | head -1)
java -jar "$CRYPTO_JAR" keys sender --deployment "$(seq -f 'sim-%03g' -s, 1 "$N" | sed 's/,$//')" \
  --out "$DIR/collectors/keys" --register "$KEYS/senders" >/dev/null

START=$(now)
say "snapshotting $N deployments, $PARALLEL at a time"
seq 1 "$N" | xargs -P "$PARALLEL" -I{} bash -c 'snapshot {}' > "$DIR/out/snapshots.txt"
SENT=$(now)
FAILED=$(grep -c "^failed" "$DIR/out/snapshots.txt" || true)
say "$N snapshots sent in $(awk -v a="$START" -v b="$SENT" 'BEGIN{printf "%.0f", b-a}') s ($FAILED failed); waiting for $((N * 3)) drills"
for _ in $(seq 1 3600); do
  drilled=$(find "$RUN/reports" -path '*/sim-*/*.json' 2>/dev/null | wc -l)
  [ "$drilled" -ge $((N * 3)) ] && break
  sleep 1
done
DONE=$(now)
touch "$DIR/out/.stop"
wait $SAMPLER 2>/dev/null || true
passed_restore=$(grep -l '"restore" : "PASS"' "$RUN"/reports/sim-*/*.json 2>/dev/null | wc -l)
{
  echo "deployments: $N, $PARALLEL snapshots at a time, sample host $(du -sb "$ROOT/fixtures/cht-host" | cut -f1) bytes"
  echo "snapshots sent: $((N - FAILED)) of $N in $(awk -v a="$START" -v b="$SENT" 'BEGIN{printf "%.0f", b-a}') s"
  echo "drill reports: $drilled of $((N * 3)); restore PASS in $passed_restore; all drilled $(awk -v a="$START" -v b="$DONE" 'BEGIN{printf "%.0f", b-a}') s after the first snapshot started"
  echo "consumer lag of the central groups (records): max during the run, last sample"
  awk -F'\t' '$2 !~ /^collector-sim-/ { if ($3 > max[$2]) max[$2] = $3; last[$2] = $3 }
       END { for (g in max) printf "  %-28s max %6d  last %6d\n", g, max[g], last[g] }' "$DIR/out/lag.tsv" | sort
  echo "(each simulated collector runs once and exits, so the events for it stay unread in its own group:"
  echo " $(awk -F'\t' '$2 ~ /^collector-sim-/ { g[$2] = 1 } END { print length(g) }' "$DIR/out/lag.tsv") such groups, not counted above)"
} | tee "$DIR/out/summary.txt"
