/**
 * `cdk synth` / `cdk deploy` entry (cdk.json: `node infra/app.ts`).
 * Context (all optional): `insats:awsRegion` (default eu-north-1); `insats:domainName` with
 * `insats:certificateArn` (an ACM certificate in us-east-1) for the portal's own domain;
 * `insats:alarmEmail`, an address subscribed to the alarm topic.
 */
import { App } from 'aws-cdk-lib';
import { FEATURE_FLAGS } from './feature-flags.ts';
import { addNagChecks, createInsatsStacks } from './insats-app.ts';

const app = new App({ context: { ...FEATURE_FLAGS } });
const context = (key: string): string | undefined => {
  const value: unknown = app.node.tryGetContext(key);
  return typeof value === 'string' && value !== '' ? value : undefined;
};
const domainName = context('insats:domainName');
const certificateArn = context('insats:certificateArn');
if (Boolean(domainName) !== Boolean(certificateArn)) {
  throw new Error('Give both insats:domainName and insats:certificateArn, or neither.');
}
createInsatsStacks(app, {
  awsRegion: context('insats:awsRegion'),
  domain: domainName && certificateArn ? { domainName, certificateArn } : undefined,
  account: process.env.CDK_DEFAULT_ACCOUNT,
  alarmEmail: context('insats:alarmEmail'),
});
addNagChecks(app);
app.synth();
