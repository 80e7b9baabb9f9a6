import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const eslint = new ESLint({ cwd: root });

/** The layer rule's messages for `code` as if it were the file at `file` (repository-relative). */
async function layerErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return result!.messages.filter((m) => m.ruleId === 'layers/no-wrong-way-import').map((m) => m.message);
}

describe('layers enforced by lint (issue 22)', () => {
  it('refuses each wrong-way import, from any depth', async () => {
    expect(
      await layerErrors(
        'client/features/wall/x.ts',
        "import { DISTRICT_PROFILES } from '../../../simulators/districts';\n",
      ),
    ).toEqual([expect.stringMatching(/^client\/ must not import from simulators\//)]);
    expect(await layerErrors('client/x.ts', "export { createApp } from '../server/app';\n")).toHaveLength(1);
    expect(await layerErrors('protocol/state/x.ts', "import { SENSOR_SITES } from '../../geo';\n")).toEqual([
      expect.stringMatching(/^protocol\/ must not import from geo\//),
    ]);
    expect(await layerErrors('server/http/x.ts', "import '../../client/main';\n")).toHaveLength(1);
    expect(
      await layerErrors('bench/x.ts', "import { launchBrowser } from '../tests/e2e/support/browser';\n"),
    ).toHaveLength(1);
    expect(
      await layerErrors('tests/unit/x.test.ts', "const m = await import('../../bench/run');\n"),
    ).toHaveLength(1);
  });

  it('lets the right-way imports through', async () => {
    expect(
      await layerErrors(
        'client/features/wall/x.ts',
        "import { DISTRICT_POPULATION } from '../../../reference/district-population';\n",
      ),
    ).toEqual([]);
    expect(
      await layerErrors('protocol/state/x.ts', "import { PROTOCOL_VERSION } from '../version';\n"),
    ).toEqual([]);
    expect(await layerErrors('bench/x.ts', "import { launchBrowser } from '../testkit/browser';\n")).toEqual(
      [],
    );
    expect(
      await layerErrors('tests/unit/x.test.ts', "import { routeChunks } from '../../testkit/route-js';\n"),
    ).toEqual([]);
  });
});
