#!/usr/bin/env bash
# `npm run api` and `npm run migrate` run the API compiled to dist/ (`npm run build`), with plain
# Node: no build at start, since production installs may leave out the build tools
# (`npm ci --omit=dev`). When the compiled file is missing, say so in one line, not as Node's
# ERR_MODULE_NOT_FOUND stack trace.
if [ ! -f "$1" ]; then
  echo "$1 is missing: run \`npm run build\` first (it compiles the API to dist/)." >&2
  exit 1
fi
