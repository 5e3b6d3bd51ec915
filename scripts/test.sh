#!/usr/bin/env bash
# The one test command (README, CI): types, API and domain tests, then the widget in Chromium.
# Passing tests print nothing; a failure prints in full where it happens; the run ends with one
# line per step. The node --test suites report through scripts/test-reporter.mjs, which also
# hands its counts to the summary (CLAIMDESK_TEST_SUMMARY).
set -euo pipefail
cd "$(dirname "$0")/.."

summary=()
current=''
counts=$(mktemp)
export CLAIMDESK_TEST_SUMMARY="$counts"
finish() {
  local status=$?
  rm -f "$counts"
  echo
  echo "== summary"
  if [ ${#summary[@]} -gt 0 ]; then printf '%s\n' "${summary[@]}"; fi
  if [ "$status" -ne 0 ]; then echo "✖ $current: failed (exit $status), see its output above"; fi
  exit "$status"
}
trap finish EXIT

# step LABEL COMMAND…: runs one step and adds its line to the summary.
step() {
  current=$1
  shift
  echo "== $current"
  : >"$counts"
  local started=$SECONDS
  "$@"
  local detail
  detail=$(tr '\n' ' ' <"$counts" | sed 's/ *$//')
  summary+=("✔ $current: ${detail:-ok ($((SECONDS - started)) s)}")
}

# The API suite on both engines at once: each runs one file at a time, so on two cores they run
# side by side in little more than the time of one. PostgreSQL's prints as it goes, SQLite's
# once both are done; the summary has a line for each.
api_on_both_engines() {
  local sqlite_out sqlite_counts sqlite_pid sqlite_status=0 postgres_status=0
  sqlite_out=$(mktemp)
  sqlite_counts=$(mktemp)
  CLAIMDESK_TEST_SUMMARY=$sqlite_counts TEST_DATABASE_URL= npm run --silent test:api >"$sqlite_out" 2>&1 &
  sqlite_pid=$!
  npm run --silent test:api || postgres_status=$?
  wait "$sqlite_pid" || sqlite_status=$?
  echo "== api on SQLite (ran beside PostgreSQL)"
  cat "$sqlite_out"
  summary+=("$([ "$sqlite_status" -eq 0 ] && echo ✔ || echo ✖) api on SQLite: $(tr '\n' ' ' <"$sqlite_counts" | sed 's/ *$//')")
  rm -f "$sqlite_out" "$sqlite_counts"
  if [ "$sqlite_status" -ne 0 ]; then current="api on SQLite"; return "$sqlite_status"; fi
  return "$postgres_status"
}

step "typecheck (Node side, browser side, Node code with the DOM's types)" npm run --silent typecheck
# Installed once here, not by the two suites at once (two apt-get runs would fight over dpkg's lock).
bash scripts/ensure-poppler.sh
if [ -n "${TEST_DATABASE_URL:-}" ]; then
  step "api on PostgreSQL (TEST_DATABASE_URL)" api_on_both_engines
else
  step "api on SQLite" env TEST_DATABASE_URL= npm run --silent test:api
  summary+=("- api on PostgreSQL: skipped (set TEST_DATABASE_URL=postgres://… to run the same suite there; .ci/run does)")
  echo "== api on PostgreSQL: skipped (set TEST_DATABASE_URL=postgres://… to run the same suite there; .ci/run does)"
fi
step "build (the widget bundle the embedding test loads, within its size budget; the API compiled to dist/)" npm run --silent build
step "the npm package @claimdesk/widget (tarball, manifest)" npm run --silent test:widget-package
step "widget (Chromium)" npm run --silent test:widget
step "two people in two browsers (Chromium, the built bundle), and the demo's webhook inbox" npm run --silent test:e2e
step "example host apps: React and Vue install the packed widget, typecheck strictly against its declarations, build, and run it (Chromium)" npm run --silent test:examples
