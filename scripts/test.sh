#!/usr/bin/env bash
# The one test command (README, CI): types, API and domain tests, then the widget in Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "== typecheck (Node side, browser side, Node code with the DOM's types: package.json's typecheck)"
npm run --silent typecheck
echo "== api on SQLite"
TEST_DATABASE_URL= npm run --silent test:api
if [ -n "${TEST_DATABASE_URL:-}" ]; then
  echo "== api on PostgreSQL (TEST_DATABASE_URL)"
  npm run --silent test:api
else
  echo "== api on PostgreSQL: skipped (set TEST_DATABASE_URL=postgres://… to run the same suite there; .ci/run does)"
fi
echo "== build (the widget bundle the embedding test loads, within its size budget)"
npm run --silent build
echo "== the npm package @claimdesk/widget (tarball, manifest)"
npm run --silent test:widget-package
echo "== widget (Chromium)"
npm run --silent test:widget
echo "== two people in two browsers (Chromium, the built bundle)"
npm run --silent test:e2e
echo "== example host apps: React and Vue install the packed widget, typecheck strictly against its declarations, build, and run it (Chromium)"
npm run --silent test:examples
