#!/bin/bash
# Credentials from the secret file $S3_CREDENTIALS_FILE ("ACCESS_KEY=…" and "SECRET_KEY=…" lines); data in a volume.
set -euo pipefail
# shellcheck disable=SC1090
. "${S3_CREDENTIALS_FILE:-/run/secrets/s3-credentials.env}"
umask 077
cat >/var/lib/s3proxy/s3proxy.properties <<PROPS
s3proxy.endpoint=http://0.0.0.0:9000
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=$ACCESS_KEY
s3proxy.credential=$SECRET_KEY
jclouds.provider=filesystem-nio2
jclouds.filesystem.basedir=/var/lib/s3proxy/data
PROPS
exec java -Xmx${S3PROXY_HEAP:-256m} -jar /opt/s3proxy/s3proxy.jar --properties /var/lib/s3proxy/s3proxy.properties
