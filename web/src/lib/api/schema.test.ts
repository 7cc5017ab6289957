import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { buildOpenApiDocument } from '../../../../server/src/openapi.ts';
import { GENERATED_FILE, generateApiTypes } from '../../../scripts/generate-api-types.ts';

it('the committed API types match the server (else run npm run api:generate)', async () => {
  const expected = await generateApiTypes(await buildOpenApiDocument());
  const committed = readFileSync(GENERATED_FILE, 'utf8');
  expect(committed === expected, 'web/src/lib/api/schema.gen.ts is stale: run `npm run api:generate`').toBe(
    true,
  );
});
