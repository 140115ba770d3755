#!/bin/sh
# First step of `npm run demo`, `npm test` and `npm run bench`: install what a fresh checkout lacks.
# Plain sh because node_modules may not exist yet.
set -eu
cd "$(dirname "$0")/.."

node -e 'const [a,b]=process.versions.node.split(".").map(Number); if (a<20||(a===20&&b<19)) { console.error("Node.js >= 20.19 is required (found "+process.version+")"); process.exit(1) }'

# npm ci when node_modules is missing or older than the lock file.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "› installing npm packages (npm ci)"
  npm ci --no-audit --no-fund
fi

# The Prisma client is generated code (lib/generated), rebuilt when the schema changes.
node scripts/dev/prisma-generate.mjs
