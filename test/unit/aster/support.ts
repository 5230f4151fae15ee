/** Shared helpers of the Aster unit tests: fixture files (copies under test/fixtures/aster) and vectors. */
import { readFileSync } from 'node:fs';

const FIXTURES = new URL('../../fixtures/aster/', import.meta.url);

export function fixtureText(name: string): string {
  return readFileSync(new URL(name, FIXTURES), 'utf8');
}

export function fixture<T = unknown>(name: string): T {
  return JSON.parse(fixtureText(name)) as T;
}

/** One case of a multi-case fixture file. */
export function fixtureCase<T = unknown>(name: string, caseName: string): T {
  const cases = fixture<{ case: string; response?: unknown; message?: unknown }[]>(name);
  const found = cases.find((c) => c.case === caseName);
  if (found === undefined) throw new Error(`${name} has no case "${caseName}"`);
  return (found.response ?? found.message) as T;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

export const vectors: Json = fixture('vectors/aster-vectors.json');
