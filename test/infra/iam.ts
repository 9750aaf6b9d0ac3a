/**
 * Shared by the infrastructure tests of the national table's grants: the IAM statements of a function's
 * role as synthesized, the table each DynamoDB resource names, and a small evaluator of a DynamoDB request
 * against those statements, as IAM decides it for what this project grants: `Allow` statements on whole
 * tables, with no condition or with `ForAllValues:StringLike` on `dynamodb:LeadingKeys`. Any other
 * condition counts as not met, so a request the evaluator cannot judge is refused, never waved through.
 */
import { type Stack, Stack as StackClass } from 'aws-cdk-lib';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { logicalId, type Synthesized } from './support.ts';

export interface Statement {
  Sid?: string;
  Effect: string;
  Action: string | string[];
  Resource: unknown;
  Condition?: unknown;
}

export const actionsOf = (s: Statement): string[] => (Array.isArray(s.Action) ? s.Action : [s.Action]);
export const resourcesOf = (s: Statement): unknown[] =>
  Array.isArray(s.Resource) ? s.Resource : [s.Resource];
export const isDynamo = (s: Statement): boolean => actionsOf(s).some((a) => a.startsWith('dynamodb:'));

export function statementsOfRole(template: Template, roleLogicalId: string): Statement[] {
  const policies = template.findResources('AWS::IAM::Policy', {
    Properties: { Roles: Match.arrayWith([{ Ref: roleLogicalId }]) },
  });
  return Object.values(policies).flatMap((p) => p.Properties.PolicyDocument.Statement as Statement[]);
}

/** The template a stack of the app was synthesized into (the portal's, or a region's nested stack's). */
function templateOf(synthesized: Synthesized, stack: Stack): Template {
  if (stack === synthesized.portal) return synthesized.templates.portal;
  for (const [regionId, admin] of synthesized.portal.api.regionAdmins) {
    if (StackClass.of(admin) === stack) return synthesized.templates.regions.get(regionId)!;
  }
  throw new Error(`No template for stack ${stack.node.path}`);
}

/** The statements of a function's role, from the template of the stack that holds the role. */
export function statementsOfFunction(synthesized: Synthesized, fn: IFunction): Statement[] {
  const stack = StackClass.of(fn.role!);
  return statementsOfRole(templateOf(synthesized, stack), logicalId(stack, fn.role!));
}

/** Every IAM role of the portal stack and of each region's nested stack, with its statements. */
export function everyRole(
  synthesized: Synthesized,
): { where: string; roleId: string; statements: Statement[] }[] {
  const templates: [string, Template][] = [
    ['portal', synthesized.templates.portal],
    ...[...synthesized.templates.regions].map(([id, t]): [string, Template] => [`region ${id}`, t]),
  ];
  return templates.flatMap(([where, template]) =>
    Object.keys(template.findResources('AWS::IAM::Role')).map((roleId) => ({
      where,
      roleId,
      statements: statementsOfRole(template, roleId),
    })),
  );
}

/**
 * The table a policy resource names: `Fn::GetStackOutput` of the stateful stack → its output →
 * `Fn::GetAtt [<table>, Arn]` → the table's TableName. Anything else (a literal ARN, a wildcard, an index
 * ARN) throws, so an unexpected resource fails the test instead of slipping past it.
 */
export function tableNameOf(synthesized: Synthesized, resource: unknown): string {
  const ref = (resource as { 'Fn::GetStackOutput'?: { StackName: string; OutputName: string } })[
    'Fn::GetStackOutput'
  ];
  if (!ref || ref.StackName !== synthesized.stateful.stackName) {
    throw new Error(`Not a stateful-stack table reference: ${JSON.stringify(resource)}`);
  }
  const outputs = synthesized.templates.stateful.toJSON().Outputs as Record<string, { Value: unknown }>;
  const value = outputs[ref.OutputName]?.Value as { 'Fn::GetAtt'?: [string, string] } | undefined;
  const [tableId, attribute] = value?.['Fn::GetAtt'] ?? [];
  if (!tableId || attribute !== 'Arn') throw new Error(`Output ${ref.OutputName} is not a table ARN`);
  const table = synthesized.templates.stateful.findResources('AWS::DynamoDB::Table')[tableId];
  if (!table) throw new Error(`Output ${ref.OutputName} names ${tableId}, not a table`);
  return table.Properties.TableName as string;
}

/** IAM's `StringLike`: `*` is any run of characters, `?` any one character, the rest literal. */
export function stringLike(pattern: string, value: string): boolean {
  const source = [...pattern]
    .map((c) => (c === '*' ? '[\\s\\S]*' : c === '?' ? '[\\s\\S]' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`).test(value);
}

/**
 * The `dynamodb:LeadingKeys` patterns of a statement whose only condition is `ForAllValues:StringLike` on
 * them; `undefined` for a statement without a condition; `null` for any other condition.
 */
export function leadingKeysOf(statement: Statement): string[] | undefined | null {
  if (statement.Condition === undefined) return undefined;
  const condition = statement.Condition as Record<string, Record<string, unknown>>;
  const operators = Object.keys(condition);
  if (operators.length !== 1 || operators[0] !== 'ForAllValues:StringLike') return null;
  const keys = condition['ForAllValues:StringLike']!;
  if (Object.keys(keys).length !== 1) return null;
  const patterns = keys['dynamodb:LeadingKeys'];
  if (!Array.isArray(patterns) || !patterns.every((p) => typeof p === 'string')) return null;
  return patterns as string[];
}

/** A DynamoDB request as IAM sees it: the action, the table, the partition keys it touches. */
export interface DynamoRequest {
  action: string;
  table: string;
  keys: readonly string[];
}

/** Whether `statements` allow `request` (no Deny statements exist in this project's roles). */
export function allows(
  synthesized: Synthesized,
  statements: readonly Statement[],
  request: DynamoRequest,
): boolean {
  return statements.some((statement) => {
    if (statement.Effect !== 'Allow' || !actionsOf(statement).includes(`dynamodb:${request.action}`))
      return false;
    if (!resourcesOf(statement).some((r) => tableNameOf(synthesized, r) === request.table)) return false;
    const patterns = leadingKeysOf(statement);
    if (patterns === null) return false;
    return patterns === undefined || request.keys.every((key) => patterns.some((p) => stringLike(p, key)));
  });
}
