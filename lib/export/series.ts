import { type AggregatePart, aggregateRecords } from "../aggregates/compute";
import type { Observation } from "../archive/reader";

/**
 * Raw records grouped into fixed steps and aggregated with the foundation's pure aggregateRecords: a
 * record stamped t belongs to the bucket (end - step, end] with end a multiple of the step (as WeeWX and
 * the hourly aggregates count). Empty buckets are left out. Records must be oldest first.
 */
export function aggregateBuckets(records: readonly Observation[], stepSeconds: number): AggregatePart[] {
  const parts: AggregatePart[] = [];
  let bucket: Observation[] = [];
  let end = Number.NaN;
  for (const record of records) {
    const recordEnd = Math.ceil(record.dateTime / stepSeconds) * stepSeconds;
    if (recordEnd !== end) {
      if (bucket.length) parts.push({ end, aggregate: aggregateRecords(bucket, end) });
      bucket = [];
      end = recordEnd;
    }
    bucket.push(record);
  }
  if (bucket.length) parts.push({ end, aggregate: aggregateRecords(bucket, end) });
  return parts;
}
