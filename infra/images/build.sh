#!/usr/bin/env bash
# Builds the service images on a machine that cannot pull any: a Debian bookworm base with a headless JRE made by
# debootstrap from the mirror apt already uses, then one image per service from its executable jar.
#   infra/images/build.sh [--base-only] [--tag TAG]
# Needs root (debootstrap), a Docker engine and the jars (./mvnw package). Idempotent: an existing base is kept.
set -euo pipefail
cd "$(dirname "$0")/../.."

TAG=latest
BASE_ONLY=false
while [ $# -gt 0 ]; do
  case "$1" in
    --base-only) BASE_ONLY=true ;;
    --tag) TAG="$2"; shift ;;
    *) echo "usage: $0 [--base-only] [--tag TAG]" >&2; exit 2 ;;
  esac
  shift
done
BASE=cht-backup/jre:17-bookworm

say() { printf '== %s\n' "$*"; }

mirror() {
  # The first Debian archive apt is configured with (deb822 or one-line format); deb.debian.org otherwise.
  local uri
  uri=$(grep -hE '^URIs:' /etc/apt/sources.list.d/*.sources 2>/dev/null | awk '{print $2}' | grep -v security | head -1 || true)
  [ -n "$uri" ] || uri=$(grep -hE '^deb ' /etc/apt/sources.list 2>/dev/null | awk '{print $2}' | grep -v security | head -1 || true)
  echo "${uri:-http://deb.debian.org/debian}"
}

if ! docker image inspect "$BASE" >/dev/null 2>&1; then
  command -v debootstrap >/dev/null || { echo "debootstrap is missing: apt-get install debootstrap" >&2; exit 1; }
  root=$(mktemp -d)
  trap 'rm -rf "$root"' EXIT
  say "debootstrap bookworm with openjdk-17-jre-headless from $(mirror) (about a minute)"
  # curl: the images' health checks; ca-certificates: TLS to S3 and Kafka.
  debootstrap --variant=minbase --include=openjdk-17-jre-headless,ca-certificates,curl bookworm "$root" "$(mirror)" \
    >/tmp/cht-backup-debootstrap.log 2>&1 || { tail -20 /tmp/cht-backup-debootstrap.log >&2; exit 1; }
  # What an image needs no copy of: package lists, caches, docs.
  rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/* "$root"/usr/share/doc/* \
    "$root"/usr/share/man/* "$root"/usr/share/locale/*
  say "importing $BASE"
  tar -C "$root" -c . | docker import --change 'ENV LANG=C.UTF-8' - "$BASE" >/dev/null
  rm -rf "$root"
  trap - EXIT
fi
$BASE_ONLY && exit 0

port() { case "$1" in collector) echo 8081 ;; crypto) echo 8082 ;; storage) echo 8083 ;; verify) echo 8084 ;; esac; }
for service in collector crypto storage verify; do
  jar=$(ls "$service"-service/target/"$service"-service-*-exec.jar 2>/dev/null | head -1 || true)
  [ -n "$jar" ] || { echo "no $service-service jar: run ./mvnw -DskipTests package first" >&2; exit 1; }
  ctx=$(mktemp -d)
  cp "$jar" "$ctx/app.jar"
  cp infra/images/Dockerfile "$ctx/Dockerfile"
  say "building cht-backup/$service:$TAG"
  docker build -q --build-arg BASE="$BASE" --build-arg PORT="$(port "$service")" -t "cht-backup/$service:$TAG" "$ctx" >/dev/null
  rm -rf "$ctx"
done
