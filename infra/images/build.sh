#!/usr/bin/env bash
# Builds the images on a machine that cannot pull any: a Debian bookworm base with a headless JRE made by
# debootstrap from the mirror apt already uses, then the images named (default: the four services).
#   infra/images/build.sh [--base-only] [--tag TAG] [collector crypto storage verify kafka s3proxy prometheus]
# Needs root (debootstrap), a Docker engine and the jars (./mvnw package: the services' -exec jars, infra/target
# for Kafka and s3proxy). Idempotent: an existing base is kept.
set -euo pipefail
cd "$(dirname "$0")/../.."

TAG=latest
BASE_ONLY=false
IMAGES=()
while [ $# -gt 0 ]; do
  case "$1" in
    --base-only) BASE_ONLY=true ;;
    --tag) TAG="$2"; shift ;;
    collector|crypto|storage|verify|kafka|s3proxy|prometheus) IMAGES+=("$1") ;;
    *) echo "usage: $0 [--base-only] [--tag TAG] [collector crypto storage verify kafka s3proxy prometheus]" >&2; exit 2 ;;
  esac
  shift
done
[ ${#IMAGES[@]} -gt 0 ] || IMAGES=(collector crypto storage verify)
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
for image in "${IMAGES[@]}"; do
  ctx=$(mktemp -d)
  case "$image" in
    kafka)
      [ -d infra/target/kafka-lib ] || { echo "no infra/target/kafka-lib: run ./mvnw -DskipTests package first" >&2; exit 1; }
      cp -r infra/target/kafka-lib "$ctx/libs"
      cp infra/images/kafka/* "$ctx/" ;;
    s3proxy)
      [ -f infra/target/s3proxy/s3proxy.jar ] || { echo "no s3proxy jar: run ./mvnw -DskipTests package first" >&2; exit 1; }
      cp infra/target/s3proxy/s3proxy.jar "$ctx/"
      cp infra/images/s3proxy/* "$ctx/" ;;
    prometheus)
      cp infra/images/prometheus/Dockerfile infra/prometheus/cht-backup-alerts.yml "$ctx/" ;;
    *)
      jar=$(ls "$image"-service/target/"$image"-service-*-exec.jar 2>/dev/null | head -1 || true)
      [ -n "$jar" ] || { echo "no $image-service jar: run ./mvnw -DskipTests package first" >&2; exit 1; }
      cp "$jar" "$ctx/app.jar"
      cp infra/images/Dockerfile "$ctx/Dockerfile" ;;
  esac
  say "building cht-backup/$image:$TAG"
  docker build -q --build-arg BASE="$BASE" $( [ -n "$(port "$image")" ] && echo --build-arg PORT="$(port "$image")" ) \
    -t "cht-backup/$image:$TAG" "$ctx" >/tmp/cht-backup-build-"$image".log 2>&1 \
    || { tail -20 /tmp/cht-backup-build-"$image".log >&2; exit 1; }
  rm -rf "$ctx"
done
