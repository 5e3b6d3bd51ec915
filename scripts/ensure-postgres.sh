#!/usr/bin/env bash
# For CI and anyone who wants the API suite on PostgreSQL too: installs Debian's postgresql
# when missing, starts it, and creates a throwaway role and database. Prints the URL to use
# as TEST_DATABASE_URL on its last line.
set -euo pipefail
if ! command -v pg_ctlcluster >/dev/null 2>&1; then
  echo "ensure-postgres: installing Debian's postgresql (apt-get)…" >&2
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
fi
version=$(ls /usr/lib/postgresql | sort -n | tail -1)
# Debian creates a "main" cluster on install; make one if this machine has none.
pg_lsclusters -h 2>/dev/null | grep -q "^$version main " || pg_createcluster "$version" main >&2
pg_ctlcluster "$version" main start >&2 2>&1 || true  # "already running" is fine
for _ in $(seq 1 30); do
  su postgres -c "pg_isready -q" && break
  sleep 1
done
su postgres -c "psql -qtAc \"select 1 from pg_roles where rolname = 'claimdesk_test'\"" | grep -q 1 ||
  su postgres -c "psql -qc \"create role claimdesk_test login password 'claimdesk_test'\"" >&2
su postgres -c "psql -qtAc \"select 1 from pg_database where datname = 'claimdesk_test'\"" | grep -q 1 ||
  su postgres -c "createdb -O claimdesk_test claimdesk_test" >&2
# Each test file creates and drops a schema of its own, which takes owning the database.
su postgres -c "psql -qc 'alter database claimdesk_test owner to claimdesk_test'" >&2
echo "postgres://claimdesk_test:claimdesk_test@127.0.0.1:5432/claimdesk_test"
