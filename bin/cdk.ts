/** The CDK app of cdk.json: `npx cdk synth`, `npx cdk deploy --all`. */
import { createAwsApp } from '../cdk/app';

const { app } = createAwsApp();
app.synth();
