import { Match } from 'aws-cdk-lib/assertions';
import { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { afterAll, describe, expect, it } from 'vitest';
import { DIRECTORY_INDEX_FUNCTION_CODE } from '../../infra/constructs/directory-index.ts';
import { API_PATH_PATTERN, CONTENT_SECURITY_POLICY } from '../../infra/constructs/site.ts';
import { WAF_RATE_LIMIT_PER_5_MIN } from '../../infra/stacks/edge-waf-stack.ts';
import { fakeSiteDist, logicalId, synthesize } from './support.ts';

afterAll(() => CloudAssembly.cleanupTemporaryDirectories());

const { portal, edgeWaf, templates } = synthesize();
const template = templates.portal;
const distributionId = logicalId(portal, portal.site.distribution);
const bucketId = logicalId(portal, portal.site.bucket);
const distributionConfig = Object.values(template.findResources('AWS::CloudFront::Distribution'))[0]!
  .Properties.DistributionConfig;

interface PolicyStatementJson {
  Effect: 'Allow' | 'Deny';
  Action: string | string[];
  Principal?: unknown;
  Condition?: Record<string, Record<string, unknown>>;
}

// CloudFront's managed policy ids (documented constants).
const CACHING_DISABLED = '4135ea2d-6df8-44a3-9df3-4b5a84be39ad';
const ALL_VIEWER_EXCEPT_HOST_HEADER = 'b689b0a8-53d0-40ab-baf2-68738e2966ac';

describe('the site bucket behind Origin Access Control', () => {
  it('blocks public access, requires SSL, encrypts with S3-managed keys and logs access', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      },
      LoggingConfiguration: { DestinationBucketName: { Ref: logicalId(portal, portal.site.logBucket) } },
    });
  });

  it('has an Origin Access Control for S3, signing every request, used by the default origin', () => {
    template.hasResourceProperties('AWS::CloudFront::OriginAccessControl', {
      OriginAccessControlConfig: {
        OriginAccessControlOriginType: 's3',
        SigningBehavior: 'always',
        SigningProtocol: 'sigv4',
      },
    });
    const s3Origin = distributionConfig.Origins.find((o: { S3OriginConfig?: unknown }) => o.S3OriginConfig);
    expect(s3Origin.OriginAccessControlId).toEqual({ 'Fn::GetAtt': [expect.any(String), 'Id'] });
    expect(s3Origin.S3OriginConfig.OriginAccessIdentity).toBe('');
  });

  it('lets only cloudfront.amazonaws.com, for this distribution, read the bucket', () => {
    const policy = Object.values(template.findResources('AWS::S3::BucketPolicy')).find(
      (p) => p.Properties.Bucket.Ref === bucketId,
    )!;
    const statements = policy.Properties.PolicyDocument.Statement as PolicyStatementJson[];
    const allows = statements.filter((s) => s.Effect === 'Allow');
    expect(allows).toHaveLength(1);
    expect(allows[0]).toMatchObject({
      Action: 's3:GetObject',
      Principal: { Service: 'cloudfront.amazonaws.com' },
    });
    expect(JSON.stringify(allows[0]!.Condition?.StringEquals?.['AWS:SourceArn'])).toContain(
      `{"Ref":"${distributionId}"}`,
    );
    // The other statement is the deny of plain-HTTP requests.
    expect(statements.filter((s) => s.Effect === 'Deny')).toEqual([
      expect.objectContaining({ Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
    ]);
  });
});

describe('the directory index function', () => {
  const handler = new Function(`${DIRECTORY_INDEX_FUNCTION_CODE}; return handler;`)() as (event: {
    request: { uri: string };
  }) => { uri: string };
  const rewrite = (uri: string): string => handler({ request: { uri } }).uri;

  it.each([
    ['/', '/index.html'],
    ['/en/', '/en/index.html'],
    ['/ar/sok/', '/ar/sok/index.html'],
    ['/sodertorn', '/sodertorn/index.html'],
    ['/en/regions/sodertorn', '/en/regions/sodertorn/index.html'],
    ['/favicon.ico', '/favicon.ico'],
    ['/_astro/client.Bx1.js', '/_astro/client.Bx1.js'],
    ['/en/index.html', '/en/index.html'],
    ['/v1.2/page', '/v1.2/page/index.html'],
  ])('%s → %s', (uri, expected) => {
    expect(rewrite(uri)).toBe(expected);
  });

  it('runs on viewer request of the default behaviour only, on the cloudfront-js-2.0 runtime', () => {
    template.hasResourceProperties('AWS::CloudFront::Function', {
      AutoPublish: true,
      FunctionCode: DIRECTORY_INDEX_FUNCTION_CODE,
      FunctionConfig: Match.objectLike({ Runtime: 'cloudfront-js-2.0' }),
    });
    expect(distributionConfig.DefaultCacheBehavior.FunctionAssociations).toEqual([
      { EventType: 'viewer-request', FunctionARN: { 'Fn::GetAtt': [expect.any(String), 'FunctionARN'] } },
    ]);
    expect(distributionConfig.CacheBehaviors[0].FunctionAssociations).toBeUndefined();
  });
});

describe('security headers', () => {
  it('sends HSTS, nosniff, frame DENY, strict-origin-when-cross-origin and the project CSP', () => {
    template.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
      ResponseHeadersPolicyConfig: Match.objectLike({
        SecurityHeadersConfig: {
          ContentSecurityPolicy: { ContentSecurityPolicy: CONTENT_SECURITY_POLICY, Override: true },
          StrictTransportSecurity: {
            AccessControlMaxAgeSec: 63_072_000,
            IncludeSubdomains: true,
            Override: true,
          },
          ContentTypeOptions: { Override: true },
          FrameOptions: { FrameOption: 'DENY', Override: true },
          ReferrerPolicy: { ReferrerPolicy: 'strict-origin-when-cross-origin', Override: true },
        },
      }),
    });
  });

  it('the CSP is exactly the one the project agreed on', () => {
    expect(CONTENT_SECURITY_POLICY).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
    );
  });

  it('applies to the site and the API responses alike', () => {
    const policyRef = { Ref: expect.any(String) };
    expect(distributionConfig.DefaultCacheBehavior.ResponseHeadersPolicyId).toEqual(policyRef);
    expect(distributionConfig.CacheBehaviors[0].ResponseHeadersPolicyId).toEqual(
      distributionConfig.DefaultCacheBehavior.ResponseHeadersPolicyId,
    );
  });
});

describe('the /api/* behaviour on the same distribution', () => {
  it('routes /api/* to the HTTP API over HTTPS, uncached, with every query string and header but Host', () => {
    expect(distributionConfig.CacheBehaviors).toHaveLength(1);
    const api = distributionConfig.CacheBehaviors[0];
    expect(api).toMatchObject({
      PathPattern: API_PATH_PATTERN,
      CachePolicyId: CACHING_DISABLED,
      OriginRequestPolicyId: ALL_VIEWER_EXCEPT_HOST_HEADER,
      ViewerProtocolPolicy: 'https-only',
      AllowedMethods: expect.arrayContaining(['GET', 'POST', 'PATCH', 'DELETE', 'PUT']),
    });
    const origin = distributionConfig.Origins.find((o: { Id: string }) => o.Id === api.TargetOriginId);
    expect(origin.CustomOriginConfig).toEqual({
      OriginProtocolPolicy: 'https-only',
      OriginSSLProtocols: ['TLSv1.2'],
    });
    expect(JSON.stringify(origin.DomainName)).toContain(`{"Ref":"${logicalId(portal, portal.api.httpApi)}"}`);
  });

  it('has no distribution-wide error pages (they would rewrite the API JSON errors)', () => {
    expect(distributionConfig.CustomErrorResponses).toBeUndefined();
  });
});

describe('the WAF web ACL', () => {
  it('lives in us-east-1 with a rate-based rule per IP, without sampled requests (no stored IPs)', () => {
    expect(edgeWaf.region).toBe('us-east-1');
    templates.edgeWaf.hasResourceProperties('AWS::WAFv2::WebACL', {
      Scope: 'CLOUDFRONT',
      DefaultAction: { Allow: {} },
      Rules: Match.arrayWith([
        Match.objectLike({
          Action: { Block: {} },
          Statement: { RateBasedStatement: { Limit: WAF_RATE_LIMIT_PER_5_MIN, AggregateKeyType: 'IP' } },
        }),
      ]),
    });
    const acl = Object.values(templates.edgeWaf.findResources('AWS::WAFv2::WebACL'))[0]!.Properties;
    for (const config of [
      acl.VisibilityConfig,
      ...acl.Rules.map((r: { VisibilityConfig: unknown }) => r.VisibilityConfig),
    ]) {
      expect(config.SampledRequestsEnabled).toBe(false);
    }
  });

  it('is attached to the distribution through a cross-region stack output', () => {
    expect(distributionConfig.WebACLId).toEqual({
      'Fn::GetStackOutput': {
        StackName: edgeWaf.stackName,
        Region: 'us-east-1',
        OutputName: expect.any(String),
      },
    });
  });
});

describe('deploying the built site', () => {
  it('skips the deployment when site/dist does not exist', () => {
    expect(portal.site.deployment).toBeUndefined();
    template.resourceCountIs('Custom::CDKBucketDeployment', 0);
  });

  it('deploys site/dist to the bucket and invalidates the distribution when it exists', () => {
    // Prepare
    const dist = fakeSiteDist();
    try {
      // Act
      const { portal: withSite, templates: withSiteTemplates } = synthesize({ siteDistPath: dist.dir });
      // Assess
      withSiteTemplates.portal.hasResourceProperties('Custom::CDKBucketDeployment', {
        DestinationBucketName: { Ref: logicalId(withSite, withSite.site.bucket) },
        DistributionId: { Ref: logicalId(withSite, withSite.site.distribution) },
        DistributionPaths: ['/*'],
        Prune: true,
      });
    } finally {
      dist.remove();
    }
  });
});

describe('the portal own domain (optional)', () => {
  it('uses the certificate and requires TLS 1.2 when a domain is given', () => {
    const { templates: withDomain } = synthesize({
      domain: {
        domainName: 'insatser.example.se',
        certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/00000000-0000-0000-0000-000000000000',
      },
    });
    withDomain.portal.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        Aliases: ['insatser.example.se'],
        ViewerCertificate: Match.objectLike({
          MinimumProtocolVersion: 'TLSv1.2_2021',
          SslSupportMethod: 'sni-only',
        }),
      }),
    });
  });
});
