import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Server } from 'socket.io';
import type { IngestReport, LiveBatch, LoggedEvent } from '../../protocol';
import type { IngestService } from '../ingest/ingest-service';
import type { EventStore } from '../store/event-store';

export interface IocMetrics {
  registry: Registry;
  /** Times each ingest call and counts what its report rejected (per reason) and dropped as duplicate. */
  instrumentIngest(service: IngestService): IngestService;
  /** Events this node accepted into the log: in, per stream. */
  accepted(events: readonly LoggedEvent[]): void;
  /** A batch sent to a room: its events count as out, per stream. */
  batchSent(batch: LiveBatch): void;
  /** An input refused before it reached the ingest service (bad MQTT message …). */
  rejected(reason: string, n?: number): void;
}

export interface MetricsSources {
  io: Server;
  store: EventStore;
  /** Highest seq this node has delivered to its engine and dashboards. */
  deliveredSeq: () => number;
}

/**
 * The node's Prometheus metrics, in a registry of its own (tests run several apps in one process). Hot-path hooks
 * only add to counters; the gauges that cost a query (log size, lag, clients) are computed when scraped.
 */
export function createMetrics(src: MetricsSources): IocMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'ioc_node_' });
  const eventsIn = new Counter({
    name: 'ioc_events_in_total',
    help: 'Events accepted into the log by this node, per stream',
    labelNames: ['stream'],
    registers: [registry],
  });
  const eventsOut = new Counter({
    name: 'ioc_events_out_total',
    help: 'Events sent by this node to dashboard rooms (one per room that received it), per stream',
    labelNames: ['stream'],
    registers: [registry],
  });
  const rejected = new Counter({
    name: 'ioc_rejected_inputs_total',
    help: 'Inputs refused, per reason',
    labelNames: ['reason'],
    registers: [registry],
  });
  const duplicates = new Counter({
    name: 'ioc_duplicate_inputs_total',
    help: 'Events received again and dropped (same source and id)',
    registers: [registry],
  });
  const ingestSeconds = new Histogram({
    name: 'ioc_ingest_duration_seconds',
    help: 'From receipt of a batch to its events being durable in the log and handed to the fan-out',
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  new Gauge({
    name: 'ioc_log_events',
    help: 'Events in the log (its head seq: seqs are gap-free)',
    registers: [registry],
    async collect() {
      this.set(await src.store.lastSeq());
    },
  });
  new Gauge({
    name: 'ioc_ingest_lag_events',
    help: 'Events in the log not yet delivered by this node to its dashboards',
    registers: [registry],
    async collect() {
      this.set(Math.max(0, (await src.store.lastSeq()) - src.deliveredSeq()));
    },
  });
  new Gauge({
    name: 'ioc_connected_clients',
    help: 'Sockets connected to this node, per namespace',
    labelNames: ['namespace'],
    registers: [registry],
    collect() {
      this.reset();
      for (const [name, nsp] of src.io._nsps) this.set({ namespace: name }, nsp.sockets.size);
    },
  });

  const countReport = (report: IngestReport) => {
    if (report.rejected)
      for (const r of report.results) if (r.status === 'rejected') rejected.inc({ reason: r.reason });
    if (report.duplicates) duplicates.inc(report.duplicates);
  };
  const countStreams = (counter: Counter<'stream'>, events: readonly LoggedEvent[]) => {
    if (events.length === 0) return;
    const perStream = new Map<string, number>();
    for (const e of events) perStream.set(e.stream, (perStream.get(e.stream) ?? 0) + 1);
    for (const [stream, n] of perStream) counter.inc({ stream }, n);
  };

  return {
    registry,
    instrumentIngest: (service) => ({
      ...service,
      async ingest(...args: Parameters<IngestService['ingest']>) {
        const end = ingestSeconds.startTimer();
        const report = await service.ingest(...args);
        end();
        countReport(report);
        return report;
      },
    }),
    accepted: (events) => countStreams(eventsIn, events),
    batchSent: (batch) => countStreams(eventsOut, batch.events),
    rejected: (reason, n = 1) => rejected.inc({ reason }, n),
  };
}
