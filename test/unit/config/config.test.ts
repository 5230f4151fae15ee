import { readFileSync } from 'node:fs';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ENV_KEYS, PARADEX_URLS, VARIABLES, parseConfig } from '../../../src/config/index.js';
import { ConfigError } from '../../../src/core/errors.js';

const ETH_KEY = '0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318';
// A Starknet key whose hex form has 63 digits (leading zero dropped by tools that print integers).
const STARK_KEY_63 = '15aa66c3c7959ac3ab7fca87c88742bb33a17ff151579a24d43e372ebd89a9d';

function problemsOf(env: Record<string, string>): string[] {
  try {
    parseConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return [...(error as ConfigError).problems];
  }
  throw new Error('expected a ConfigError');
}

describe('config', () => {
  it('has the documented defaults on an empty environment', () => {
    const config = parseConfig({});
    expect(config.paradex.enabled).toBe(false);
    expect(config.paradex.environment).toBe('local');
    expect(config.paradex.apiBaseUrl).toBe(PARADEX_URLS.local.api);
    expect(config.paradex.trading).toEqual({
      leverage: '10',
      positionSizePercent: '25',
      maxPositions: 10,
      takeProfitRoe: '1.5',
      stopLossRoe: '-0.5',
      rateLimitPerSec: 10,
    });
    expect(config.paradex.credentials.kind).toBe('none');
    expect(config.aster.credentials.kind).toBe('none');
    expect(config.tradingMode).toBe('live');
  });

  it('picks URLs by environment and lets explicit URLs override them', () => {
    const testnet = parseConfig({ PARADEX_ENVIRONMENT: 'testnet' });
    expect(testnet.paradex.apiBaseUrl).toBe('https://api.testnet.paradex.trade/v1');
    expect(testnet.paradex.wsBaseUrl).toBe('wss://ws.api.testnet.paradex.trade/v1');
    const custom = parseConfig({ PARADEX_API_BASE_URL: 'http://127.0.0.1:9999/v1/', PARADEX_WS_BASE_URL: 'ws://127.0.0.1:9999/v1' });
    expect(custom.paradex.apiBaseUrl).toBe('http://127.0.0.1:9999/v1');
    expect(custom.paradex.wsBaseUrl).toBe('ws://127.0.0.1:9999/v1');
  });

  it('accepts keys with or without 0x, upper case, and with leading zeros missing', () => {
    const a = parseConfig({ PARADEX_PRIVATE_KEY: ETH_KEY.slice(2).toUpperCase() });
    expect(a.paradex.credentials.kind).toBe('ethereum');
    if (a.paradex.credentials.kind === 'ethereum') expect(a.paradex.credentials.ethPrivateKey.reveal()).toBe(ETH_KEY);

    const b = parseConfig({ PARADEX_L2_ADDRESS: '0x07598ed0e02d7195b4d53e0f0ace5444690cdbc371380fd214615af886d3f46c', PARADEX_SUBKEY_PRIVATE_KEY: STARK_KEY_63 });
    expect(b.paradex.credentials.kind).toBe('starknet');
    if (b.paradex.credentials.kind === 'starknet') {
      expect(b.paradex.credentials.l2Address).toBe('0x7598ed0e02d7195b4d53e0f0ace5444690cdbc371380fd214615af886d3f46c');
      expect(b.paradex.credentials.starkPrivateKey.reveal()).toBe(`0x0${STARK_KEY_63}`);
    }
  });

  it('lists every wrong variable at once with its rule', () => {
    const problems = problemsOf({
      PARADEX_ENVIRONMENT: 'mainnet',
      PARADEX_LEVERAGE: 'ten',
      PARADEX_MAX_POSITIONS: '0',
      PARADEX_STOP_LOSS_ROE: '0.5',
      PARADEX_API_BASE_URL: 'ftp://x',
      ASTER_ENABLED: 'maybe',
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        'PARADEX_ENVIRONMENT: must be one of local, testnet, prod',
        'PARADEX_LEVERAGE: must be a decimal number like 10',
        'PARADEX_MAX_POSITIONS: must be a whole number from 1 to 1000',
        'PARADEX_STOP_LOSS_ROE: must be below 0 (a loss)',
        'PARADEX_API_BASE_URL: must be a http or https URL',
        'ASTER_ENABLED: must be true or false (also 1/0, yes/no, on/off)',
      ]),
    );
    expect(problems).toHaveLength(6);
  });

  it('never prints a secret value, in errors or in the parsed config', () => {
    const badKey = 'zz' + ETH_KEY.slice(4);
    let message = '';
    try {
      parseConfig({ PARADEX_PRIVATE_KEY: badKey, ASTER_SIGNER_PRIVATE_KEY: '0'.repeat(64) });
    } catch (error) {
      message = String((error as Error).message);
    }
    expect(message).toContain('PARADEX_PRIVATE_KEY: must be hexadecimal');
    expect(message).toContain('ASTER_SIGNER_PRIVATE_KEY: must not be zero');
    expect(message).not.toContain(badKey.slice(4, 20));

    const config = parseConfig({ PARADEX_PRIVATE_KEY: ETH_KEY, ASTER_API_KEY: 'my-api-key', ASTER_API_SECRET: 'my-api-secret' });
    const printed = JSON.stringify(config) + inspect(config, { depth: 10 }) + String(config.paradex.credentials);
    expect(printed).not.toContain(ETH_KEY.slice(2, 20));
    expect(printed).not.toContain('my-api-secret');
    expect(printed).not.toContain('my-api-key');
    expect(printed).toContain('[REDACTED]');
  });

  it('rejects half-given credentials and mixed modes', () => {
    expect(problemsOf({ PARADEX_L2_ADDRESS: '0x1234' })).toEqual(['PARADEX_SUBKEY_PRIVATE_KEY: required when PARADEX_L2_ADDRESS is set']);
    expect(problemsOf({ PARADEX_PRIVATE_KEY: ETH_KEY, PARADEX_SUBKEY_PRIVATE_KEY: STARK_KEY_63 })[0]).toMatch(/either PARADEX_PRIVATE_KEY/);
    expect(problemsOf({ ASTER_USER: '0x' + '1'.repeat(40) })).toHaveLength(2);
    expect(problemsOf({ PARADEX_ENABLED: 'true', PARADEX_ENVIRONMENT: 'prod' })[0]).toMatch(/needs PARADEX_PRIVATE_KEY/);
    expect(problemsOf({ PARADEX_SUBKEY_PRIVATE_KEY: '0x' + 'f'.repeat(64), PARADEX_L2_ADDRESS: '0x1' })[0]).toMatch(/below the Stark curve order/);
  });

  it('chooses the Paradex public WebSocket encoding and the Aster precision policy', () => {
    expect(parseConfig({}).paradex.wsPublicEncoding).toBeUndefined();
    expect(parseConfig({ PARADEX_WS_PUBLIC_ENCODING: 'sbe' }).paradex.wsPublicEncoding).toBe('sbe');
    expect(parseConfig({ PARADEX_WS_PUBLIC_ENCODING: 'json' }).paradex.wsPublicEncoding).toBe('json');
    expect(parseConfig({}).aster.precision).toBe('round');
    expect(parseConfig({ ASTER_PRECISION: 'reject' }).aster.precision).toBe('reject');
    expect(problemsOf({ PARADEX_WS_PUBLIC_ENCODING: 'xml', ASTER_PRECISION: 'maybe' })).toHaveLength(2);
  });

  it('documents every variable it reads in .env.example and the README', () => {
    const example = readFileSync(new URL('../../../.env.example', import.meta.url), 'utf8');
    const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
    for (const v of VARIABLES) {
      expect(example, v.name).toMatch(new RegExp(`^${v.name}=`, 'm'));
      expect(readme, v.name).toContain(`\`${v.name}\``);
    }
    // and nothing is documented that the schema does not read
    expect([...ENV_KEYS].sort()).toEqual(VARIABLES.map((v) => v.name).sort());
  });
});

