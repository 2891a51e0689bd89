#!/usr/bin/env bash
# Restore a cht-backup snapshot with nothing but bash, jq and stock gpg: no cht-backup code, no Kafka, no
# service. Works on a filesystem location, or on an S3 location first copied to disk (e.g. `mc mirror`,
# `aws s3 sync`, `rclone copy`). gpg must hold a recipient secret key (ops or escrow) and the crypto service's
# public signing key, so every object's signature is checked: `gpg --import ops.asc signing.pub.asc`.
# gpg's own messages go to <target-dir>/.gpg.log; any object that fails decryption or its signature stops
# the restore (gpg exits non-zero).
#
#   restore-with-gpg.sh <location-dir> <deployment> <target-dir> [manifest-name]
#
# Without manifest-name, the newest snapshot is restored. Files land under <target-dir>/<root folder>/<path>,
# e.g. couchdb-data/shards/..., compose/..., upgrade-service/.env, nginx-private/key.pem.
set -euo pipefail
[ $# -ge 3 ] || { sed -n '2,10p' "$0"; exit 2; }
LOC=$1; DEPLOYMENT=$2; TARGET=$3; MANIFEST=${4:-}
GPG=(gpg --batch --quiet --decrypt)

if [ -z "$MANIFEST" ]; then
  MANIFEST=$(ls "$LOC/$DEPLOYMENT/snapshots/" | grep '\.manifest$' | sort | tail -1)
fi
[ -n "$MANIFEST" ] || { echo "no snapshot of $DEPLOYMENT in $LOC" >&2; exit 1; }
mkdir -p "$TARGET"
MANIFEST_JSON="$TARGET/.manifest.json"
GPG_LOG="$TARGET/.gpg.log"
"${GPG[@]}" "$LOC/$DEPLOYMENT/snapshots/$MANIFEST" > "$TARGET/.manifest-object.json" 2>>"$GPG_LOG"

# Manifest format 1 holds the file list itself; format 2 (docs/format.md) names the chunks of its file list:
# decrypt them in order, concatenate, and check the result against the head's length and SHA-256.
case "$(jq -r '.formatVersion' "$TARGET/.manifest-object.json")" in
  1) cp "$TARGET/.manifest-object.json" "$MANIFEST_JSON" ;;
  2)
    : > "$MANIFEST_JSON"
    for c in $(jq -r '.bodyChunks[]' "$TARGET/.manifest-object.json"); do
      case "$c" in *[!0-9a-f]*|'') echo "refusing body chunk id '$c'" >&2; exit 1 ;; esac
      "${GPG[@]}" "$LOC/$DEPLOYMENT/chunks/${c:0:2}/$c" >> "$MANIFEST_JSON" 2>>"$GPG_LOG"
    done
    echo "$(jq -r '.bodySha256' "$TARGET/.manifest-object.json")  $MANIFEST_JSON" | sha256sum --check --quiet - \
      || { echo "manifest file list does not match its head: a chunk is damaged" >&2; exit 1; }
    ;;
  *) echo "manifest format $(jq -r '.formatVersion' "$TARGET/.manifest-object.json") is not known to this script:" \
       "use the restore-with-gpg.sh of a newer cht-backup" >&2; exit 1 ;;
esac

folder() { # manifest root -> folder under the target (stable, part of the format)
  case "$1" in
    COUCHDB_DATA) echo couchdb-data ;; COMPOSE) echo compose ;; UPGRADE_SERVICE) echo upgrade-service ;;
    COUCHDB_CONFIG) echo couchdb-local.d ;; TLS) echo nginx-private ;; *) echo "unknown root $1" >&2; exit 1 ;;
  esac
}

count=0
while IFS=$'\t' read -r root path sha256 chunks; do
  case "$path" in /*|*..*) echo "refusing unsafe path '$path'" >&2; exit 1 ;; esac
  out="$TARGET/$(folder "$root")/$path"
  mkdir -p "$(dirname "$out")"
  : > "$out"
  for c in $chunks; do
    "${GPG[@]}" "$LOC/$DEPLOYMENT/chunks/${c:0:2}/$c" >> "$out" 2>>"$GPG_LOG"
  done
  echo "$sha256  $out" | sha256sum --check --quiet -
  count=$((count + 1))
done < <(jq -r '.files[] | [.root, .path, .sha256, (.chunks | join(" "))] | @tsv' "$MANIFEST_JSON")
echo "restored $count files of $DEPLOYMENT snapshot $MANIFEST into $TARGET (every SHA-256 checked)"
