/**
 * The WAF web ACL for the CloudFront distribution. A CLOUDFRONT-scope web ACL must be created in
 * us-east-1 whatever region the portal runs in, hence this small stack; the portal stack reads its
 * ARN through a cross-region reference (`crossRegionReferences`; with the feature flag
 * `@aws-cdk/core:defaultCrossStackReferences: weak` that is `Fn::GetStackOutput`, no custom resource).
 */
import { Stack, type StackProps } from 'aws-cdk-lib';
import { CfnWebACL } from 'aws-cdk-lib/aws-wafv2';
import type { Construct } from 'constructs';

/** Requests per client IP per 5 minutes. Generous: an SFI classroom or a housing unit shares one IP. */
export const WAF_RATE_LIMIT_PER_5_MIN = 2_000;
export const WAF_REGION = 'us-east-1';

export class EdgeWafStack extends Stack {
  readonly webAcl: CfnWebACL;

  constructor(scope: Construct, id: string, props: StackProps) {
    super(scope, id, props);
    // Sampled requests would keep client IPs and user agents in the WAF console: off (privacy rule).
    const visibility = (metricName: string): CfnWebACL.VisibilityConfigProperty => ({
      cloudWatchMetricsEnabled: true,
      metricName,
      sampledRequestsEnabled: false,
    });
    const managed = (priority: number, name: string): CfnWebACL.RuleProperty => ({
      name,
      priority,
      overrideAction: { none: {} },
      statement: { managedRuleGroupStatement: { vendorName: 'AWS', name } },
      visibilityConfig: visibility(name),
    });

    this.webAcl = new CfnWebACL(this, 'WebAcl', {
      name: 'insats-portal',
      description: 'Insatsportalen CloudFront distribution',
      scope: 'CLOUDFRONT',
      defaultAction: { allow: {} },
      visibilityConfig: visibility('insats-portal'),
      rules: [
        {
          name: 'RateLimitPerIp',
          priority: 0,
          action: { block: {} },
          statement: { rateBasedStatement: { limit: WAF_RATE_LIMIT_PER_5_MIN, aggregateKeyType: 'IP' } },
          visibilityConfig: visibility('RateLimitPerIp'),
        },
        managed(1, 'AWSManagedRulesAmazonIpReputationList'),
        // Not the Common Rule Set: its 8 KB body limit would block catalogue uploads (CSV up to 5 MB).
        managed(2, 'AWSManagedRulesKnownBadInputsRuleSet'),
      ],
    });
  }
}
