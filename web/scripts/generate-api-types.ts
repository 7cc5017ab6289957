import { writeFileSync } from 'node:fs';
import path from 'node:path';
import openapiTS, { astToString } from 'openapi-typescript';

export const GENERATED_FILE = path.resolve(import.meta.dirname, '../src/lib/api/schema.gen.ts');

const HEADER = "// Generated from the server's OpenAPI document by `npm run api:generate`. Do not edit.\n\n";

interface StatusSchema {
  'x-steps': Record<string, string[]>;
  'x-undo': Record<string, string>;
}

const schemaType = (name: string) => `components["schemas"]["${name}"]`;
const lowerFirst = (name: string) => name.charAt(0).toLowerCase() + name.slice(1);

/**
 * TypeScript types for the web app's API client, from an OpenAPI document;
 * then the values of each named enumeration (`roleValues`,
 * `reservationStatusValues`…) and the stays' status machine the server
 * publishes on `ReservationStatus`, so that the app copies none of them.
 */
export async function generateApiTypes(document: { components?: { schemas?: Record<string, unknown> } }) {
  // openapi-typescript reads a JSON string as a document (an object would be taken as parsed YAML state).
  const ast = await openapiTS(JSON.stringify(document));
  const schemas = document.components?.schemas ?? {};
  const values = Object.entries(schemas).flatMap(([name, schema]) => {
    const members = (schema as { enum?: unknown[] }).enum;
    if (!members?.every((member) => typeof member === 'string')) return [];
    return [
      `export const ${lowerFirst(name)}Values = ${JSON.stringify(members)} as const satisfies readonly ${schemaType(name)}[];`,
    ];
  });
  const status = schemas.ReservationStatus as StatusSchema | undefined;
  if (!status?.['x-steps'] || !status['x-undo'])
    throw new Error('ReservationStatus publishes no status machine');
  const statusType = schemaType('ReservationStatus');
  const machine = [
    "/** The steps a stay's status may take forward (the server refuses any other). */",
    `export const reservationStatusSteps: Readonly<Record<${statusType}, readonly ${statusType}[]>> = ${JSON.stringify(status['x-steps'])};`,
    '/** The way back from a mistaken check-in or check-out (managers only). */',
    `export const reservationStatusUndo: Readonly<Partial<Record<${statusType}, ${statusType}>>> = ${JSON.stringify(status['x-undo'])};`,
  ];
  return `${HEADER}${astToString(ast)}\n${[...values, ...machine].join('\n')}\n`;
}

if (import.meta.main) {
  const { buildOpenApiDocument } = await import('../../server/src/openapi.ts');
  writeFileSync(GENERATED_FILE, await generateApiTypes(await buildOpenApiDocument()));
  console.log(`wrote ${path.relative(process.cwd(), GENERATED_FILE)}`);
}
