#!/usr/bin/env bash
# The one test command (README, CI): types, API and domain tests, then the widget in Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "== typecheck"
npx tsc --noEmit -p .
echo "== api"
npm run --silent test:api
echo "== build (the widget bundle the embedding test loads, within its size budget)"
npm run --silent build
echo "== widget (Chromium)"
npm run --silent test:widget
