/**
 * How jobs are retried and how fast a dead worker's job is taken up again. Read from the
 * environment so that tests (and impatient operators) can shorten every delay.
 */
export interface QueueConfig {
  /**
   * A worker refreshes each active job's heartbeat every half of this; a job whose heartbeat is
   * older than this is given up as lost (its worker died) and retried. pg-boss's minimum is 10.
   */
  heartbeatSeconds: number;
  /** Longest a job may run even with a live heartbeat before it is failed and retried. */
  expireSeconds: number;
  /** Retries after the first attempt before a job is left failed. */
  retryLimit: number;
  /** First delay before a retry; doubled on each further retry (with jitter), up to 5 minutes. */
  retryDelaySeconds: number;
  /** How often a worker looks for jobs whose heartbeat or time ran out. */
  superviseSeconds: number;
  /** How often an idle worker asks for new jobs. */
  pollSeconds: number;
  /** How long a worker told to stop waits for its jobs before returning them to the queue. */
  stopTimeoutSeconds: number;
}

function numberFromEnv(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, integer = true): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min || (integer && !Number.isInteger(value))) {
    throw new Error(`${name} must be ${integer ? "an integer" : "a number"} of at least ${min}, got "${raw}"`);
  }
  return value;
}

export function loadQueueConfig(env: NodeJS.ProcessEnv = process.env): QueueConfig {
  return {
    heartbeatSeconds: numberFromEnv(env, "NEWSGRAPH_QUEUE_HEARTBEAT_SECONDS", 30, 10),
    expireSeconds: numberFromEnv(env, "NEWSGRAPH_QUEUE_EXPIRE_SECONDS", 900, 10),
    retryLimit: numberFromEnv(env, "NEWSGRAPH_QUEUE_RETRY_LIMIT", 5, 0),
    retryDelaySeconds: numberFromEnv(env, "NEWSGRAPH_QUEUE_RETRY_DELAY_SECONDS", 5, 0),
    superviseSeconds: numberFromEnv(env, "NEWSGRAPH_QUEUE_SUPERVISE_SECONDS", 15, 1),
    pollSeconds: numberFromEnv(env, "NEWSGRAPH_QUEUE_POLL_SECONDS", 1, 0.5, false),
    stopTimeoutSeconds: numberFromEnv(env, "NEWSGRAPH_QUEUE_STOP_TIMEOUT_SECONDS", 30, 1),
  };
}
