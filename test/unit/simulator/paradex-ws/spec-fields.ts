/**
 * Property names of a Paradex response schema, from the OpenAPI copy in test/fixtures/specs. The
 * AsyncAPI channel payloads reference the same schemas (ResponsesOrderResp = responses.OrderResp,
 * identical property lists), so this is the field set a channel payload may use.
 */
import { expect } from 'vitest';
import openapi from '../../../fixtures/specs/paradex-openapi.json' with { type: 'json' };

interface Schema {
  readonly properties?: Readonly<Record<string, unknown>>;
}

export function schemaFields(name: string): string[] {
  const schemas = (openapi as unknown as { components: { schemas: Readonly<Record<string, Schema>> } }).components.schemas;
  const properties = schemas[name]?.properties;
  if (properties === undefined) throw new Error(`OpenAPI schema ${name} not found`);
  return Object.keys(properties).sort();
}

/** Keys of a recorded fixture payload (`params.data` of a single-case ws fixture, or of its first case). */
export function fixtureFields(fixture: unknown): string[] {
  const message = Array.isArray(fixture) ? (fixture[0] as { message: unknown }).message : fixture;
  return Object.keys((message as { params: { data: object } }).params.data).sort();
}

export const keysOf = (data: object): string[] => Object.keys(data).sort();

/** A BTC price on the 0.1 tick, spelt canonically (no trailing zeros), as the venue echoes it. */
export const onTick = (price: number): string => String(Number(price.toFixed(1)));

/** Every field the recorded example shows is there, and nothing outside the venue's schema. */
export function expectFieldSet(data: object, recorded: string[], schema: string[] = recorded): void {
  const keys = keysOf(data);
  for (const field of recorded) expect(keys, `missing ${field}`).toContain(field);
  for (const field of keys) expect(schema, `unexpected ${field}`).toContain(field);
}
