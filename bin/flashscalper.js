#!/usr/bin/env node
// Launcher for the `flashscalper` CLI: runs the TypeScript sources through tsx so that a fresh clone
// works right after `npm ci` without a build step.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli.ts');
