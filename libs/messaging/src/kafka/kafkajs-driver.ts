import type * as kafkajs from 'kafkajs';

/**
 * kafkajs, loaded when a Kafka bus is first made, so that the embedded server, on its in-process
 * bus, never loads it. Node keeps the module once loaded.
 */
export function kafkajsDriver(): typeof kafkajs {
  return require('kafkajs') as typeof kafkajs;
}
