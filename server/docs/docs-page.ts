import type { JsonSchema } from './components';

const esc = (s: unknown) => String(s ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Inline code spans, the only markdown the documents' texts use. */
const text = (s: unknown) => esc(s).replace(/`([^`]+)`/g, '<code>$1</code>');

const refName = (s: unknown) => {
  const r = (s as { $ref?: string } | undefined)?.$ref;
  return r ? r.split('/').pop()! : null;
};

/** A schema's one-line summary: its component name, or its type. */
function schemaLabel(s: unknown): string {
  const name = refName(s);
  if (name) return `<a href="#schema-${esc(name)}">${esc(name)}</a>`;
  const o = s as JsonSchema | undefined;
  if (!o) return '';
  if (o.type === 'array') return `array of ${schemaLabel(o.items) || 'items'}`;
  if (Array.isArray(o.enum)) return o.enum.map((v) => `<code>${esc(v)}</code>`).join(' | ');
  return esc(o.type ?? (o.anyOf || o.oneOf ? 'one of several' : 'any'));
}

function httpSection(openapi: JsonSchema): string {
  const paths = openapi.paths as Record<string, Record<string, JsonSchema>>;
  const items = Object.entries(paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => {
      const params = (op.parameters ?? []) as JsonSchema[];
      const rows = params
        .map(
          (p) =>
            `<tr><td><code>${esc(p.name)}</code></td><td>${esc(p.in)}</td><td>${p.required ? 'yes' : ''}</td><td>${schemaLabel(p.schema)}</td></tr>`,
        )
        .join('');
      const body = op.requestBody as { content: Record<string, { schema: unknown }> } | undefined;
      const responses = Object.entries(op.responses as Record<string, JsonSchema>)
        .map(([code, r]) => {
          const content = Object.entries((r.content ?? {}) as Record<string, { schema: unknown }>)
            .map(([type, c]) => `${esc(type)}: ${schemaLabel(c.schema)}`)
            .join('; ');
          return `<li><b>${esc(code)}</b> ${text(r.description)}${content ? ` — ${content}` : ''}</li>`;
        })
        .join('');
      return `<section class="op"><h3><span class="m">${esc(method.toUpperCase())}</span> <code>${esc(path)}</code>${op.security ? ` <span class="lock">${esc(Object.keys((op.security as JsonSchema[])[0]!)[0])}</span>` : ''}</h3>
<p>${text(op.summary)}</p>${op.description ? `<p>${text(op.description)}</p>` : ''}
${rows ? `<table><tr><th>parameter</th><th>in</th><th>required</th><th>schema</th></tr>${rows}</table>` : ''}
${
  body
    ? `<p>Body: ${Object.values(body.content)
        .map((c) => schemaLabel(c.schema))
        .join(', ')}</p>`
    : ''
}
<ul>${responses}</ul></section>`;
    }),
  );
  return items.join('\n');
}

function socketSection(asyncapi: JsonSchema): string {
  const channels = asyncapi.channels as Record<string, JsonSchema>;
  const operations = asyncapi.operations as Record<string, JsonSchema>;
  const messages = (asyncapi.components as { messages: Record<string, JsonSchema> }).messages;
  return Object.entries(channels)
    .map(([key, ch]) => {
      const ops = Object.values(operations).filter(
        (o) => (o.channel as { $ref: string }).$ref === `#/channels/${key}`,
      );
      const rows = ops
        .map((o) => {
          const msgKey = ((o.messages as { $ref: string }[])[0]!.$ref.split('/').pop() ?? '') as string;
          const msg = messages[msgKey]!;
          const reply = o.reply as { messages: { $ref: string }[] } | undefined;
          const ack = reply ? messages[reply.messages[0]!.$ref.split('/').pop()!] : undefined;
          const who = o.action === 'receive' ? 'client → server' : 'server → client';
          return `<tr><td><code>${esc(msg.name)}</code></td><td>${who}</td><td>${schemaLabel(msg.payload)}</td><td>${ack ? schemaLabel(ack.payload) : ''}</td><td>${text(o.summary)}</td></tr>`;
        })
        .join('');
      return `<section class="op"><h3><code>${esc(ch.address)}</code></h3><p>${text(ch.description)}</p>
<table><tr><th>event</th><th>direction</th><th>payload</th><th>acknowledgement</th><th></th></tr>${rows}</table></section>`;
    })
    .join('\n');
}

function schemasSection(openapi: JsonSchema): string {
  const schemas = (openapi.components as { schemas: Record<string, JsonSchema> }).schemas;
  return Object.entries(schemas)
    .map(
      ([name, s]) =>
        `<details id="schema-${esc(name)}"><summary><code>${esc(name)}</code> ${text(s.description ?? '')}</summary><pre>${esc(JSON.stringify(s, null, 2))}</pre></details>`,
    )
    .join('\n');
}

const STYLE = `body{font:15px/1.5 system-ui,sans-serif;max-width:72rem;margin:0 auto;padding:1rem 2rem;color:#1b1f24}
h1{font-size:1.6rem}h2{margin-top:2.5rem;border-bottom:1px solid #ccd}h3{font-size:1.05rem;margin:.2rem 0}
.op{border:1px solid #dde;border-radius:6px;padding:.6rem 1rem;margin:.8rem 0}.m{background:#1f5fbf;color:#fff;border-radius:4px;padding:0 .4rem;font-size:.85rem}
.lock{font-size:.8rem;color:#8a4b00}table{border-collapse:collapse;margin:.4rem 0}td,th{border:1px solid #dde;padding:.2rem .5rem;text-align:left;vertical-align:top}
pre{background:#f5f6f8;padding:.6rem;overflow:auto;font-size:.8rem}code{background:#f0f1f4;padding:0 .2rem;border-radius:3px}`;

/** The API page: plain HTML rendered from the two documents, no script, nothing loaded from elsewhere. */
export function renderDocsPage(openapi: JsonSchema, asyncapi: JsonSchema): string {
  const info = openapi.info as { title: string; version: string; description: string };
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(info.title)} — API</title><style>${STYLE}</style></head><body>
<h1>Long An IOC — API <small>v${esc(info.version)}</small></h1>
<p>${text(info.description)}</p>
<p>Machine-readable: <a href="/api/openapi.json">OpenAPI 3.1</a> · <a href="/api/asyncapi.json">AsyncAPI 3</a> · <a href="/api/open/catalog.json">open-data catalogue (DCAT)</a></p>
<nav><a href="#http">HTTP</a> · <a href="#realtime">Socket.IO and MQTT</a> · <a href="#schemas">Schemas</a></nav>
<h2 id="http">HTTP</h2>${httpSection(openapi)}
<h2 id="realtime">Socket.IO namespaces and MQTT topics</h2><p>${text((asyncapi.info as { description: string }).description)}</p>${socketSection(asyncapi)}
<h2 id="schemas">Schemas</h2><p>JSON Schema 2020-12, generated from the protocol's zod schemas.</p>${schemasSection(openapi)}
</body></html>`;
}
