import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { EventType } from '../../src/core/events.ts';
import { generateOpenApiYaml } from '../../src/http/openapi.ts';

const root = new URL('../../', import.meta.url);

interface Response {
  headers?: Record<string, unknown>;
  content?: Record<string, { schema?: { $ref?: string } }>;
}

describe('openapi.yaml', () => {
  it('is what the route schemas generate (run `npm run openapi` after changing a route)', async () => {
    const committed = await readFile(new URL('openapi.yaml', root), 'utf8');
    expect(committed).toBe(await generateOpenApiYaml());
  });

  it('passes redocly lint', async () => {
    const redocly = new URL('node_modules/.bin/redocly', root).pathname;
    const { stdout, stderr } = await promisify(execFile)(
      redocly,
      ['lint', 'openapi.yaml', '--format=summary'],
      {
        cwd: root.pathname,
      },
    );
    const out = `${stdout}${stderr}`;
    expect(out).toContain('Your API description is valid');
    // The recommended ruleset with no rule turned off (redocly.yaml): not one warning either.
    expect(out).not.toMatch(/warning/i);
    expect(await readFile(new URL('redocly.yaml', root), 'utf8')).not.toMatch(/^rules:/m);
  }, 60_000);

  it('keeps one component per schema, declares problem+json errors, Location on 201 and formats', async () => {
    const doc = parse(await readFile(new URL('openapi.yaml', root), 'utf8'));
    const schemas = Object.keys(doc.components.schemas);
    // An input twin survives only where it differs from its output schema.
    for (const name of schemas.filter((n) => n.endsWith('Input'))) {
      expect(schemas).toContain(name.slice(0, -5));
      expect(doc.components.schemas[name]).not.toEqual(doc.components.schemas[name.slice(0, -5)]);
    }
    const ops = Object.values(
      doc.paths as Record<string, Record<string, { responses: Record<string, Response> }>>,
    ).flatMap((item) => Object.values(item));
    expect(ops.length).toBeGreaterThan(50);
    for (const op of ops) {
      expect(Object.keys(op.responses)).toContain('503');
      for (const [status, r] of Object.entries(op.responses)) {
        // A problem is always application/problem+json; GET /ready's 503 has its report beside it.
        const problemTypes = Object.entries(r.content ?? {})
          .filter(([, m]) => m.schema?.$ref === '#/components/schemas/Problem')
          .map(([type]) => type);
        if (Number(status) >= 400 && problemTypes.length > 0)
          expect(problemTypes).toEqual(['application/problem+json']);
        if (status === '201') expect(r.headers?.Location).toBeDefined();
      }
    }
    expect(doc.components.schemas.Engagement.properties.createdAt.format).toBe('date-time');
    expect(doc.components.schemas.Engagement.properties.startDate.format).toBe('date');
    expect(doc.components.schemas.Task.properties.url.format).toBe('uri');
    expect(Object.keys(doc.webhooks)).toEqual(EventType.options);
  });
});
