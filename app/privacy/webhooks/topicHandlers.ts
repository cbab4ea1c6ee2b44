// Which code takes effect for each webhook topic. Features register their handlers here; the worker
// runs a handler inside the same transaction that marks the event done, so an effect happens once.
import type { Db, Prisma } from "../../db.factory";

export type Tx = Prisma.TransactionClient;

export interface WebhookEventInput {
  shop: string;
  topic: string;
  payload: unknown;
  receivedAt: Date;
}

export type TopicHandler = (tx: Tx, event: WebhookEventInput) => Promise<void>;

/**
 * Takes effect for several events of one shop at once, in one transaction, with the same outcome
 * as running `handler` for each in turn (the worker falls back to that when the batch fails).
 */
export type BatchTopicHandler = (tx: Tx, events: WebhookEventInput[]) => Promise<void>;

export interface TopicHandlerOptions {
  batch?: BatchTopicHandler;
  /**
   * Throws for an event whose payload the batch form would refuse (malformed, naming no one),
   * checked before the batch's transaction: such an event is then run alone, after its batch,
   * instead of rolling back the whole shop's batch. So it must only refuse events that, handled
   * alone, write nothing (they fail, or are skipped as a repeat or an erased person's): their place
   * in the order then changes nothing for the others.
   */
  check?: (event: WebhookEventInput) => void;
  /**
   * Where the batch form's events go in a claimed batch (worker.ts, processingPhases).
   * "after-phase" (erasures, the default): gathered per shop and run after the phase's other
   * events, and a later event about someone being erased starts the next phase.
   * "in-phase": the topic's effects neither read nor write what another "in-phase" topic's do, so
   * its events are taken together with theirs, each shop's in the order received, between the
   * events of topics without a batch form (which keep their place).
   */
  batchOrder?: "after-phase" | "in-phase";
  /** Runs after the transaction committed (e.g. reclaiming freed database space after an erasure). */
  afterCommit?: (db: Db, event: WebhookEventInput) => Promise<void>;
}

interface Registered {
  handler: TopicHandler;
  options: TopicHandlerOptions;
}

const handlers = new Map<string, Registered>();

export function registerTopicHandler(topic: string, handler: TopicHandler, options: TopicHandlerOptions = {}): void {
  handlers.set(topic, { handler, options });
}

export function topicHandler(topic: string): Registered | undefined {
  return handlers.get(topic);
}

export function registeredTopics(): string[] {
  return [...handlers.keys()];
}
