/**
 * `npm run bench`: every section in turn, on this machine, with no thresholds. Later sections
 * join the list below.
 */
import { availableParallelism, cpus } from 'node:os';
import { embeddedBench } from './embedded.bench';
import { eventStoreBench } from './event-store.bench';
import type { BenchSection } from './report';

const sections: readonly BenchSection[] = [eventStoreBench, embeddedBench];

async function main(): Promise<void> {
  console.log(`node ${process.version} on ${process.platform}/${process.arch}, ${availableParallelism()} cores (${cpus()[0]?.model ?? 'unknown cpu'})`);
  for (const section of sections) {
    console.log(`\n== ${section.name} ==`);
    await section.run();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
