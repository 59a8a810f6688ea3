#!/usr/bin/env bash
# `npm test`: unit tests (Vitest), then e2e tests (Playwright on the production
# build), then one summary line over both ("tests: N passed, N failed, N skipped").
# Both runners always run, so the summary covers everything even when the unit
# tests fail; the exit status is non-zero if anything failed.
set -uo pipefail
cd "$(dirname "$0")/.."
# The project's tools and its Node 24 first, also when run outside npm.
export PATH="$PWD/node_modules/.bin:$PATH"

rm -f tests/.output/vitest.json tests/.output/playwright.json
mkdir -p tests/.output

vitest run -c tests/vitest.config.ts
unit=$?
playwright test -c tests/playwright.config.ts
e2e=$?
tsx tests/summarise-results.ts
summary=$?

[ "$unit" -eq 0 ] && [ "$e2e" -eq 0 ] && [ "$summary" -eq 0 ]
