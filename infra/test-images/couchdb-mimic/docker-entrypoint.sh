#!/bin/sh
# Entrypoint of the couchdb-mimic test image: the effects of the official couchdb image's entrypoint that
# verify relies on, with busybox instead of CouchDB. Runs as root, like the official one:
#  - chowns /opt/couchdb, the bind-mounted data dir included, to 5984 and sets data files 0644, dirs 0755;
#  - appends "-name couchdb@$NODENAME" to vm.args only when vm.args has no "couchdb@";
#  - writes [admins] COUCHDB_USER = COUCHDB_PASSWORD into local.d/docker.ini, COUCHDB_ERLANG_COOKIE into
#    /opt/couchdb/.erlang.cookie, and refuses to start without an admin;
#  - any other command than CouchDB's is run as given, untouched.
set -e
if [ "$1" = couchdb ]; then
	shift
	set -- /opt/couchdb/bin/couchdb "$@"
fi
if [ "$1" = /opt/couchdb/bin/couchdb ]; then
	touch /opt/couchdb/etc/local.d/docker.ini
	if [ "$(id -u)" = 0 ]; then
		chown -R 5984:5984 /opt/couchdb
		find /opt/couchdb/data -type d -exec chmod 0755 '{}' +
		find /opt/couchdb/data -type f -exec chmod 0644 '{}' +
	fi
	if [ -n "$NODENAME" ] && ! grep -q "couchdb@" /opt/couchdb/etc/vm.args; then
		echo "-name couchdb@$NODENAME" >> /opt/couchdb/etc/vm.args
	fi
	if [ -n "$COUCHDB_USER" ] && [ -n "$COUCHDB_PASSWORD" ]; then
		printf '\n[admins]\n%s = %s\n' "$COUCHDB_USER" "$COUCHDB_PASSWORD" >> /opt/couchdb/etc/local.d/docker.ini
	fi
	if [ -n "$COUCHDB_ERLANG_COOKIE" ]; then
		echo "$COUCHDB_ERLANG_COOKIE" > /opt/couchdb/.erlang.cookie
		chown 5984:5984 /opt/couchdb/.erlang.cookie
		chmod 600 /opt/couchdb/.erlang.cookie
	fi
	if ! grep -q '^\[admins\]' /opt/couchdb/etc/local.d/docker.ini; then
		echo 'ERROR: CouchDB 3.0+ will no longer run in "Admin Party" mode' >&2
		exit 1
	fi
fi
exec "$@"
