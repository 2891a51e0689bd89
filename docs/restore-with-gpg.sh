#!/usr/bin/env bash
# Restore a cht-backup snapshot with nothing but bash, jq, stock gpg and stock zstd (plus coreutils' dd and
# sha256sum): no cht-backup code, no Kafka, no service. Works on a filesystem location, or on an S3 location first copied to disk (e.g. `mc mirror`,
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
for tool in jq gpg zstd dd sha256sum; do
  command -v "$tool" >/dev/null || { echo "$tool is required (e.g. apt-get install $tool)" >&2; exit 2; }
done

if [ -z "$MANIFEST" ]; then
  MANIFEST=$(ls "$LOC/$DEPLOYMENT/snapshots/" | grep '\.manifest$' | sort | tail -1)
fi
[ -n "$MANIFEST" ] || { echo "no snapshot of $DEPLOYMENT in $LOC" >&2; exit 1; }
mkdir -p "$TARGET"
MANIFEST_JSON="$TARGET/.manifest.json"
GPG_LOG="$TARGET/.gpg.log"
"${GPG[@]}" "$LOC/$DEPLOYMENT/snapshots/$MANIFEST" > "$TARGET/.manifest-object.json" 2>>"$GPG_LOG"

# Format 3 keeps chunks in packs: <deployment>/packs/<2 hex>/<pack id>, one OpenPGP message each, whose plaintext
# is a zstd stream of the pack's chunks back to back. A chunk is <pack id>:<offset>:<length> in that decompressed
# content: decrypt and decompress the pack once (cached under $TARGET/.packs, removed at the end), cut the chunk
# out with dd.
PACKS="$TARGET/.packs"
chunk_from_pack() { # pack offset length -> the chunk's bytes on stdout
  case "$1" in *[!0-9a-f]*|'') echo "refusing pack id '$1'" >&2; exit 1 ;; esac
  case "$2$3" in *[!0-9]*) echo "refusing chunk location '$2:$3'" >&2; exit 1 ;; esac
  if [ ! -f "$PACKS/$1" ]; then
    mkdir -p "$PACKS"
    "${GPG[@]}" "$LOC/$DEPLOYMENT/packs/${1:0:2}/$1" 2>>"$GPG_LOG" | zstd -d -q -c > "$PACKS/$1.partial"
    mv "$PACKS/$1.partial" "$PACKS/$1"
  fi
  dd if="$PACKS/$1" bs=65536 iflag=skip_bytes,count_bytes skip="$2" count="$3" status=none
}

# Manifest format 1 holds the file list itself; formats 2 and 3 (docs/format.md) name the chunks of their file
# list: fetch them in order, concatenate, and check the result against the head's length and SHA-256.
case "$(jq -r '.formatVersion' "$TARGET/.manifest-object.json")" in
  1) cp "$TARGET/.manifest-object.json" "$MANIFEST_JSON" ;;
  3)
    : > "$MANIFEST_JSON"
    while IFS=$'\t' read -r pack offset length; do
      chunk_from_pack "$pack" "$offset" "$length" >> "$MANIFEST_JSON"
    done < <(jq -r '.bodyLocations[] | [.packId, .offset, .length] | @tsv' "$TARGET/.manifest-object.json")
    echo "$(jq -r '.bodySha256' "$TARGET/.manifest-object.json")  $MANIFEST_JSON" | sha256sum --check --quiet - \
      || { echo "manifest file list does not match its head: a pack is damaged" >&2; exit 1; }
    ;;
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

# One line per file: root, path, SHA-256, then its chunks; format 3 writes each chunk as pack:offset:length.
if jq -e '.packs' "$MANIFEST_JSON" >/dev/null; then
  FILES_JQ='([.packs[] | .id as $p | .chunks[] | {key: .[0], value: "\($p):\(.[1]):\(.[2])"}] | from_entries) as $at
    | .files[] | [.root, .path, .sha256, ([.chunks[] | $at[.]] | join(" "))] | @tsv'
else
  FILES_JQ='.files[] | [.root, .path, .sha256, (.chunks | join(" "))] | @tsv'
fi
count=0
while IFS=$'\t' read -r root path sha256 chunks; do
  case "$path" in /*|*..*) echo "refusing unsafe path '$path'" >&2; exit 1 ;; esac
  out="$TARGET/$(folder "$root")/$path"
  mkdir -p "$(dirname "$out")"
  : > "$out"
  for c in $chunks; do
    case "$c" in
      *:*:*) IFS=: read -r pack offset length <<<"$c"; chunk_from_pack "$pack" "$offset" "$length" >> "$out" ;;
      *) "${GPG[@]}" "$LOC/$DEPLOYMENT/chunks/${c:0:2}/$c" >> "$out" 2>>"$GPG_LOG" ;;
    esac
  done
  echo "$sha256  $out" | sha256sum --check --quiet -
  count=$((count + 1))
done < <(jq -r "$FILES_JQ" "$MANIFEST_JSON")
rm -rf "$PACKS"
echo "restored $count files of $DEPLOYMENT snapshot $MANIFEST into $TARGET (every SHA-256 checked)"
