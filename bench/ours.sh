# Sourced by bench/run.sh: cht-backup's local stack (infra/local/run.sh of $TREE) on the generated host.
# Needs W, OUT, HOST, TREE, DEPLOYMENT and measure/record/say/bytes from run.sh.

STACK="$W/stack"
RUN_DIR="$STACK/run"
COLLECTOR=http://127.0.0.1:18081
STACK_PID=""
SAMPLER_PID=""

# Every second: epoch, service, pid, RSS (KiB), CPU ticks (utime+stime) of each JVM of the stack.
sampler() {
  set +e +o pipefail   # a pid that ends between ps and /proc is skipped, not fatal
  local hz; hz=$(getconf CLK_TCK)
  echo "# CLK_TCK=$hz" >"$OUT/ours-samples.tsv"
  while true; do
    now=$(date +%s.%N)
    ps -eo pid=,args= | grep -F "$STACK" | grep -v -e grep -e 'run.sh' | while read -r pid args; do
      case "$args" in
        *kafka.Kafka*) name=kafka ;; *s3-primary.properties*) name=s3-primary ;; *s3-offsite.properties*) name=s3-offsite ;;
        *cht-backup-restore-*|*" restore snapshot "*) name=restore-cli ;;   # the restore tool: not the service
        *crypto-service*) name=crypto ;; *storage-service*) name=storage ;; *verify-service*) name=verify ;;
        *collector-service*) name=collector ;; *) continue ;;
      esac
      rss=$(awk '/VmRSS/{print $2}' "/proc/$pid/status" 2>/dev/null) || continue
      ticks=$(awk '{print $14+$15}' "/proc/$pid/stat" 2>/dev/null) || continue
      printf '%s\t%s\t%s\t%s\t%s\n' "$now" "$name" "$pid" "$rss" "$ticks"
    done >>"$OUT/ours-samples.tsv"
    sleep 1
  done
}

# ISO timestamp at the start of a Spring Boot log line -> epoch seconds
log_epoch() { date -d "$(echo "$1" | awk '{print $1}')" +%s.%N; }

# stored_window <snapshot> <start epoch>: seconds from start to the last "stored in" of that snapshot
stored_window() {
  local snap=$1 start=$2 n=0 last=""
  for _ in $(seq 1 1200); do
    n=$(grep -c "/$snap stored in" "$RUN_DIR/logs/storage.log" || true)
    [ "$n" -ge 3 ] && break
    sleep 0.5
  done
  [ "$n" -ge 3 ] || { say "snapshot $snap: only $n locations stored after 600 s"; return 1; }
  grep "/$snap stored in" "$RUN_DIR/logs/storage.log" >"$OUT/ours-stored-$snap.txt"
  while read -r line; do
    loc=$(echo "$line" | sed -E "s/.* stored in '([^']+)'.*/\1/")
    record "ours_${snap}_stored_${loc}_s" "$(echo "$(log_epoch "$line") - $start" | bc)"
  done <"$OUT/ours-stored-$snap.txt"
  last=$(tail -1 "$OUT/ours-stored-$snap.txt")
  record "ours_${snap}_all_three_stored_s" "$(echo "$(log_epoch "$last") - $start" | bc)"
}

locations_size() { # tag
  for loc in s3-primary s3-offsite nas; do
    record "ours_$1_${loc}_bytes" "$(bytes "$RUN_DIR/$loc")"
    record "ours_$1_${loc}_objects" "$(find "$RUN_DIR/$loc" -type f | wc -l)"
  done
  record "ours_$1_kafka_disk_bytes" "$(( $(du -sk "$RUN_DIR/kafka" | cut -f1) * 1024 ))"
}

ours_first() {
  say "starting the local stack from $TREE on $HOST"
  mkdir -p "$STACK"
  sampler & SAMPLER_PID=$!
  wait_quiet
  record ours_load_before_first "$(load1)"
  CHT_HOST_ROOT="$HOST" CHT_BACKUP_LOCAL_DIR="$STACK" CHT_DEPLOYMENT_ID="$DEPLOYMENT" \
    CHT_BACKUP_WAIT_SECONDS="${CHT_BACKUP_WAIT_SECONDS:-1200}" "$TREE/infra/local/run.sh" --keep-running >"$OUT/ours-stack.log" 2>&1 &
  STACK_PID=$!
  local snap=""
  for _ in $(seq 1 600); do
    kill -0 "$STACK_PID" 2>/dev/null || { say "local stack exited"; tail -30 "$OUT/ours-stack.log"; exit 1; }
    snap=$(sed -nE 's/.*snapshot ([^ ]+) started; waiting.*/\1/p' "$OUT/ours-stack.log" | head -1)
    [ -n "$snap" ] && break
    sleep 0.5
  done
  [ -n "$snap" ] || { say "no snapshot started in 300 s"; exit 1; }
  SNAP1=$snap
  record ours_first_snapshot "$SNAP1"
  # run.sh triggers it; the collector logs its plan within milliseconds of the POST
  local planned=""
  for _ in $(seq 1 120); do
    planned=$(grep -m1 "$SNAP1: .* planned" "$RUN_DIR/logs/collector.log" || true)
    [ -n "$planned" ] && break
    sleep 0.25
  done
  [ -n "$planned" ] || { say "the collector never logged a plan for $SNAP1"; exit 1; }
  local start; start=$(log_epoch "$planned")
  stored_window "$SNAP1" "$start"
  record ours_load_after_first "$(load1)"
  locations_size first
  # wait for the three drills run.sh waits for, then read restore times from the reports
  for _ in $(seq 1 1200); do grep -q 'end to end:' "$OUT/ours-stack.log" && break; sleep 0.5; done
  sed -n '/cht-backup verification report/,/======= *$/p' "$OUT/ours-stack.log" | tail -n +1 >"$OUT/ours-drills.txt"
  for f in "$RUN_DIR/reports/$DEPLOYMENT"/*.json; do
    loc=$(sed -nE 's/^  "location" : "([^"]+)".*/\1/p' "$f" | head -1)
    record "ours_drill_${loc}_restoreMillis" "$(sed -nE 's/^  "restoreMillis" : ([0-9]+).*/\1/p' "$f" | head -1)"
    record "ours_drill_${loc}_filesRestoredMillis" "$(sed -nE 's/^  "filesRestoredMillis" : ([0-9]+).*/\1/p' "$f" | head -1)"
    record "ours_drill_${loc}_result" "$(sed -nE 's/^  "result" : "([^"]+)".*/\1/p' "$f" | head -1)"
    # The generated files fail the offline CouchDB check (bench/README.md), so the result is FAIL either way; the
    # restore phase before it must PASS, or the drill's restore time means nothing.
    phase=$(sed -nE 's/^  "restore" : "([^"]+)".*/\1/p' "$f" | head -1)
    record "ours_drill_${loc}_restore" "$phase"
    [ "$phase" = PASS ] || say "WARNING: the drill from '$loc' did not restore ($phase): see $OUT/drill-$loc.json"
    cp "$f" "$OUT/drill-$loc.json"
  done
  curl -fsS -K "$STACK/api-curl.cfg" "$COLLECTOR/snapshots/$SNAP1" >"$OUT/ours-snapshot-1.json"
}

# ours_again <name> <previous snapshot> [query]: one more snapshot once the previous is known stored everywhere
# (query "?fullRead=true": every CouchDB file read in full, as a collector without append reads would)
ours_again() {
  local name=$1 previous=$2 query=${3:-}
  # the collector learns from three SnapshotStored events that the previous snapshot's chunks are everywhere
  for _ in $(seq 1 120); do grep -q "$previous is in 3 locations" "$RUN_DIR/logs/collector.log" && break; sleep 0.5; done
  wait_quiet
  record "ours_load_before_$name" "$(load1)"
  local start; start=$(date +%s.%N)
  LAST_SNAP=$(curl -fsS -K "$STACK/api-curl.cfg" -X POST "$COLLECTOR/snapshots$query" | sed -E 's/.*"snapshotId":"([^"]+)".*/\1/')
  record "ours_${name}_snapshot" "$LAST_SNAP"
  stored_window "$LAST_SNAP" "$start"
  record "ours_load_after_$name" "$(load1)"
  curl -fsS -K "$STACK/api-curl.cfg" "$COLLECTOR/snapshots/$LAST_SNAP" >"$OUT/ours-snapshot-$name.json"
  record "ours_${name}_bytes_sent" "$(sed -nE 's/.*"bytesSent":([0-9]+).*/\1/p' "$OUT/ours-snapshot-$name.json")"
  record "ours_${name}_bytes_read" "$(sed -nE 's/.*"bytesRead":([0-9]+).*/\1/p' "$OUT/ours-snapshot-$name.json")"
  locations_size "$name"
}

ours_second() {
  ours_again second "$SNAP1"
  SNAP2=$LAST_SNAP
}

ours_restore() {
  local fat; fat=$(ls "$TREE"/verify-service/target/verify-service-*-exec.jar | head -1)
  local keys="$STACK/keys"
  # the last snapshot's three drills restore too: let them finish so the restores below run alone, as restic's do
  for _ in $(seq 1 1200); do
    [ "$(grep -l "\"snapshotId\" : \"$LAST_SNAP\"" "$RUN_DIR/reports/$DEPLOYMENT"/*.json 2>/dev/null | wc -l)" -ge 3 ] && break
    sleep 0.5
  done
  # docs/restore.md: the restore tool is restore-tool's jar (cht-backup-restore-*.jar); the service's jar runs the
  # same command with Spring, Kafka and Docker beside it on the classpath, extracted once or not at all
  local tool; tool=$(ls "$TREE"/restore-tool/target/cht-backup-restore-*.jar | head -1)
  rm -rf "$W/verify-cli"
  java -Djarmode=tools -jar "$fat" extract --destination "$W/verify-cli" >/dev/null
  local jar; jar=$(ls "$W"/verify-cli/verify-service-*-exec.jar | head -1)
  # restic's restore once more, in the same minutes as ours: page cache, writeback and other tenants drift over a
  # 12-minute run, and the comparison should not. sync before each restore: none pays for another's writeback.
  if want restic; then
    sync
    measure restic-restore-beside-ours restic -r "$W/restic-1" restore latest --target "$W/restic-restore"
    rm -rf "$W/restic-restore"
  fi
  sync
  measure ours-restore-nas java -jar "$tool" snapshot --path "$RUN_DIR/nas" --key "$keys/ops.asc" \
    --signer "$keys/signing.pub.asc" -d "$DEPLOYMENT" -s "$SNAP1" -t "$W/ours-restore-nas"
  record ours_restored_nas_bytes "$(bytes "$W/ours-restore-nas")"
  rm -rf "$W/ours-restore-nas"
  sync
  measure ours-restore-nas-service-jar java -jar "$jar" restore snapshot --path "$RUN_DIR/nas" --key "$keys/ops.asc" \
    --signer "$keys/signing.pub.asc" -d "$DEPLOYMENT" -s "$SNAP1" -t "$W/ours-restore-nas"
  rm -rf "$W/ours-restore-nas"
  sync
  measure ours-restore-nas-fat-jar java -jar "$fat" restore snapshot --path "$RUN_DIR/nas" --key "$keys/ops.asc" \
    --signer "$keys/signing.pub.asc" -d "$DEPLOYMENT" -s "$SNAP1" -t "$W/ours-restore-nas"
  rm -rf "$W/ours-restore-nas"
  sync
  CHT_BACKUP_S3_SECRET_KEY=local-secret-key measure ours-restore-s3-primary java -jar "$tool" snapshot \
    --s3-endpoint http://127.0.0.1:19000 --bucket cht-primary --access-key local-access --key "$keys/ops.asc" \
    --signer "$keys/signing.pub.asc" -d "$DEPLOYMENT" -s "$SNAP1" -t "$W/ours-restore-s3"
  record ours_restored_s3_bytes "$(bytes "$W/ours-restore-s3")"
  rm -rf "$W/ours-restore-s3"
}

ours_stop() {
  [ -n "$STACK_PID" ] && { kill "$STACK_PID" 2>/dev/null || true; wait "$STACK_PID" 2>/dev/null || true; }
  [ -n "$SAMPLER_PID" ] && { kill "$SAMPLER_PID" 2>/dev/null || true; wait "$SAMPLER_PID" 2>/dev/null || true; }
  STACK_PID=""; SAMPLER_PID=""
}
trap 'ours_stop' EXIT
