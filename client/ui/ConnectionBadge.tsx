import type { ConnectionState } from '../store/connection.slice';

export function ConnectionBadge({ state, label }: { state: ConnectionState; label: string }) {
  return (
    <div className={`conn conn--${state}`} data-testid="connection-status" data-state={state} role="status">
      <span className="conn__dot" aria-hidden="true" />
      {label}
    </div>
  );
}
