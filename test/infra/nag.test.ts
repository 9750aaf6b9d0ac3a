import { tmpdir } from 'node:os';
import path from 'node:path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { afterAll, describe, expect, it } from 'vitest';
import { FEATURE_FLAGS } from '../../infra/feature-flags.ts';
import { addNagChecks, createInsatsStacks } from '../../infra/insats-app.ts';
import { fakeSiteDist, synthesize, TEST_ROUTES } from './support.ts';

afterAll(() => CloudAssembly.cleanupTemporaryDirectories());

/** The AwsSolutions findings nobody acknowledged, as "rule at path" lines (empty = clean). */
function unacknowledged(app: App): string[] {
  const report = new AwsSolutionsChecks(app).validateScope(app);
  return report.violations.flatMap((v) =>
    v.violatingResources.map((r) => `${v.severity} ${v.ruleName} at ${r.constructPath}`),
  );
}

function acknowledgements(root: IConstruct): { path: string; id: string; reason: string }[] {
  return root.node.findAll().flatMap((c) =>
    c.node.metadata
      .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((m) =>
        Object.entries(m.data as Record<string, string>).map(([id, reason]) => ({
          path: c.node.path,
          id: id.replace(/^annotation::/i, ''),
          reason,
        })),
      ),
  );
}

/** Every rule this project acknowledges somewhere; a new acknowledgement must be added here, in review. */
const ACKNOWLEDGED_RULES = [
  'AwsSolutions-APIG4', // public read-only routes
  'AwsSolutions-CFR1', // no geo restriction
  'AwsSolutions-CFR3', // no CloudFront access logs (they hold IPs)
  'AwsSolutions-CFR4', // default certificate until the portal has its domain
  'AwsSolutions-L1', // Node 22 on purpose; the BucketDeployment runtime is CDK's
  'AwsSolutions-S1', // the access log bucket itself
  'AwsSolutions-IAM4', // BucketDeployment handler (CDK-maintained)
  'AwsSolutions-IAM5', // BucketDeployment handler (CDK-maintained)
];

describe('cdk-nag (AwsSolutions)', () => {
  const deployed = synthesize();
  const dist = fakeSiteDist();
  const full = (() => {
    try {
      return synthesize({ routes: TEST_ROUTES, siteDistPath: dist.dir });
    } finally {
      dist.remove();
    }
  })();

  it('finds no unacknowledged error or warning in the app as `cdk synth` builds it', () => {
    expect(unacknowledged(deployed.app)).toEqual([]);
  });

  it('finds none either with the site deployment, admin and search routes, and a custom domain', () => {
    expect(unacknowledged(full.app)).toEqual([]);
    const withDomain = synthesize({
      domain: {
        domainName: 'insatser.example.se',
        certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/00000000-0000-0000-0000-000000000000',
      },
    });
    expect(unacknowledged(withDomain.app)).toEqual([]);
  });

  it('every acknowledgement carries a real reason', () => {
    const acks = acknowledgements(full.app);
    expect(acks.length).toBeGreaterThan(0);
    for (const ack of acks) {
      const where = `${ack.id} at ${ack.path}`;
      expect(ack.reason.length, where).toBeGreaterThanOrEqual(80);
      expect(ack.reason.split(/\s+/).length, where).toBeGreaterThanOrEqual(12);
      expect(ack.reason, where).not.toMatch(
        /^(n\/?a|todo|tbd|ok|fine|ignore|suppress|not (needed|required))\b/i,
      );
    }
  });

  it('acknowledges only the rules the project has decided on, each on a specific construct', () => {
    const acks = acknowledgements(full.app);
    const rules = new Set(acks.map((a) => a.id.replace(/\[.*\]$/, '')));
    expect([...rules].sort()).toEqual([...ACKNOWLEDGED_RULES].sort());
    // Never on a whole stack or the app: an acknowledgement names the resource it excuses.
    for (const ack of acks) expect(ack.path.split('/').length, `${ack.id} at ${ack.path}`).toBeGreaterThan(1);
  });

  describe('wired into synthesis, as infra/app.ts does', () => {
    const newApp = (): App => {
      const app = new App({ context: { ...FEATURE_FLAGS, 'aws:cdk:bundling-stacks': [] } });
      createInsatsStacks(app, { siteDistPath: path.join(tmpdir(), 'insats-no-site-dist') });
      addNagChecks(app);
      return app;
    };

    it('lets the portal synthesize', () => {
      expect(() => newApp().synth()).not.toThrow();
    });

    it('stops synthesis when a finding is not acknowledged', () => {
      // Prepare
      const app = newApp();
      new Bucket(new Stack(app, 'Careless', { env: { region: 'eu-north-1' } }), 'LeakyBucket');
      // Act + Assess
      expect(() => app.synth()).toThrow(/AwsSolutions-S1/);
    });
  });
});
