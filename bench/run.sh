#!/usr/bin/env bash
# Side-by-side benchmark of cht-backup against restic and borg on the same generated CHT host (~1.3 GB of
# distinct CouchDB-like data). Measures wall time and max RSS with /usr/bin/time -v, repository sizes, restore
# time, bytes re-sent after appending 1% to every .couch file and after 1,000 changed documents. Results:
# $BENCH_DIR/out/results.tsv and summary.txt; docs/benchmarks.md reports one run. Loopback only; stops everything it starts.
#
#   bench/run.sh                      everything (about 10 minutes on a 2-core machine)
#   BENCH_MB=200 bench/run.sh         smaller data
#   CHT_BACKUP_TREE=/work/bench-wt bench/run.sh   run "ours" from another checkout (built there)
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/.." && pwd)
TREE="${CHT_BACKUP_TREE:-$REPO}"
W="${BENCH_DIR:-/tmp/cht-bench}"
MB="${BENCH_MB:-1300}"
SEED="${BENCH_SEED:-1}"
OUT="$W/out"
DEPLOYMENT=bench-clinic
TOOLS=" ${BENCH_TOOLS:-restic borg ours} "   # a subset repeats only those measurements
LOAD_MAX="${BENCH_LOAD_MAX:-1.5}"   # wait (up to 60 s) for the 1-minute load to fall below this first

want() { [[ "$TOOLS" == *" $1 "* ]]; }
say() { printf '\033[1m[bench]\033[0m %s\n' "$*"; }
load1() { cut -d' ' -f1 /proc/loadavg; }
wait_quiet() {
  for _ in $(seq 1 12); do awk -v l="$(load1)" -v m="$LOAD_MAX" 'BEGIN{exit !(l<m)}' && return 0; sleep 5; done
}
# measure <label> <cmd...>: wall seconds, max RSS (MiB) and the load before/after into results.tsv
measure() {
  local label=$1; shift
  wait_quiet
  local before; before=$(load1)
  local rc=0
  /usr/bin/time -v -o "$OUT/$label.time" "$@" >"$OUT/$label.log" 2>&1 || rc=$?
  local wall rss cpu
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/{n=split($2,p,":"); s=0; for(i=1;i<=n;i++) s=s*60+p[i]; print s}' "$OUT/$label.time")
  rss=$(awk -F': ' '/Maximum resident set size/{printf "%.0f", $2/1024}' "$OUT/$label.time")
  cpu=$(awk -F': ' '/(User|System) time \(seconds\)/{s+=$2} END{printf "%.2f", s}' "$OUT/$label.time")
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$label" "$wall" "$rss" "$before" "$(load1)" "$rc" "$cpu" >>"$OUT/results.tsv"
  say "$label: ${wall} s (CPU ${cpu} s), max RSS ${rss} MiB, load ${before} -> $(load1), exit $rc"
  [ $rc = 0 ] || { say "$label failed; see $OUT/$label.log"; tail -5 "$OUT/$label.log"; exit 1; }
}
record() { printf '%s\t%s\n' "$1" "$2" >>"$OUT/values.tsv"; say "$1 = $2"; }
bytes() { du -sb "$1" | cut -f1; }

main() { # a function, so bash has read all of it before it runs (editing this file mid-run is then safe)
# --- tools -----------------------------------------------------------------------------------------------
if ! command -v restic >/dev/null || ! command -v borg >/dev/null || [ ! -x /usr/bin/time ]; then
  say "installing restic, borgbackup and time from Debian"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq restic borgbackup time >/dev/null
fi
for j in collector-service crypto-service storage-service verify-service; do
  ls "$TREE"/$j/target/$j-*-exec.jar >/dev/null 2>&1 || { echo "build $TREE first: ./mvnw -B -DskipTests package" >&2; exit 1; }
done
ls "$TREE"/restore-tool/target/cht-backup-restore-*.jar >/dev/null 2>&1 \
  || { echo "build $TREE first: ./mvnw -B -DskipTests package" >&2; exit 1; }
# The generator needs snappy-java, which the build puts in the local Maven repository (find fails, not the
# script, when a folder is absent).
SNAPPY=$( (find "${BENCH_M2:-$HOME/.m2}" -name 'snappy-java-*.jar' 2>/dev/null || true) | sort | tail -1)
if [ -z "$SNAPPY" ]; then
  say "fetching snappy-java into the local Maven repository"
  "$REPO/mvnw" -q -B dependency:get -Dartifact=org.xerial.snappy:snappy-java:1.1.10.8 >/dev/null
  SNAPPY=$( (find "${BENCH_M2:-$HOME/.m2}" -name 'snappy-java-*.jar' 2>/dev/null || true) | sort | tail -1)
fi
[ -n "$SNAPPY" ] || { echo "snappy-java could not be found or fetched into ${BENCH_M2:-$HOME/.m2}" >&2; exit 1; }

rm -rf "$W"; mkdir -p "$OUT" "$W/gen"
: >"$OUT/results.tsv"; : >"$OUT/values.tsv"
{ echo "date: $(date -u +%FT%TZ)"; echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2)"; echo "cores: $(nproc)";
  echo "memory: $(free -h | awk '/Mem:/{print $2}')"; echo "restic: $(restic version)"; echo "borg: $(borg --version)";
  echo "java: $(java -version 2>&1 | head -1)"; echo "ours: $(git -C "$TREE" rev-parse --short HEAD)";
  echo "CHT_BACKUP_JAVA_OPTS: ${CHT_BACKUP_JAVA_OPTS:-(run.sh default)}"; echo "tools: $TOOLS"; } >"$OUT/machine.txt"

# --- data: a CHT host with ~$MB MB of distinct CouchDB-like files ------------------------------------------
say "generating a CHT host with $MB MB of CouchDB-like data in $W/host"
GEN_SRC="$REPO/collector-service/src/test/java/org/chtbackup/collector/bench"
javac -nowarn -cp "$SNAPPY" -d "$W/gen" "$GEN_SRC/CouchLikeWriter.java" "$GEN_SRC/ChtHostGenerator.java"
GEN=(java -cp "$W/gen:$SNAPPY" org.chtbackup.collector.bench.ChtHostGenerator)
HOST="$W/host"
mkdir -p "$HOST/home/ubuntu/cht"
SAMPLE="$REPO/fixtures/cht-host"
cp -a "$SAMPLE/nginx-private" "$HOST/"
cp -a "$SAMPLE/home/ubuntu/cht/upgrade-service" "$SAMPLE/home/ubuntu/cht/compose" "$HOST/home/ubuntu/cht/"
"${GEN[@]}" generate "$HOST/home/ubuntu/cht/couchdb" "$MB" "$SEED"
record data_bytes "$(bytes "$HOST")"
record data_files "$(find "$HOST" -type f | wc -l)"
record data_zstd3_bytes "$(tar -C "$W" -cf - host | zstd -3 -T1 -c | wc -c)"
sync

# --- restic: three repositories = three copies -------------------------------------------------------------
export RESTIC_PASSWORD=bench-only-not-a-secret RESTIC_CACHE_DIR="$W/restic-cache"
if want restic; then
for i in 1 2 3; do
  measure "restic-init-$i" restic init -r "$W/restic-$i"
  measure "restic-backup-$i" env -C "$W" restic -r "$W/restic-$i" backup --host bench host
done
record restic_repo_bytes "$(bytes "$W/restic-1")"
sync
measure restic-restore restic -r "$W/restic-1" restore latest --target "$W/restic-restore"
record restic_restored_bytes "$(bytes "$W/restic-restore")"
rm -rf "$W/restic-restore"
fi

# --- borg: three repositories, lz4 (borg 1.2's default compression) --------------------------------------
export BORG_PASSPHRASE=bench-only-not-a-secret BORG_BASE_DIR="$W/borg-base" BORG_RELOCATED_REPO_ACCESS_IS_OK=yes
if want borg; then
for i in 1 2 3; do
  measure "borg-init-$i" borg init -e repokey "$W/borg-$i"
  measure "borg-backup-$i" env -C "$W" borg create --compression lz4 "$W/borg-$i::first" host
done
record borg_repo_bytes "$(bytes "$W/borg-1")"
mkdir -p "$W/borg-restore"
measure borg-restore env -C "$W/borg-restore" borg extract "$W/borg-1::first"
record borg_restored_bytes "$(bytes "$W/borg-restore")"
rm -rf "$W/borg-restore"
fi

# --- ours: the local stack -------------------------------------------------------------------------------
# shellcheck source=bench/ours.sh
source "$HERE/ours.sh"
want ours && ours_first

# --- +1% appended to every .couch, second backups --------------------------------------------------------
"${GEN[@]}" append "$HOST/home/ubuntu/cht/couchdb" 1 | tee "$OUT/append.txt"
record data_bytes_after_append "$(bytes "$HOST")"
want ours && ours_second
if want restic; then
  before=$(bytes "$W/restic-1")
  for i in 1 2 3; do   # three copies: the second backup of each repository
    measure "restic-backup-after-append-$i" env -C "$W" restic -r "$W/restic-$i" backup --host bench host
  done
  record restic_added_bytes "$(( $(bytes "$W/restic-1") - before ))"
fi
if want borg; then
  before=$(bytes "$W/borg-1")
  for i in 1 2 3; do
    measure "borg-backup-after-append-$i" env -C "$W" borg create --compression lz4 "$W/borg-$i::second" host
  done
  record borg_added_bytes "$(( $(bytes "$W/borg-1") - before ))"
fi
# --- 1,000 changed documents (new revisions in medic, sentinel's records), third backups -------------------
"${GEN[@]}" changes "$HOST/home/ubuntu/cht/couchdb" 1000 | tee "$OUT/changes.txt"
want ours && ours_again third "$SNAP2"
if want restic; then
  before=$(bytes "$W/restic-1")
  for i in 1 2 3; do
    measure "restic-backup-after-changes-$i" env -C "$W" restic -r "$W/restic-$i" backup --host bench host
  done
  record restic_added_bytes_changes "$(( $(bytes "$W/restic-1") - before ))"
fi
# --- 1,000 more changed documents, ours read in full (POST /snapshots?fullRead=true): what append reads save ------
if want ours; then
  "${GEN[@]}" changes "$HOST/home/ubuntu/cht/couchdb" 1000 | tee "$OUT/changes-full-read.txt"
  ours_again fullread "$LAST_SNAP" "?fullRead=true"
fi
if want ours; then ours_restore; ours_stop; fi
"$HERE/summary.sh" "$OUT" | tee "$OUT/summary.txt"
}
main "$@"; exit $?
