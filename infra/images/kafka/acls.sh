#!/bin/bash
# SCRAM credentials and ACLs per role, from /run/secrets/kafka-users ("principal password" per line). Idempotent.
# Run inside the kafka container (the loopback listener is a super user): docker exec <kafka> /opt/kafka/acls.sh
#   crypto     reads snapshot-parts, writes objects
#   storage    reads objects and drills, writes what it tells collectors and verify, owns its backlog
#   verify     reads snapshots-stored, writes drills
#   collector-<deployment>  writes the ingest topics, reads storage's events, in its own consumer group only
# Central roles may also create (and size) the topics they use: they provision them at start.
set -euo pipefail
SECRETS=${KAFKA_SECRETS:-/run/secrets}
CP="/opt/kafka/libs/*"
JAVA=(java -Xmx128m -XX:TieredStopAtLevel=1 -Dlog4j2.configurationFile=/opt/kafka/log4j2.properties -cp "$CP")
BOOT=(--bootstrap-server 127.0.0.1:9092)
T=cht-backup

acl() { # principal operations(comma) resource-args...
  local principal=$1 ops=$2; shift 2
  local args=()
  IFS=, read -ra list <<<"$ops"
  for op in "${list[@]}"; do args+=(--operation "$op"); done
  "${JAVA[@]}" org.apache.kafka.tools.AclCommand "${BOOT[@]}" --add --allow-principal "User:$principal" \
    "${args[@]}" "$@" >/dev/null
}
topics() { for t in "$@"; do printf -- '--topic\n%s\n' "$T.$t"; done; }

users=()
while read -r principal password; do
  [ -n "${principal:-}" ] && [ "${principal:0:1}" != "#" ] || continue
  [[ "$principal" =~ ^[a-z0-9][a-z0-9-]{0,80}$ ]] || { echo "kafka-users: bad principal '$principal'" >&2; exit 1; }
  users+=("$principal")
  "${JAVA[@]}" kafka.admin.ConfigCommand "${BOOT[@]}" --alter --entity-type users --entity-name "$principal" \
    --add-config "SCRAM-SHA-512=[iterations=8192,password=$password]" >/dev/null
done <"$SECRETS/kafka-users"

for principal in "${users[@]}"; do
  case "$principal" in
    crypto)
      mapfile -t r < <(topics snapshot-parts); acl crypto Read,Create "${r[@]}"
      mapfile -t w < <(topics objects snapshot-parts.dlq); acl crypto Write,Create "${w[@]}"
      acl crypto Read --group crypto ;;
    storage)
      mapfile -t r < <(topics objects drills); acl storage Read,Create "${r[@]}"
      mapfile -t w < <(topics snapshots-stored snapshot-status packs-released objects.dlq drills.dlq)
      acl storage Write,Create "${w[@]}"
      mapfile -t b < <(topics storage-backlog); acl storage Read,Write,Create,Describe "${b[@]}"
      acl storage Read --group storage --resource-pattern-type prefixed ;;
    verify)
      mapfile -t r < <(topics snapshots-stored); acl verify Read,Create "${r[@]}"
      mapfile -t w < <(topics drills snapshots-stored.dlq); acl verify Write,Create "${w[@]}"
      acl verify Read --group verify --resource-pattern-type prefixed ;;
    collector-*)
      deployment=${principal#collector-}
      mapfile -t w < <(topics snapshot-parts snapshot-progress snapshots-completed snapshots-failed \
        snapshots-stored.dlq packs-released.dlq)
      acl "$principal" Write "${w[@]}"
      # The topics only collectors write are created by the first collector that starts.
      mapfile -t c < <(topics snapshot-progress snapshots-completed snapshots-failed snapshots-stored.dlq \
        packs-released.dlq)
      acl "$principal" Create "${c[@]}"
      mapfile -t r < <(topics snapshots-stored packs-released); acl "$principal" Read "${r[@]}"
      acl "$principal" Read --group "collector-$deployment" ;;
    *) echo "kafka-users: no role for principal '$principal' (crypto, storage, verify, collector-<id>)" >&2 ;;
  esac
done
echo "kafka: ${#users[@]} users with their role's ACLs"
