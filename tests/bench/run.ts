/**
 * `npm run bench`: every section in turn, on this machine, with no thresholds. Later sections
 * join the list below.
 */
import { availableParallelism, cpus } from 'node:os';
import { auditBench } from './audit.bench';
import { consolePagesBench } from './console-pages.bench';
import { distributedBench } from './distributed.bench';
import { embeddedBench } from './embedded.bench';
import { eventStoreBench } from './event-store.bench';
import { postgresEventStoreBench } from './postgres-event-store.bench';
import { proofsBench } from './proofs.bench';
import { readSideBench } from './read-side.bench';
import type { BenchSection } from './report';
import { running, stopStartedSince } from '../support/global-setup';

// `npm run bench -- distributed` runs the sections whose name starts with one of the arguments.
const all: readonly BenchSection[] = [eventStoreBench, postgresEventStoreBench, embeddedBench, distributedBench, readSideBench, consolePagesBench, auditBench, proofsBench];
const wanted = process.argv.slice(2);
const sections = wanted.length === 0 ? all : all.filter((s) => wanted.some((w) => s.name.startsWith(w)));

async function main(): Promise<void> {
  console.log(`node ${process.version} on ${process.platform}/${process.arch}, ${availableParallelism()} cores (${cpus()[0]?.model ?? 'unknown cpu'})`);
  // The sections bring the local servers up on first use (PostgreSQL, Kafka, FerretDB); those the
  // bench started are stopped when it ends, as npm test does, and those already running are left.
  const before = new Set(running());
  try {
    for (const section of sections) {
      console.log(`\n== ${section.name} ==`);
      await section.run();
    }
  } finally {
    stopStartedSince(before, 'the bench');
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
