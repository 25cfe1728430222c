#!/usr/bin/env bash
# `npm test`: every test, on a fresh machine with only Node and npm. Installs what is missing,
# then runs lint, build and typecheck, unit and integration tests on PGlite, the integration
# tests again on a throwaway PostgreSQL 15 with pgvector, and Playwright in Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
export CI="${CI:-1}" TURBO_TELEMETRY_DISABLED=1 NEXT_TELEMETRY_DISABLED=1

step() { printf '\n\033[1m== %s ==\033[0m\n' "$1"; }

step "tools"
node scripts/setup.mjs --install
bash scripts/ensure-system.sh

step "lint"
pnpm lint
step "build"
pnpm exec turbo run build --output-logs=errors-only
step "typecheck"
pnpm exec turbo run typecheck --output-logs=errors-only
step "unit + integration (PGlite)"
pnpm exec turbo run test --concurrency=1
step "integration (PostgreSQL 15)"
bash scripts/with-postgres.sh pnpm exec turbo run test:int --concurrency=1
step "end to end (Playwright, Chromium)"
pnpm exec turbo run e2e --concurrency=1
