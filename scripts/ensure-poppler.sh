#!/usr/bin/env bash
# The API tests read the PDFs the API draws (a claim's summary, its letter to the carrier) with
# pdftotext, from Debian's poppler-utils. Install it when missing.
set -euo pipefail
if command -v pdftotext >/dev/null 2>&1; then
  exit 0
fi
echo "ensure-poppler: pdftotext is missing; installing Debian's poppler-utils package (apt-get)…" >&2
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "ensure-poppler: not root and no sudo; install it yourself: apt-get update && apt-get install -y poppler-utils" >&2
    exit 1
  fi
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-poppler: apt-get not found. Install poppler-utils (pdftotext) by other means to run the API tests." >&2
  exit 1
fi
if ! { $SUDO apt-get update && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y poppler-utils; }; then
  echo "ensure-poppler: installing poppler-utils failed (see above). The API tests need pdftotext." >&2
  exit 1
fi
if ! command -v pdftotext >/dev/null 2>&1; then
  echo "ensure-poppler: poppler-utils was installed but pdftotext is still not on PATH." >&2
  exit 1
fi
echo "ensure-poppler: installed $(pdftotext -v 2>&1 | head -1)." >&2
