/**
 * Configuration read once per cold start and checked, so a missing variable fails loudly at start.
 */
export type Stage = 'local' | 'test' | 'production';

export function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`Configuration error: environment variable ${name} is not set`);
  return value;
}

export function stage(): Stage {
  const value = process.env.INSATS_STAGE ?? 'production';
  if (value !== 'local' && value !== 'test' && value !== 'production') {
    throw new Error(`Configuration error: INSATS_STAGE must be local, test or production, not "${value}"`);
  }
  return value;
}

export const REGISTRY_TABLE_ENV = 'REGISTRY_TABLE_NAME';
export const registryTableName = (): string => process.env[REGISTRY_TABLE_ENV] ?? 'insats-registry';
