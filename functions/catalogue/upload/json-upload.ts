/**
 * JSON uploads: an array of interventions in the API's own shape, or `{ "interventions": [...] }`.
 * The text is checked before and after `JSON.parse`: nesting deeper than `MAX_JSON_DEPTH` is refused
 * without building it, and keys that could pollute prototypes (`__proto__`, `constructor`, `prototype`)
 * are refused wherever they appear.
 */
import { FORBIDDEN_KEYS } from '../../lib/http.ts';
import { problem } from './messages.ts';
import type { Problem } from './types.ts';
import type { Candidate } from './validate.ts';

export const MAX_JSON_DEPTH = 20;

export type JsonDocument = { ok: true; value: unknown } | { ok: false; problem: Problem };

const fileProblem = (
  code: 'invalid-json' | 'too-deep' | 'forbidden-key',
  params: Record<string, string | number>,
) => problem(code, params, { row: 0, column: '' });

export function parseJsonDocument(text: string): JsonDocument {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (nestingDepth(source) > MAX_JSON_DEPTH)
    return { ok: false, problem: fileProblem('too-deep', { max: MAX_JSON_DEPTH }) };
  let value: unknown;
  try {
    value = JSON.parse(source);
  } catch (error) {
    const { line, col } = errorPosition(source, error);
    return { ok: false, problem: fileProblem('invalid-json', { line, col }) };
  }
  const forbidden = findForbiddenKey(value);
  if (forbidden) {
    // In a list, say which entry: row = 1-based index, column = the path inside it.
    const inList = /^(\d+)(?:\.(.*))?$/.exec(forbidden.path);
    const row = inList ? Number(inList[1]) + 1 : 0;
    const column = inList ? (inList[2] ?? '') : forbidden.path;
    return { ok: false, problem: problem('forbidden-key', { key: forbidden.key }, { row, column }) };
  }
  return { ok: true, value };
}

/** The deepest nesting of `[` and `{` outside strings (no parsing, no recursion). */
export function nestingDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92)
        i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 || c === 123) {
      depth++;
      if (depth > max) max = depth;
    } else if (c === 93 || c === 125) depth--;
  }
  return max;
}

function errorPosition(text: string, error: unknown): { line: number; col: number } {
  const message = error instanceof Error ? error.message : '';
  const lineCol = /line (\d+) column (\d+)/.exec(message);
  if (lineCol) return { line: Number(lineCol[1]), col: Number(lineCol[2]) };
  const position = /position (\d+)/.exec(message);
  const offset = position ? Number(position[1]) : text.length;
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, col: offset - before.lastIndexOf('\n') };
}

/** The first forbidden key anywhere in a parsed value, with its path (iterative: no deep recursion). */
export function findForbiddenKey(value: unknown): { key: string; path: string } | undefined {
  const stack: { value: unknown; path: string }[] = [{ value, path: '' }];
  while (stack.length > 0) {
    const { value: current, path } = stack.pop()!;
    if (typeof current !== 'object' || current === null) continue;
    if (Array.isArray(current)) {
      current.forEach((v, i) => {
        stack.push({ value: v, path: path ? `${path}.${i}` : String(i) });
      });
      continue;
    }
    for (const key of Object.keys(current)) {
      if (FORBIDDEN_KEYS.has(key)) return { key, path };
      stack.push({ value: (current as Record<string, unknown>)[key], path: path ? `${path}.${key}` : key });
    }
  }
  return undefined;
}

/** The list of interventions in a parsed JSON upload, or undefined when the shape is wrong. */
export function interventionList(value: unknown): unknown[] | undefined {
  if (Array.isArray(value)) return value;
  if (
    typeof value === 'object' &&
    value !== null &&
    Array.isArray((value as { interventions?: unknown }).interventions)
  ) {
    return (value as { interventions: unknown[] }).interventions;
  }
  return undefined;
}

/** JSON list entries → candidates: `row` is the 1-based index, `column` the field path. */
export function jsonCandidates(list: readonly unknown[]): Candidate[] {
  const column = (path: readonly PropertyKey[]) => path.map(String).join('.');
  return list.map((entry, index) => {
    const row = index + 1;
    const isObject = typeof entry === 'object' && entry !== null && !Array.isArray(entry);
    return {
      row,
      input: isObject ? entry : {},
      problems: isObject ? [] : [problem('not-an-object', { row }, { row, column: '' })],
      reported: isObject ? new Set<string>() : new Set(['*']),
      column,
    };
  });
}
