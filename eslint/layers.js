// Which top-level folder may import which: the layers of STYLE.md's "Our shape", enforced instead of agreed.
// A local rule rather than import plugins' path globs: it resolves each relative import against the importing
// file, so `../../server/x` is caught from any depth and a folder that merely contains "server" is not.
import path from 'node:path';

/** Folder → the folders of ours it must not import. `protocol` imports nothing of ours but itself. */
const FORBIDDEN = {
  protocol: [
    'geo',
    'reference',
    'server',
    'simulators',
    'sources',
    'client',
    'bench',
    'tests',
    'testkit',
    'scripts',
  ],
  client: ['server', 'simulators', 'sources', 'bench', 'tests', 'testkit'],
  server: ['client', 'bench', 'tests', 'testkit'],
  bench: ['tests'],
  tests: ['bench'],
  testkit: ['tests', 'bench'],
};

const topFolder = (root, file) => path.relative(root, file).split(path.sep)[0];

/** @type {import('eslint').Rule.RuleModule} */
const noWrongWayImport = {
  meta: {
    type: 'problem',
    docs: {
      description: 'Forbid imports that cross the layers the wrong way (client → server, bench ↔ tests …)',
    },
    schema: [],
    messages: { wrongWay: '{{from}}/ must not import from {{to}}/ ({{spec}}): layers, see eslint/layers.js' },
  },
  create(context) {
    const root = context.cwd;
    const from = topFolder(root, context.filename);
    const forbidden = FORBIDDEN[from];
    if (!forbidden) return {};
    const check = (node) => {
      const spec = node.source?.value;
      if (typeof spec !== 'string' || !spec.startsWith('.')) return;
      const to = topFolder(root, path.resolve(path.dirname(context.filename), spec));
      if (forbidden.includes(to))
        context.report({ node: node.source, messageId: 'wrongWay', data: { from, to, spec } });
    };
    return {
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
      ImportExpression: check,
    };
  },
};

export default { rules: { 'no-wrong-way-import': noWrongWayImport } };
