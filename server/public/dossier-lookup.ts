import { PublicDossier, type DossierEvent, type LoggedEvent, type PublicDossierStep } from '../../protocol';

/**
 * A dossier's public timeline from its events: received, in progress until due, resolved (on time or
 * late) and paid. Only what a receipt already shows; the log holds no personal data, and none is added here.
 * Returns null when the log has no submission for the code.
 */
export function dossierTimeline(code: string, events: readonly LoggedEvent[]): PublicDossier | null {
  const mine = events.filter((e): e is DossierEvent & LoggedEvent => e.stream === 'dossier');
  const submitted = mine.find((e) => e.action === 'submitted');
  if (!submitted || submitted.action !== 'submitted') return null;
  const steps: PublicDossierStep[] = [
    { step: 'received', atMs: submitted.tsMs, channel: submitted.channel },
    { step: 'in_progress', atMs: submitted.tsMs, dueMs: submitted.dueMs },
  ];
  let status: PublicDossier['status'] = 'in_progress';
  for (const e of mine) {
    if (e.action === 'resolved') {
      steps.push({ step: 'resolved', atMs: e.tsMs, onTime: e.onTime });
      status = e.onTime ? 'resolved_on_time' : 'resolved_late';
    } else if (e.action === 'paid') steps.push({ step: 'paid', atMs: e.tsMs, online: e.online });
  }
  steps.sort((a, b) => a.atMs - b.atMs);
  return PublicDossier.parse({
    code,
    procedure: submitted.procedure,
    agency: submitted.agency,
    status,
    steps,
  });
}
