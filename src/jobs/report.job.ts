import { z } from 'zod';
import type { ReportService } from '../services/report.service.ts';
import type { JobDefinition, QueueProcessor } from './job.ts';
import type { Queues } from './queues.ts';

/**
 * The status report job: a scan that writes a `status_report` journal entry for every active
 * engagement whose period (JALON_REPORT_EVERY_DAYS whole days, in its own time zone) has ended.
 * Periods end at midnight in each engagement's zone, so it runs hourly; a run with nothing due
 * writes nothing, and a retried or concurrent run cannot write a period twice (the database's
 * unique (engagement, period) key decides, not the job id).
 */
export const StatusReportPayload = z.object({});
export const statusReportJob: JobDefinition<z.infer<typeof StatusReportPayload>> = {
  queue: 'status-report',
  name: 'status-report',
  payload: StatusReportPayload,
};

export const STATUS_REPORT_PATTERN = '15 * * * *';

export function statusReportProcessor(deps: {
  reports: Pick<ReportService, 'runScheduled'>;
}): QueueProcessor {
  return {
    queue: statusReportJob.queue,
    concurrency: 1,
    process: async (data) => {
      StatusReportPayload.parse(data);
      return deps.reports.runScheduled();
    },
  };
}

/** Registers the schedule (idempotent across processes: one scheduler id). */
export async function scheduleStatusReports(queues: Pick<Queues, 'queue'>): Promise<void> {
  await queues.queue(statusReportJob.queue).upsertJobScheduler(
    'status-report-scan',
    { pattern: STATUS_REPORT_PATTERN, tz: 'UTC' },
    {
      name: statusReportJob.name,
      data: {},
      opts: {
        removeOnComplete: 100,
        removeOnFail: 100,
        attempts: 5,
        backoff: { type: 'exponential', delay: 5000 },
      },
    },
  );
}
