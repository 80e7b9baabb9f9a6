import {
  BUILT_IN_INFORMATIONAL,
  BUILT_IN_PRIORITIES,
  emptyAlertsState,
  type AlertRuleName,
  type DashboardState,
} from '../../protocol';

/**
 * The layout of a stored snapshot's state. Version 1 is the bare state as first stored (no envelope), from
 * before alerts existed or after; version 2 wraps it with its version and always holds `alerts`. A change to
 * `DashboardState` that old snapshots lack bumps this and adds one step to {@link MIGRATIONS}, so everything
 * downstream of the store sees the current type and nothing else patches old shapes.
 */
export const SNAPSHOT_VERSION = 3;

/** What the stores write: the state with the version of its layout. */
export interface SnapshotBody {
  version: number;
  state: DashboardState;
}

export function encodeSnapshot(state: DashboardState): SnapshotBody {
  return { version: SNAPSHOT_VERSION, state };
}

type OldState = Record<string, unknown>;

/** Step `v` takes a state of layout `v` to layout `v + 1`. */
const MIGRATIONS: Record<number, (state: OldState) => OldState> = {
  // Stored before alerts existed: alerts start from the events after the snapshot.
  1: (s) => ({ ...s, alerts: s.alerts ?? emptyAlertsState() }),
  // Stored before alarm management (issue 18): its bookkeeping starts empty and each alarm gets the fields it
  // lacked, as a single alarm of the priority its rule's level has by default.
  2: (s) => {
    const alerts = s.alerts as Record<string, unknown>;
    const recent = (alerts.recent as Record<string, unknown>[]).map((a) => ({
      ...a,
      priority:
        BUILT_IN_PRIORITIES[a.rule as AlertRuleName]?.[a.severity === 'critical' ? 'critical' : 'warning'] ??
        'low',
      members: [
        {
          key: a.key,
          siteId: a.siteId,
          area: a.area,
          value: a.value,
          raisedTsMs: a.raisedTsMs,
          clearedTsMs: a.clearedTsMs,
        },
      ],
      memberCount: 1,
      activeMembers: a.clearedTsMs === null ? 1 : 0,
      chattering: false,
      supersededBy: null,
      shelved: null,
      informational: BUILT_IN_INFORMATIONAL.includes(a.rule as AlertRuleName),
    }));
    return { ...s, alerts: { pending: {}, groups: {}, outOfService: {}, ...alerts, recent } };
  },
};

const isRecord = (x: unknown): x is OldState => typeof x === 'object' && x !== null && !Array.isArray(x);

/**
 * The state of a stored snapshot in the current layout, migrated once here on load. A body of a newer layout
 * than this code knows (written by a newer server sharing the store) is refused rather than misread.
 */
export function decodeSnapshot(body: unknown): DashboardState {
  if (!isRecord(body)) throw new Error('stored snapshot is not an object');
  const enveloped = typeof body.version === 'number' && isRecord(body.state);
  let version = enveloped ? (body.version as number) : 1;
  let state = enveloped ? (body.state as OldState) : body;
  if (version > SNAPSHOT_VERSION)
    throw new Error(`stored snapshot has layout ${version}; this server reads up to ${SNAPSHOT_VERSION}`);
  for (; version < SNAPSHOT_VERSION; version++) {
    const step = MIGRATIONS[version];
    if (!step) throw new Error(`no migration of stored snapshots from layout ${version}`);
    state = step(state);
  }
  return state as unknown as DashboardState;
}
