import { Kafka, logLevel } from 'kafkajs';
import { SERVICES, TOPICS } from '@whistle/contracts';

/** Resolves when the group's committed offsets reach the end of every partition of the four topics; throws saying where it is otherwise. */
export async function groupCaughtUp(brokers: readonly string[], namespace: string, group: string): Promise<void> {
  const admin = new Kafka({ clientId: 'e2e-lag', brokers: [...brokers], logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    const topics = SERVICES.map((s) => `${namespace}${TOPICS[s]}`);
    const committed = await admin.fetchOffsets({ groupId: `${namespace}${group}`, topics });
    for (const topic of topics) {
      const ends = await admin.fetchTopicOffsets(topic);
      const mine = committed.find((c) => c.topic === topic)?.partitions ?? [];
      for (const end of ends) {
        const at = mine.find((p) => p.partition === end.partition)?.offset ?? '-1';
        const needed = Number(end.high);
        if (needed > 0 && Number(at) < needed) throw new Error(`${topic}[${end.partition}] at ${at} of ${needed}`);
      }
    }
  } finally {
    await admin.disconnect();
  }
}
