import "reflect-metadata"; // type-graphql decorators read it; it must load before any class here
import { Authorized, Ctx, Field, Int, ObjectType, Query, Resolver } from "type-graphql";
import { queueDepth } from "../ingest/queue/queue-depth.js";
import type { Context } from "./context.js";

@ObjectType("JobQueueCounts", { description: "Jobs of one type in the PostgreSQL job queue, by state." })
export class JobQueueCounts {
  @Field(() => String, { description: "Job type: ingest-batch (a batch of articles) or poll-source (one feed source)." })
  name!: string;

  @Field(() => Int, { description: "Waiting for a worker: new jobs and jobs waiting to be retried." })
  pending!: number;

  @Field(() => Int, { description: "Running in a worker now." })
  active!: number;

  @Field(() => Int, { description: "Given up after their last retry." })
  failed!: number;

  @Field(() => Int, { description: "Finished and not yet removed by retention (7 days)." })
  completed!: number;
}

@ObjectType("JobQueue", { description: "The PostgreSQL job queue that `newsgraph worker` processes run ingestion jobs from." })
export class JobQueueStatus {
  @Field(() => Boolean, {
    description: "False in embedded mode (ingestion runs in-process) and on a PostgreSQL database where no worker or queued import has run yet.",
  })
  enabled!: boolean;

  @Field(() => [JobQueueCounts], { description: "Counts per job type; empty when the queue is not enabled." })
  queues!: JobQueueCounts[];
}

@Resolver()
export class QueueResolver {
  @Authorized("ADMIN")
  @Query(() => JobQueueStatus, { description: "Depth of the ingestion job queue: pending, active and failed jobs per type. Needs an ADMIN key." })
  async queue(@Ctx() { db }: Context): Promise<JobQueueStatus> {
    const counts = await queueDepth(db);
    return Object.assign(new JobQueueStatus(), {
      enabled: counts !== null,
      queues: (counts ?? []).map((row) => Object.assign(new JobQueueCounts(), row)),
    });
  }
}
