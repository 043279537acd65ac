#!/usr/bin/env bash
# The property-based suites at full size: FR_PROPERTY_CASES cases per cloud (default 1,000), with
# the seed FR_PROPERTY_SEED (default 20261205), then one line per cloud: cases, refused, built.
# Replay a failure with the seed and the path fast-check prints.
set -euo pipefail
cd "$(dirname "$0")/../.."
export FR_PROPERTY_CASES="${FR_PROPERTY_CASES:-1000}" FR_PROPERTY_SEED="${FR_PROPERTY_SEED:-20261205}"
summary="$(mktemp)"
trap 'rm -f "$summary"' EXIT
export FR_PROPERTY_SUMMARY="$summary"
began=$(date +%s)
npx jest test/property --ci
node -e '
const lines = require("fs").readFileSync(process.argv[1], "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l));
const clouds = {};
for (const l of lines) {
  const c = (clouds[l.cloud] ??= { cases: 0, refused: 0, built: 0, constructs: 0 });
  c.cases += l.cases; c.refused += l.refused; c.built += l.built; c.constructs += 1;
}
for (const [cloud, c] of Object.entries(clouds)) console.log(`property ${cloud}: ${c.cases} cases over ${c.constructs} constructs (${c.refused} refused, ${c.built} built and judged), seed ${process.env.FR_PROPERTY_SEED}`);
const short = Object.entries(clouds).filter(([, c]) => c.cases < Number(process.env.FR_PROPERTY_CASES));
if (Object.keys(clouds).length < 3 || short.length > 0) { console.error(`property suites ran fewer cases than asked: ${JSON.stringify(clouds)}`); process.exit(1); }
' "$summary"
echo "property suites took $(( $(date +%s) - began )) s"
