#!/usr/bin/env bash
# A streaming read replica of the local PostgreSQL 15 primary (port 5432) on port 5433, for
# DATABASE_REPLICA_URL=postgres://postgres@127.0.0.1:5433/<database>. Run as root (Debian's
# postgresql-common tools). Idempotent: a replica that is already streaming is left alone;
# otherwise the cluster is (re)made from a fresh base backup of the primary.
#
#   sudo bash bench/replica.sh            # REPLICA_PORT=5433 PRIMARY_PORT=5432 by default
set -euo pipefail

VERSION=${PG_VERSION:-15}
PRIMARY_PORT=${PRIMARY_PORT:-5432}
REPLICA_PORT=${REPLICA_PORT:-5433}
NAME=${REPLICA_CLUSTER:-replica}
PRIMARY_HBA=/etc/postgresql/$VERSION/main/pg_hba.conf
REPLICA_CONF=/etc/postgresql/$VERSION/$NAME

if [ "$(id -u)" != 0 ]; then
  echo "Run as root: it creates a PostgreSQL cluster." >&2
  exit 1
fi

streaming() {
  psql -h 127.0.0.1 -p "$REPLICA_PORT" -U postgres -Atc "select pg_is_in_recovery()" \
    2>/dev/null | grep -qx t
}

if streaming; then
  echo "Replica already streaming on port $REPLICA_PORT."
  exit 0
fi

# The base backup and the stream connect over TCP as postgres, like the site does.
line="host replication all 127.0.0.1/32 trust"
if ! grep -qxF "$line" "$PRIMARY_HBA"; then
  echo "$line" >>"$PRIMARY_HBA"
  psql -h 127.0.0.1 -p "$PRIMARY_PORT" -U postgres -Atqc "select pg_reload_conf()" >/dev/null
fi

if [ ! -d "$REPLICA_CONF" ]; then
  pg_createcluster "$VERSION" "$NAME" -p "$REPLICA_PORT" >/dev/null
fi
pg_ctlcluster --skip-systemctl-redirect "$VERSION" "$NAME" stop 2>/dev/null || true
data_dir=$(sed -n "s/^data_directory = '\(.*\)'.*/\1/p" "$REPLICA_CONF/postgresql.conf")

# Whatever the cluster held is replaced by the primary's files; -R writes standby.signal and
# the primary_conninfo, -X stream copies the WAL written during the backup.
find "$data_dir" -mindepth 1 -delete
runuser -u postgres -- pg_basebackup -h 127.0.0.1 -p "$PRIMARY_PORT" -U postgres \
  -D "$data_dir" -R -X stream
cp "$PRIMARY_HBA" "$REPLICA_CONF/pg_hba.conf"
chown postgres:postgres "$REPLICA_CONF/pg_hba.conf"
pg_ctlcluster --skip-systemctl-redirect "$VERSION" "$NAME" start

for _ in $(seq 60); do
  if streaming; then
    echo "Replica streaming from port $PRIMARY_PORT on port $REPLICA_PORT."
    exit 0
  fi
  sleep 0.5
done
echo "The replica on port $REPLICA_PORT did not come up; see /var/log/postgresql/." >&2
exit 1
