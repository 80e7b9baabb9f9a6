import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { userInfo } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { CreateTokenRequest, Password, Role, TokenKind, UserName } from '../../protocol';
import { openAuthStore, type AuthStore } from './auth-store';
import { hashPassword } from './password';
import { checkIngestLabel, checkIngestScope, scopeNote } from './admin-routes';

/**
 * `npm run users -- …` and `npm run tokens -- …`: the same auth store the server reads (`$DATA_DIR/auth.sqlite`),
 * so what is done here applies to a running server at its next request. Changes are audited as `cli:<os user>`.
 */

const USAGE = {
  users: `usage: npm run users -- add <username> --role operator|leader|analyst|admin   (password on stdin, or one is generated)
       npm run users -- list
       npm run users -- remove <username>`,
  tokens: `usage: npm run tokens -- create ingest|display --label <label>   (ingest: the label is the source name)
         [--streams sensor,dossier,covid] [--areas 794,795]   (ingest only; default: every stream, every area)
       npm run tokens -- list
       npm run tokens -- revoke <id>`,
};

class UsageError extends Error {}

/** A password piped on stdin (first line), or null when stdin is a terminal or empty. */
async function passwordFromStdin(): Promise<string | null> {
  if (process.stdin.isTTY) return null;
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const first = Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
  return first === '' ? null : first;
}

function table(rows: Record<string, unknown>[]): string {
  if (!rows.length) return '(none)';
  const keys = Object.keys(rows[0]!);
  const cells = rows.map((r) => keys.map((k) => String(r[k] ?? '—')));
  const widths = keys.map((k, i) => Math.max(k.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) =>
    c
      .map((v, i) => v.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return [line(keys), ...cells.map(line)].join('\n');
}

const when = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

async function users(store: AuthStore, args: string[], actor: string): Promise<string> {
  const { positionals, values } = parseArgs({
    args,
    allowPositionals: true,
    options: { role: { type: 'string' } },
  });
  const [command, name] = positionals;
  if (command === 'list')
    return table(
      store.listUsers().map((u) => ({ username: u.username, role: u.role, created: when(u.createdAtMs) })),
    );
  if (command === 'add') {
    const username = UserName.safeParse(name);
    const role = Role.safeParse(values.role);
    if (!username.success) throw new UsageError(`invalid username: ${username.error.issues[0]?.message}`);
    if (!role.success) throw new UsageError('--role must be operator, leader, analyst or admin');
    if (store.user(username.data)) throw new UsageError(`user ${username.data} exists; remove it first`);
    const piped = await passwordFromStdin();
    // Never a default: either the one given, or a random one shown once.
    const password = piped ?? randomBytes(15).toString('base64url');
    if (!Password.safeParse(password).success)
      throw new UsageError('the password must be 10 to 256 characters');
    store.addUser(username.data, role.data, await hashPassword(password));
    store.audit({ actor, action: 'user_created', target: `${username.data} (${role.data})`, ip: null });
    return piped
      ? `added ${username.data} (${role.data})`
      : `added ${username.data} (${role.data}) with the generated password (shown only now):\n${password}`;
  }
  if (command === 'remove') {
    if (!name || !store.removeUser(name)) throw new UsageError(`no user ${name ?? ''}`);
    store.audit({ actor, action: 'user_deleted', target: name, ip: null });
    return `removed ${name}; their sessions have ended`;
  }
  throw new UsageError(USAGE.users);
}

function tokens(store: AuthStore, args: string[], actor: string): string {
  const { positionals, values } = parseArgs({
    args,
    allowPositionals: true,
    options: { label: { type: 'string' }, streams: { type: 'string' }, areas: { type: 'string' } },
  });
  const [command, arg] = positionals;
  if (command === 'list')
    return table(
      store.listTokens().map((t) => ({
        id: t.id,
        kind: t.kind,
        label: t.label,
        streams: t.streams?.join(','),
        areas: t.areas?.join(','),
        created: when(t.createdAtMs),
        revoked: when(t.revokedAtMs),
      })),
    );
  if (command === 'create') {
    const kind = TokenKind.safeParse(arg);
    if (!kind.success) throw new UsageError('create ingest|display');
    const label = values.label?.trim();
    if (!label || label.length > 120) throw new UsageError('--label is required (at most 120 characters)');
    try {
      checkIngestLabel(kind.data, label);
    } catch {
      throw new UsageError("an ingest token's label is its source name: letters, digits, _ . : - only");
    }
    // The same schema as POST /api/admin/tokens, so the CLI cannot make a token the API would refuse.
    const request = CreateTokenRequest.safeParse({
      kind: kind.data,
      label,
      ...(values.streams !== undefined ? { streams: values.streams.split(',').map((x) => x.trim()) } : {}),
      ...(values.areas !== undefined ? { areas: values.areas.split(',').map((x) => x.trim()) } : {}),
    });
    if (!request.success)
      throw new UsageError(
        `--streams sensor,dossier,covid and --areas <codes>: ${request.error.issues[0]?.message}`,
      );
    const scope = { streams: request.data.streams, areas: request.data.areas };
    try {
      checkIngestScope(kind.data, scope);
    } catch {
      throw new UsageError('--streams and --areas are for ingest tokens only');
    }
    const { summary, token } = store.createToken(kind.data, label, Date.now(), scope);
    store.audit({
      actor,
      action: 'token_created',
      target: `${summary.id} (${kind.data} ${label}${scopeNote(scope)})`,
      ip: null,
    });
    return `created ${kind.data} token ${summary.id} for ${label}; the secret is shown only now:\n${token}`;
  }
  if (command === 'revoke') {
    if (!arg || !store.revokeToken(arg)) throw new UsageError(`no live token ${arg ?? ''}`);
    store.audit({ actor, action: 'token_revoked', target: arg, ip: null });
    return `revoked ${arg}; it stops working at its next use, open connections included`;
  }
  throw new UsageError(USAGE.tokens);
}

async function main() {
  const [what, ...args] = process.argv.slice(2);
  if (what !== 'users' && what !== 'tokens') throw new UsageError(`${USAGE.users}\n${USAGE.tokens}`);
  const dataDir = path.resolve(process.env.DATA_DIR ?? './data');
  mkdirSync(dataDir, { recursive: true });
  const store = openAuthStore(path.join(dataDir, 'auth.sqlite'));
  const actor = `cli:${userInfo().username}`;
  try {
    console.log(what === 'users' ? await users(store, args, actor) : tokens(store, args, actor));
  } finally {
    store.close();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(err instanceof UsageError ? 2 : 1);
});
