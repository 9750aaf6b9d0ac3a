/**
 * The embedded DynamoDB in a process of its own, as DynamoDB is a service of its own in AWS: the
 * benchmark and the load test use it so that CPU-bound work in the measured process cannot stall
 * the store (and the other way round). Prints `listening <port>` when ready.
 */
import { startEmbeddedDynamo } from './embedded-dynamo.ts';

const dataDir = process.argv.find((a) => a.startsWith('--data='))?.slice(7);
const dynamo = await startEmbeddedDynamo({ dataDir });
process.stdout.write(`listening ${new URL(dynamo.endpoint).port}\n`);
const stop = () => dynamo.close().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
process.on('disconnect', stop);
