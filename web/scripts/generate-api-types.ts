import { writeFileSync } from 'node:fs';
import path from 'node:path';
import openapiTS, { astToString } from 'openapi-typescript';

export const GENERATED_FILE = path.resolve(import.meta.dirname, '../src/lib/api/schema.gen.ts');

const HEADER = "// Generated from the server's OpenAPI document by `npm run api:generate`. Do not edit.\n\n";

/** TypeScript types for the web app's API client, from an OpenAPI document. */
export async function generateApiTypes(document: object): Promise<string> {
  // openapi-typescript reads a JSON string as a document (an object would be taken as parsed YAML state).
  const ast = await openapiTS(JSON.stringify(document));
  return HEADER + astToString(ast);
}

if (import.meta.main) {
  const { buildOpenApiDocument } = await import('../../server/src/openapi.ts');
  writeFileSync(GENERATED_FILE, await generateApiTypes(await buildOpenApiDocument()));
  console.log(`wrote ${path.relative(process.cwd(), GENERATED_FILE)}`);
}
