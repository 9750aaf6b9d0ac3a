/**
 * The review reminders in AWS (docs/review.md): one function, run daily by an EventBridge rule, that
 * mails every region's named owners their due and overdue items through Amazon SES.
 *
 * - The sender is the stack parameter `ReminderSender` (a verified SES identity's address); its default
 *   comes from the context value `insats:reminderSender`. Empty (the default without context) leaves the
 *   rule DISABLED: the stack deploys, and reminders start when a sender is given
 *   (`cdk deploy InsatsPortal --parameters ReminderSender=granskning@example.se`).
 * - SES: `ses:SendEmail` only, only on that identity (the address, or its domain) and only with that
 *   From address. The stores: read every regional table; in the national table write only the once-a-day
 *   markers (`REMINDER#<day>`, by `dynamodb:LeadingKeys`).
 */
import path from 'node:path';
import { Aws, CfnCondition, CfnParameter, Duration, Fn, Validations } from 'aws-cdk-lib';
import { type CfnRule, Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { PORTAL_URL_ENV, REMINDER_SENDER_ENV } from '../../functions/review/reminder-config.ts';
import { REPOSITORY_ROOT } from '../region-registry.ts';
import { bindStores, type Stores } from './bind-stores.ts';
import { ESM_REQUIRE_BANNER, FUNCTION_LOG_RETENTION, FUNCTION_RUNTIME } from './route-function.ts';

export const REMINDER_SENDER_CONTEXT = 'insats:reminderSender';
export const REMINDER_SENDER_PARAMETER = 'ReminderSender';
/** 05:00 UTC: 06:00 or 07:00 in Sweden, before the working day. */
export const REMINDER_SCHEDULE = Schedule.cron({ minute: '0', hour: '5' });
export const REMINDER_TIMEOUT = Duration.minutes(5);
export const REMINDER_MEMORY_MB = 1024;
export const REMINDER_ENTRY = 'functions/review/reminders-handler.ts';

export interface RemindersProps {
  stores: Stores;
  /** The portal's address, for the links in the e-mails. */
  portalUrl: string;
}

export class Reminders extends Construct {
  readonly fn: NodejsFunction;
  readonly rule: Rule;
  readonly sender: CfnParameter;

  constructor(scope: Construct, id: string, props: RemindersProps) {
    super(scope, id);
    const fromContext: unknown = this.node.tryGetContext(REMINDER_SENDER_CONTEXT);
    // A stack parameter (logical id `ReminderSender`), so the address can be set at deploy time too.
    this.sender = new CfnParameter(this, REMINDER_SENDER_PARAMETER, {
      type: 'String',
      default: typeof fromContext === 'string' ? fromContext : '',
      allowedPattern: '^$|^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$',
      description:
        'The verified Amazon SES identity (an e-mail address) review reminders are sent from; empty = reminders off',
    });
    this.sender.overrideLogicalId(REMINDER_SENDER_PARAMETER);
    const sender = this.sender.valueAsString;
    const enabled = new CfnCondition(this, 'Enabled', {
      expression: Fn.conditionNot(Fn.conditionEquals(sender, '')),
    });

    const logGroup = new LogGroup(this, 'Logs', { retention: FUNCTION_LOG_RETENTION });
    const role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: 'Daily review reminders',
    });
    logGroup.grantWrite(role);
    this.fn = new NodejsFunction(this, 'Function', {
      entry: path.join(REPOSITORY_ROOT, REMINDER_ENTRY),
      handler: 'handler',
      projectRoot: REPOSITORY_ROOT,
      depsLockFilePath: path.join(REPOSITORY_ROOT, 'package-lock.json'),
      runtime: FUNCTION_RUNTIME,
      architecture: Architecture.ARM_64,
      memorySize: REMINDER_MEMORY_MB,
      timeout: REMINDER_TIMEOUT,
      description: 'Daily review reminders to the owners named by each region (Amazon SES)',
      role,
      logGroup,
      environment: {
        INSATS_STAGE: 'production',
        [REMINDER_SENDER_ENV]: sender,
        [PORTAL_URL_ENV]: props.portalUrl,
      },
      bundling: {
        format: OutputFormat.ESM,
        target: 'node22',
        mainFields: ['module', 'main'],
        banner: ESM_REQUIRE_BANNER,
        minify: true,
        sourceMap: false,
        bundleAwsSDK: true,
        externalModules: [],
      },
    });
    Validations.of(this.fn).acknowledge({
      id: 'AwsSolutions-L1',
      reason:
        'Node 22 on purpose, as every function of the project: the toolchain is pinned to Node 22 (node@22, ' +
        'esbuild target node22, the tests), so Lambda runs what was tested (see route-function.ts).',
    });
    // Read every regional store (catalogues, owners); write the once-a-day markers (`REMINDER#…`) in the
    // national table, nothing else there.
    bindStores(this.fn, 'read', props.stores, ['reminders']);
    const domain = Fn.conditionIf(
      enabled.logicalId,
      Fn.select(1, Fn.split('@', sender)),
      'reminders-off.invalid',
    );
    this.fn.addToRolePolicy(
      new PolicyStatement({
        sid: 'SendReminders',
        actions: ['ses:SendEmail'],
        resources: [
          `arn:${Aws.PARTITION}:ses:${Aws.REGION}:${Aws.ACCOUNT_ID}:identity/${sender}`,
          `arn:${Aws.PARTITION}:ses:${Aws.REGION}:${Aws.ACCOUNT_ID}:identity/${domain.toString()}`,
        ],
        conditions: { StringEquals: { 'ses:FromAddress': sender } },
      }),
    );

    this.rule = new Rule(this, 'Daily', {
      description: 'Review reminders, once a day',
      schedule: REMINDER_SCHEDULE,
      targets: [new LambdaFunction(this.fn, { retryAttempts: 2, maxEventAge: Duration.hours(6) })],
    });
    (this.rule.node.defaultChild as CfnRule).state = Fn.conditionIf(
      enabled.logicalId,
      'ENABLED',
      'DISABLED',
    ).toString();
  }
}
