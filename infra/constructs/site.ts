/**
 * The portal on the CDN: the built Astro site in a private S3 bucket behind CloudFront (Origin Access
 * Control), security headers on every response, and `/api/*` routed to the HTTP API on the same
 * distribution, so the site calls its API same-origin (no CORS, one CSP `connect-src 'self'`).
 */
import { existsSync } from 'node:fs';
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  AllowedMethods,
  CachePolicy,
  Function as CloudFrontFunction,
  Distribution,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  OriginSslPolicy,
  PriceClass,
  ResponseHeadersPolicy,
  SecurityPolicyProtocol,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import type { BucketDeployment } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { DIRECTORY_INDEX_FUNCTION_CODE } from './directory-index.ts';
import { deploySite } from './site-deployment.ts';

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');
export const HSTS_MAX_AGE = Duration.days(730);
export const API_PATH_PATTERN = '/api/*';
export const ACCESS_LOG_EXPIRY = Duration.days(90);

export interface SiteProps {
  /** Host name of the HTTP API (`<id>.execute-api.<region>.amazonaws.com`). */
  apiDomainName: string;
  /** The built site (site/dist); deployed to the bucket when the folder exists at synth time. */
  siteDistPath?: string;
  /** ARN of a CLOUDFRONT-scope WAF web ACL (it lives in us-east-1). */
  webAclArn?: string;
  /** The portal's own domain, with its ACM certificate (which CloudFront requires in us-east-1). */
  domain?: SiteDomain;
}

export interface SiteDomain {
  domainName: string;
  certificateArn: string;
}

export class Site extends Construct {
  readonly bucket: Bucket;
  readonly logBucket: Bucket;
  readonly distribution: Distribution;
  readonly deployment?: BucketDeployment;

  constructor(scope: Construct, id: string, props: SiteProps) {
    super(scope, id);

    this.logBucket = new Bucket(this, 'AccessLogBucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: BucketEncryption.S3_MANAGED,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      lifecycleRules: [{ expiration: ACCESS_LOG_EXPIRY }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.logBucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        'This is the server access log bucket of the site bucket; logging it into itself would loop ' +
        'and logging it elsewhere only moves the question one bucket further.',
    });

    this.bucket = new Bucket(this, 'SiteBucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: BucketEncryption.S3_MANAGED,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      versioned: true,
      lifecycleRules: [{ noncurrentVersionExpiration: Duration.days(30) }],
      // Requests reach this bucket only from CloudFront (OAC), so its access log holds no visitor IPs.
      serverAccessLogsBucket: this.logBucket,
      serverAccessLogsPrefix: 'site-bucket/',
      removalPolicy: RemovalPolicy.RETAIN,
    });

    const directoryIndex = new CloudFrontFunction(this, 'DirectoryIndex', {
      comment: 'Append index.html to directory paths (S3 behind OAC has no index document)',
      code: FunctionCode.fromInline(DIRECTORY_INDEX_FUNCTION_CODE),
      runtime: FunctionRuntime.JS_2_0,
    });

    const securityHeaders = new ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'Insatsportalen security headers',
      securityHeadersBehavior: {
        contentSecurityPolicy: { contentSecurityPolicy: CONTENT_SECURITY_POLICY, override: true },
        strictTransportSecurity: {
          accessControlMaxAge: HSTS_MAX_AGE,
          includeSubdomains: true,
          override: true,
        },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        referrerPolicy: {
          referrerPolicy: HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN,
          override: true,
        },
      },
    });

    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'Insatsportalen',
      defaultRootObject: 'index.html',
      httpVersion: HttpVersion.HTTP2_AND_3,
      // Europe and North America edges: the audience is in Sweden.
      priceClass: PriceClass.PRICE_CLASS_100,
      webAclId: props.webAclArn,
      ...(props.domain
        ? {
            domainNames: [props.domain.domainName],
            certificate: Certificate.fromCertificateArn(this, 'Certificate', props.domain.certificateArn),
            minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
          }
        : {}),
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: securityHeaders,
        compress: true,
        functionAssociations: [{ function: directoryIndex, eventType: FunctionEventType.VIEWER_REQUEST }],
      },
      additionalBehaviors: {
        [API_PATH_PATTERN]: {
          origin: new HttpOrigin(props.apiDomainName, {
            protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
            originSslProtocols: [OriginSslPolicy.TLS_V1_2],
          }),
          viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: AllowedMethods.ALLOW_ALL,
          // Nothing cached; every query string, header (Authorization included) and cookie reaches the API.
          cachePolicy: CachePolicy.CACHING_DISABLED,
          originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
          responseHeadersPolicy: securityHeaders,
        },
      },
      // No distribution-wide errorResponses: they would also rewrite the API's JSON 4xx answers.
    });
    Validations.of(this.distribution).acknowledge({
      id: 'AwsSolutions-CFR1',
      reason:
        'No geo restriction: the portal serves people moving to Sweden, and those helping them, from ' +
        'wherever they are, including before arrival.',
    });
    Validations.of(this.distribution).acknowledge({
      id: 'AwsSolutions-CFR3',
      reason:
        'CloudFront standard logs always record the client IP address and user agent, which the privacy ' +
        'rule forbids storing for a vulnerable group; traffic is monitored with CloudFront and API metrics.',
    });
    if (!props.domain) {
      Validations.of(this.distribution).acknowledge({
        id: 'AwsSolutions-CFR4',
        reason:
          'Until the portal has its own domain, the distribution answers on *.cloudfront.net with the ' +
          'CloudFront default certificate, whose TLS policy cannot be chosen; give the insats:domainName ' +
          'and insats:certificateArn context values and the distribution requires TLSv1.2_2021.',
      });
    }

    if (props.siteDistPath && existsSync(props.siteDistPath)) {
      this.deployment = deploySite(this, 'Deploy', {
        distPath: props.siteDistPath,
        bucket: this.bucket,
        distribution: this.distribution,
      });
    }
  }
}
