#!/usr/bin/env bash
# Builds cht-backup-test/couchdb-mimic:3.4.3, a busybox image that stands in for the official couchdb:3.4.3
# image in verify's Docker launcher tests (no image can be pulled on CI). It keeps the official image's
# contract -- same paths, entrypoint inputs and ownership changes, a vm.args ending with "+Bd -noinput" -- and
# halts like the Erlang VM when vm.args lacks -noinput. It is not CouchDB: its name says so, so nothing that
# looks for couchdb:<version> finds it. Rebuilt when the files in couchdb-mimic/ change. Needs busybox-static.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
image=cht-backup-test/couchdb-mimic:3.4.3
hash=$(cat "$0" "$here"/couchdb-mimic/* | sha256sum | cut -c1-16)

if [ "$(docker image inspect -f '{{index .Config.Labels "org.chtbackup.test-image"}}' "$image" 2>/dev/null)" = "$hash" ]; then
  exit 0
fi
echo "building local image $image"
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
mkdir -p "$root/bin" "$root/usr/local/bin" "$root/opt/couchdb/bin" "$root/opt/couchdb/etc/local.d" \
  "$root/opt/couchdb/data" "$root/tmp"
chmod 1777 "$root/tmp"
cp "$(command -v busybox)" "$root/bin/busybox"
for c in sh awk cat chmod chown cp cut echo env find grep head httpd id ls mkdir mv nc nslookup od printf rm sed sleep \
  sort tail test touch true; do
  ln -sf busybox "$root/bin/$c"
done
install -m 0755 "$here/couchdb-mimic/docker-entrypoint.sh" "$root/usr/local/bin/docker-entrypoint.sh"
install -m 0755 "$here/couchdb-mimic/couchdb" "$root/opt/couchdb/bin/couchdb"
install -m 0644 "$here/couchdb-mimic/vm.args" "$root/opt/couchdb/etc/vm.args"
tar -C "$root" -c . | docker import \
  -c 'ENTRYPOINT ["/usr/local/bin/docker-entrypoint.sh"]' \
  -c 'CMD ["/opt/couchdb/bin/couchdb"]' \
  -c 'EXPOSE 5984' \
  -c 'VOLUME /opt/couchdb/data' \
  -c "LABEL org.chtbackup.test-image=$hash" \
  - "$image" >/dev/null
