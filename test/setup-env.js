// aws-cdk-lib 2.27x validates every synthesized template against CloudFormation's rules, which
// costs ~0.4 s a synth and makes the suite ten times slower. The reference stacks are validated
// by cfn-lint instead (test/cdk/reference-stacks.test.ts), the stronger check.
process.env.CDK_VALIDATION = 'false';
