#!/usr/bin/env bash
# The consumer test: the kit as its users get it. Packs the kit, installs the tarball into a
# scratch CDK app (an older aws-cdk-lib within the declared range, the classic `cdk init`
# tsconfig, no context flags) and a scratch CDKTF app (GCP only), and runs them the way the docs
# say: tsc, `npx cdk synth` with the plugin (a weakened trail must fail, a good one pass),
# `node main.js` for CDKTF (a weakened lock must fail), `npx forensic-readiness check`.
# Prints the AWS-only install size and the synth times. Reuses npm's cache.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/fr-consumer.XXXXXX")"
if [ -z "${CONSUMER_KEEP:-}" ]; then trap 'rm -rf "$work"' EXIT; else echo "  keeping $work"; fi
export CDK_DISABLE_CLI_TELEMETRY=1 CDK_DISABLE_VERSION_CHECK=1 CHECKPOINT_DISABLE=1 TF_CLI_CONFIG_FILE=/dev/null
unset CDK_OUTDIR CDK_CONTEXT_JSON
began=$(date +%s)
passed=0
ok() { passed=$((passed + 1)); echo "  ok: $*"; }
fail() { echo "consumer test FAILED: $*"; if [ -f "$work/last.log" ]; then tail -n 15 "$work/last.log" | cut -c1-300; fi; exit 1; }
ms() { date +%s%3N; }
# run LOG CMD...: runs CMD with its output in LOG; returns CMD's exit code.
run() { local log="$1"; shift; set +e; "$@" >"$log" 2>&1; local rc=$?; set -e; cp "$log" "$work/last.log"; return $rc; }
install() { npm install --no-audit --no-fund --prefer-offline --loglevel=error >"$work/last.log" 2>&1 || fail "npm install in $PWD"; }

echo "== consumer: npm pack"
(cd "$repo" && npm pack --pack-destination "$work" >"$work/pack.log" 2>&1) || { cat "$work/pack.log"; fail "npm pack"; }
tarball="$(ls "$work"/forensic-readiness-kit-*.tgz)"
tar -tzf "$tarball" > "$work/files.txt"
grep -qx 'package/dist/bin/cli.js' "$work/files.txt" || fail "the tarball has no compiled CLI"
grep -qx 'package/RULES.md' "$work/files.txt" && grep -qx 'package/LICENSE' "$work/files.txt" || fail "the tarball lacks RULES.md or LICENSE"
if grep -E '\.ts$' "$work/files.txt" | grep -v '^package/examples/' | grep -vq '\.d\.ts$'; then fail "the tarball ships TypeScript source"; fi
ok "tarball $(basename "$tarball"): $(wc -l < "$work/files.txt") files, $(du -k "$tarball" | cut -f1) KiB"

cdk_app() {
local version="$1" app="$work/cdk-app-$1"
echo "== consumer: scratch CDK app (aws-cdk-lib $version, TypeScript 5.9, moduleResolution node)"
cp -r "$repo/test/consumer/cdk-app" "$app"
cd "$app"
cat > package.json <<JSON
{
  "name": "consumer-cdk-app",
  "version": "0.0.0",
  "private": true,
  "dependencies": {
    "aws-cdk-lib": "$version",
    "cdk-nag": "3.0.2",
    "constructs": "10.5.1",
    "forensic-readiness-kit": "file:$tarball"
  },
  "devDependencies": {
    "@types/node": "20.19.43",
    "aws-cdk": "2.1148.1",
    "typescript": "5.9.3"
  }
}
JSON
t=$(ms); install; echo "  npm install: $(( $(ms) - t )) ms"
[ ! -e node_modules/cdktf ] && [ ! -e node_modules/@cdktf ] || fail "an AWS-only app got cdktf or a Terraform provider"
copies=$(find node_modules -type f -path '*/aws-cdk-lib/package.json' -not -path '*/aws-cdk-lib/*/aws-cdk-lib/*' | wc -l)
[ "$copies" -eq 1 ] || fail "the app holds $copies copies of aws-cdk-lib"
ok "AWS-only install: $(du -sm node_modules | cut -f1) MB in node_modules, one aws-cdk-lib, no Terraform provider"

run "$work/tsc.log" npx tsc -p tsconfig.json || fail "tsc (TypeScript 5.9, moduleResolution node)"
run "$work/tsc16.log" npx tsc -p tsconfig.node16.json || fail "tsc (TypeScript 5.9, moduleResolution node16)"
run "$work/tsc7.log" "$repo/node_modules/.bin/tsc" -p tsconfig.ts7.json || fail "tsc (TypeScript 7, moduleResolution node16)"
ok "tsc passes under TypeScript 5.9 (node, node16) and TypeScript 7 (node16, types [node] as TypeScript 7 wants them listed)"

t=$(ms); run "$work/synth-off.log" npx cdk synth -c checks=off -o off.out --quiet || fail "cdk synth without the plugin"; off=$(( $(ms) - t ))
t=$(ms); run "$work/synth-good.log" npx cdk synth --quiet || fail "cdk synth of the good app (plugin on)"; on=$(( $(ms) - t ))
ok "npx cdk synth passes the good app: ${on} ms with the plugin, ${off} ms without"
if run "$work/synth-weak.log" npx cdk synth -c weaken=true -o weak.out --quiet; then fail "cdk synth passed a trail without log file validation (relative output folder)"; fi
grep -q 'AWS.CloudTrail.LogFileValidation' "$work/synth-weak.log" || fail "the failed synth does not name AWS.CloudTrail.LogFileValidation"
ok "npx cdk synth fails a trail without log file validation, relative output folder, naming the rule"
if run "$work/synth-weak-abs.log" npx cdk synth -c weaken=true -o "$app/weak-abs.out" --quiet; then fail "cdk synth passed the weakened trail (absolute output folder)"; fi
grep -q 'AWS.CloudTrail.LogFileValidation' "$work/synth-weak-abs.log" || fail "the failed synth (absolute folder) does not name the rule"
ok "npx cdk synth fails it with an absolute output folder too"

if run "$work/synth-stage.log" npx cdk synth -c stage=true -c weaken=true -o stage.out --quiet; then fail "cdk synth passed the weakened trail inside a Stage (CDK Pipelines)"; fi
grep -q '^forensic-readiness: \[Prod/ConsumerEvidence/Trail/Resource/Resource\] AWS.CloudTrail.LogFileValidation' "$work/synth-stage.log" || fail "the failed synth inside a Stage does not name the rule on stderr"
run "$work/synth-warn.log" npx cdk synth -c warn=true -o warn.out --quiet || fail "cdk synth failed on a warning finding"
[ "$(grep -c 'AWS.S3.ObjectLockGovernance: ' "$work/synth-warn.log")" -eq 1 ] || fail "the warning AWS.S3.ObjectLockGovernance was not printed exactly once"
ok "npx cdk synth fails the weakened trail inside a Stage, naming it; prints a warning finding once and passes"
run "$work/check-good.log" npx forensic-readiness check cdk.out || fail "npx forensic-readiness check cdk.out (good app)"
grep -q 'PASSED' "$work/check-good.log" || fail "the check of the good app did not say PASSED"
set +e; npx forensic-readiness check weak.out >"$work/check-weak.log" 2>&1; rc=$?; set -e
[ "$rc" -eq 1 ] || { cp "$work/check-weak.log" "$work/last.log"; fail "check of the weakened app exited $rc, expected 1"; }
grep -q 'AWS.CloudTrail.LogFileValidation' "$work/check-weak.log" || fail "the check of the weakened app does not name the rule"
set +e; node node_modules/forensic-readiness-kit/dist/bin/cli.js check weak.out --format json >"$work/direct.json" 2>"$work/direct.err"; rc=$?; set -e
[ "$rc" -eq 1 ] && grep -q '"AWS.CloudTrail.LogFileValidation"' "$work/direct.json" || { cp "$work/direct.err" "$work/last.log"; fail "node dist/bin/cli.js check exited $rc without the finding"; }
set +e; npx forensic-readiness check missing.json >/dev/null 2>"$work/missing.err"; rc=$?; set -e
[ "$rc" -eq 2 ] && [ "$(wc -l < "$work/missing.err")" -eq 1 ] || fail "a missing input did not give exit 2 and one line"
ok "the installed CLI: 0 on the good app, 1 on the weakened one (also run as node dist/bin/cli.js), 2 on a missing file"
}

# The oldest aws-cdk-lib the kit declares (it hands validation failures to the CDK CLI in an
# older way) and the one the kit is developed on.
cdk_app 2.257.0
cdk_app "$(node -p "require('$repo/node_modules/aws-cdk-lib/package.json').version")"

echo "== consumer: scratch CDKTF app (GCP only, TypeScript 5.9, moduleResolution node)"
cp -r "$repo/test/consumer/cdktf-app" "$work/cdktf-app"
cd "$work/cdktf-app"
cat > package.json <<JSON
{
  "name": "consumer-cdktf-app",
  "version": "0.0.0",
  "private": true,
  "dependencies": {
    "@cdktf/provider-google": "16.12.1",
    "cdktf": "0.21.0",
    "constructs": "10.8.1",
    "forensic-readiness-kit": "file:$tarball"
  },
  "devDependencies": {
    "@types/node": "20.19.43",
    "typescript": "5.9.3"
  }
}
JSON
t=$(ms); install; echo "  npm install: $(( $(ms) - t )) ms"
[ ! -e node_modules/@cdktf/provider-azurerm ] && [ ! -e node_modules/aws-cdk-lib ] || fail "a GCP-only app got azurerm or aws-cdk-lib"
ok "GCP-only install: $(du -sm node_modules | cut -f1) MB, no azurerm, no aws-cdk-lib"
run "$work/tsc-tf.log" npx tsc -p tsconfig.json || fail "tsc of the CDKTF app"
t=$(ms); run "$work/tf-good.log" node main.js || fail "node main.js (good CDKTF app)"; tf=$(( $(ms) - t ))
[ -s cdktf.out/stacks/consumer-gcp/cdk.tf.json ] || fail "the CDKTF app wrote no cdk.tf.json"
ok "node main.js synthesizes the good CDKTF app in ${tf} ms"
if WEAKEN=true run "$work/tf-weak.log" node main.js; then fail "the CDKTF app synthesized an unlocked evidence bucket"; fi
grep -q 'GCP.Storage.RetentionLocked' "$work/tf-weak.log" || fail "the failed CDKTF synth does not name GCP.Storage.RetentionLocked"
ok "the CDKTF app fails on an unlocked evidence bucket, naming the rule"
run "$work/check-tf.log" npx forensic-readiness check cdktf.out || fail "npx forensic-readiness check cdktf.out"
ok "npx forensic-readiness check cdktf.out passes"

# Plain Terraform on AWS (hashicorp/aws, as `terraform` or cdktf with @cdktf/provider-aws writes it) is judged by the AWS rules.
cat > aws.tf.json <<'JSON'
{
  "resource": {
    "aws_s3_bucket": { "audit": { "bucket": "org-audit", "object_lock_enabled": true, "lifecycle": { "prevent_destroy": true } } },
    "aws_s3_bucket_object_lock_configuration": { "audit": { "bucket": "${aws_s3_bucket.audit.id}", "rule": { "default_retention": { "mode": "GOVERNANCE", "days": 30 } } } },
    "aws_cloudtrail": { "org": { "name": "org", "s3_bucket_name": "${aws_s3_bucket.audit.id}", "enable_logging": false } }
  }
}
JSON
set +e; npx forensic-readiness check aws.tf.json >"$work/check-tfaws.log" 2>&1; rc=$?; set -e
[ "$rc" -eq 1 ] || { cp "$work/check-tfaws.log" "$work/last.log"; fail "check of a hashicorp/aws Terraform file exited $rc, expected 1"; }
for rule in AWS.CloudTrail.IsLogging AWS.CloudTrail.LogFileValidation AWS.S3.ObjectLockCompliance; do
  grep -q "$rule" "$work/check-tfaws.log" || { cp "$work/check-tfaws.log" "$work/last.log"; fail "the check of aws.tf.json does not name $rule"; }
done
ok "npx forensic-readiness check judges hashicorp/aws Terraform: exit 1, naming the AWS rules"

echo "consumer: $passed checks passed in $(( $(date +%s) - began )) s"
