import { pino } from 'pino';
import { stringify } from 'yaml';
import type { Services } from '../services/services.ts';
import { buildApp } from './app.ts';

/**
 * The OpenAPI document as the route schemas define it. Built from an app whose services are never
 * called, so it needs no database or Redis; `npm run openapi` writes it to openapi.yaml and a
 * test fails when the committed file differs.
 */
export async function generateOpenApiYaml(): Promise<string> {
  const unused = new Proxy({} as Services, {
    get: () => {
      throw new Error('services are not available while generating the OpenAPI document');
    },
  });
  const app = await buildApp({
    logger: pino({ level: 'silent' }),
    services: unused,
    readiness: async () => ({ ready: false, checks: {} }),
    publicUrl: 'http://127.0.0.1:3000',
  });
  await app.ready();
  const doc = app.swagger();
  await app.close();
  return stringify(doc, { lineWidth: 0, aliasDuplicateObjects: false });
}
