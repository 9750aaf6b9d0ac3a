/**
 * Uploading the built site (site/dist) to the site bucket on `cdk deploy`, then invalidating the
 * distribution so every page changes at once. The site is built before `cdk deploy`; synth without
 * a built site simply has no deployment.
 */
import { type CfnResource, DefaultStackSynthesizer, Stack, Validations } from 'aws-cdk-lib';
import type { IDistribution } from 'aws-cdk-lib/aws-cloudfront';
import type { Bucket } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, Source } from 'aws-cdk-lib/aws-s3-deployment';
import type { Construct } from 'constructs';

export interface SiteDeploymentProps {
  distPath: string;
  bucket: Bucket;
  distribution: IDistribution;
}

export function deploySite(scope: Construct, id: string, props: SiteDeploymentProps): BucketDeployment {
  const deployment = new BucketDeployment(scope, id, {
    sources: [Source.asset(props.distPath)],
    destinationBucket: props.bucket,
    distribution: props.distribution,
    distributionPaths: ['/*'],
    prune: true,
    memoryLimit: 512,
  });
  acknowledgeDeploymentHandler(scope, props.bucket);
  return deployment;
}

const DEPLOYMENT_SYNC_REASON =
  'BucketDeployment copies every object of the built site from the CDK asset bucket into the site ' +
  'bucket and prunes removed files, which needs object-level wildcards on exactly those two buckets.';

/**
 * BucketDeployment runs a CDK-maintained singleton function (a child of the stack, not of the
 * deployment) during `cdk deploy` only. Its role and runtime are chosen by aws-cdk-lib; the findings
 * below are acknowledged on that singleton alone, one by one.
 */
function acknowledgeDeploymentHandler(scope: Construct, siteBucket: Bucket): void {
  const stack = Stack.of(scope);
  const handler = stack.node.children.find((child) =>
    child.node.id.startsWith('Custom::CDKBucketDeployment'),
  );
  if (!handler) throw new Error('BucketDeployment handler not found: aws-cdk-lib changed its construct id');
  const siteBucketId = stack.getLogicalId(siteBucket.node.defaultChild as CfnResource);
  const assetBucket = `arn:${stack.partition}:s3:::cdk-${DefaultStackSynthesizer.DEFAULT_QUALIFIER}-assets-<AWS::AccountId>-${stack.region}/*`;
  const reasons: Record<string, string> = {
    'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]':
      'The BucketDeployment handler (CDK-maintained, runs only during deployments) writes its own logs ' +
      'through the AWS managed basic execution role; CDK offers no way to replace it.',
    'AwsSolutions-IAM5[Action::s3:GetBucket*]': DEPLOYMENT_SYNC_REASON,
    'AwsSolutions-IAM5[Action::s3:GetObject*]': DEPLOYMENT_SYNC_REASON,
    'AwsSolutions-IAM5[Action::s3:List*]': DEPLOYMENT_SYNC_REASON,
    'AwsSolutions-IAM5[Action::s3:Abort*]': DEPLOYMENT_SYNC_REASON,
    'AwsSolutions-IAM5[Action::s3:DeleteObject*]': DEPLOYMENT_SYNC_REASON,
    [`AwsSolutions-IAM5[Resource::${assetBucket}]`]: DEPLOYMENT_SYNC_REASON,
    [`AwsSolutions-IAM5[Resource::<${siteBucketId}.Arn>/*]`]: DEPLOYMENT_SYNC_REASON,
    'AwsSolutions-IAM5[Resource::*]':
      'BucketDeployment grants cloudfront:CreateInvalidation/GetInvalidation on * to invalidate the ' +
      'distribution after a site deploy; those two actions cannot change content or configuration.',
    'AwsSolutions-L1':
      'The BucketDeployment handler runtime (Python) is chosen and updated by aws-cdk-lib, not by ' +
      'this project; it follows aws-cdk-lib upgrades and runs only during deployments.',
  };
  for (const [ruleId, reason] of Object.entries(reasons))
    Validations.of(handler).acknowledge({ id: ruleId, reason });
}
