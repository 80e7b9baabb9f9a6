import { fetchHealth } from '../../net/api';
import { useStore } from '../../store/store';
import { connectReplay, type ReplayConnection } from './replay-connection';
import { completeReplayLink, parseReplayLink, type ReplayLink } from './replay-link';
import { useReplayStore } from './replay.store';

/** Applies the link's range, speed, area and scene, and opens the session seeking straight to its instant. */
function open(link: ReplayLink): ReplayConnection {
  useReplayStore.setState({
    fromMs: link.fromMs,
    toMs: link.toMs,
    speed: link.speed,
    pendingAtMs: link.atMs,
  });
  useStore.setState({ focusArea: link.area, choropleth: link.scene, showSensors: link.sensors });
  return connectReplay(link.atMs, { play: link.playing });
}

let started = false;
let early: { search: string; connection: ReplayConnection } | null = null;

/**
 * Opens a complete link's session as soon as the replay's code is loaded (the route preloads it while the
 * access gate asks who is there), so the server's fold to the link's instant overlaps the session check
 * instead of following it. Once per page. A visitor who may not replay is refused by the socket as by the
 * gate, and both send an anonymous one to the same login page.
 */
export function startReplayLinkEarly(search = window.location.search): void {
  if (started) return;
  started = true;
  const link = completeReplayLink(search);
  if (link) early = { search, connection: open(link) };
}

/**
 * The session for the page's link: the one opened early for this same link, else one opened now. Only a bare
 * `/replay` (no `to`) waits for the server's scenario time, the default end of its range.
 */
export async function openReplaySession(search: string): Promise<ReplayConnection> {
  if (early?.search === search) {
    const { connection } = early;
    early = null;
    return connection;
  }
  early?.connection.close();
  early = null;
  const link = completeReplayLink(search);
  if (link) return open(link);
  const nowMs = await fetchHealth()
    .then((h) => h.nowMs)
    .catch(() => Date.now());
  return open(parseReplayLink(search, nowMs));
}
