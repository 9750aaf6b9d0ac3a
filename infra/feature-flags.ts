/**
 * CDK feature flags, frozen when the project started (aws-cdk-lib 2.276.0's recommended set, the one
 * `cdk init` writes into cdk.json). They live here rather than in cdk.json so that the tests, which
 * never read cdk.json, build the very same templates as `cdk synth`. Context given to the CLI still
 * wins over these values. Review the list on each aws-cdk-lib upgrade; never copy it again blindly.
 */
import flags from './feature-flags.json' with { type: 'json' };

export const FEATURE_FLAGS: Readonly<Record<string, unknown>> = flags;
