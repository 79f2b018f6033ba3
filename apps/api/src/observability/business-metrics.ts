import { Logger } from '@nestjs/common';
import type { Registry } from 'prom-client';
import { Counter, Gauge } from 'prom-client';
import type { BusinessSnapshot } from '../../../../libs/persistence/src';

type Labels = Record<string, string>;

interface SnapshotGauge {
  name: string;
  help: string;
  labelNames: string[];
  /** Label sets shown as 0 when the snapshot has no row for them, so a series does not vanish. */
  zeroes?: Labels[];
  /** The gauge's figures in one snapshot, as [labels, value]. */
  figures: (snapshot: BusinessSnapshot) => [Labels, number][];
}

const UNSENT_STATUSES = ['PENDING', 'SENDING', 'FAILED'] as const;

/** Declares gauges that are reset and refilled from the shared snapshot on every scrape. */
function snapshotGauge(
  registry: Registry,
  current: () => Promise<BusinessSnapshot | undefined>,
): (spec: SnapshotGauge) => void {
  return (spec) => {
    const figures = spec.figures;
    const zeroes = spec.zeroes ?? [];
    new Gauge({
      name: spec.name,
      help: spec.help,
      labelNames: spec.labelNames,
      registers: [registry],
      async collect() {
        const snap = await current();
        this.reset();
        for (const labels of zeroes) this.set(labels, 0);
        for (const [labels, value] of snap ? figures(snap) : []) this.set(labels, value);
      },
    });
  };
}

/**
 * Business gauges computed on scrape from the read-model, at most once per `ttlMs` however many scrapers
 * ask (each gauge's collect shares the one read). A failed read keeps the last figures and counts the failure.
 */
export class BusinessMetrics {
  private readonly logger = new Logger('BusinessMetrics');
  private snapshot?: { at: number; value: Promise<BusinessSnapshot | undefined> };
  private last?: BusinessSnapshot;

  constructor(
    registry: Registry,
    private readonly read: () => Promise<BusinessSnapshot>,
    private readonly ttlMs: number,
  ) {
    const failures = new Counter({
      name: 'vetting_business_metrics_read_failures_total',
      help: 'Scrapes whose read-model query failed or timed out (the gauges then show the previous figures)',
      registers: [registry],
    });
    const current = async (): Promise<BusinessSnapshot | undefined> => {
      const now = Date.now();
      if (!this.snapshot || now - this.snapshot.at >= this.ttlMs) {
        this.snapshot = {
          at: now,
          value: this.read().then(
            (value) => (this.last = value),
            (error: unknown) => {
              failures.inc();
              this.logger.warn({ message: 'business metrics read failed', error: String(error) });
              return this.last;
            },
          ),
        };
      }
      return this.snapshot.value;
    };

    const gauge = snapshotGauge(registry, current);
    gauge({
      name: 'vetting_open_cases',
      help: 'Open cases by stage',
      labelNames: ['stage'],
      figures: (snap) => snap.openByStage.map((row) => [{ stage: row.stage }, row.open]),
    });
    gauge({
      name: 'vetting_sla_breached_cases',
      help: 'Open cases past their stage deadline, by stage (a paused clock counts at the instant it paused)',
      labelNames: ['stage'],
      figures: (snap) => snap.openByStage.map((row) => [{ stage: row.stage }, row.breached]),
    });
    // Counters read back from rows that are never deleted, so they only grow: rate() works on them.
    new Counter({
      name: 'vetting_reminders_sent_total',
      help: 'Reminders, chasers and escalations the stage clocks have sent, by reason',
      labelNames: ['reason'],
      registers: [registry],
      async collect() {
        const snap = await current();
        this.reset();
        for (const row of snap?.notifications ?? []) this.inc({ reason: row.reason }, row.count);
      },
    });
    gauge({
      name: 'vetting_refused_writes',
      help:
        'Writes the database refused for good and nobody has resolved yet (activity_failure): the case went on, ' +
        'the write is missing from the read-model. Alert on any value above 0',
      labelNames: ['activity', 'sqlstate'],
      figures: (snap) =>
        snap.refusedWrites.map((row) => [{ activity: row.activity, sqlstate: row.sqlstate }, row.count]),
    });
    // The outbox is delivered apart from any case, so a mail outage shows here, not as stuck cases.
    const everyStatus = UNSENT_STATUSES.map((status) => ({ status }));
    gauge({
      name: 'vetting_unsent_emails',
      help:
        'Emails in the outbox not sent yet, by status: PENDING (queued or waiting to retry; a rising count means ' +
        'the mail server is down), SENDING (claimed), FAILED (refused for good; the inbox message stands)',
      labelNames: ['status'],
      zeroes: everyStatus,
      figures: (snap) => snap.unsentEmails.map((row) => [{ status: row.status }, row.count]),
    });
    gauge({
      name: 'vetting_oldest_unsent_email_seconds',
      help: 'Age of the oldest email in the outbox not sent yet, by status (0 when there is none)',
      labelNames: ['status'],
      zeroes: everyStatus,
      figures: (snap) => snap.unsentEmails.map((row) => [{ status: row.status }, row.oldestAgeSeconds]),
    });
    gauge({
      name: 'vetting_record_checks',
      help: 'Record checks by type, status, outcome (empty until a result arrives) and origin (CASE: a DV case; AFTERCARE: re-run for a change of circumstances)',
      labelNames: ['check_type', 'status', 'outcome', 'origin'],
      figures: (snap) =>
        snap.recordChecks.map((row) => [
          { check_type: row.checkType, status: row.status, outcome: row.outcome, origin: row.origin },
          row.count,
        ]),
    });
  }
}
