import { DAY_MS } from '../../../protocol';
import { admissionRules, type AdmissionRules } from '../../../server/ingest/event-admission';

/**
 * What the shared test servers take in. Their clocks stand still at one instant while tests send the hours and
 * days after it, their fixtures name sites of their own (`LA-WL-TEST`), and COVID rows come from test sources:
 * the rules themselves have their own tests (tests/integration/event-admission.int.test.ts), on a server with
 * the defaults.
 */
export const FIXTURE_ADMISSION: AdmissionRules = {
  ...admissionRules({ futureToleranceMs: 400 * DAY_MS }),
  isKnownSite: () => true,
  isOfficialCovidSource: () => true,
};
