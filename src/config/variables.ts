/**
 * Every environment variable the project reads, with its default and meaning. This is the single
 * list behind the README's configuration table and .env.example; a test checks all three agree.
 */
export interface VariableDoc {
  readonly name: string;
  readonly default: string;
  readonly meaning: string;
  readonly secret?: boolean;
}

const trading = (venue: 'PARADEX' | 'ASTER', label: string): VariableDoc[] => [
  { name: `${venue}_LEVERAGE`, default: '10', meaning: `Leverage used to size ${label} positions (1-100).` },
  { name: `${venue}_POSITION_SIZE_PERCENT`, default: '25', meaning: `Margin per ${label} position as a percent of account equity.` },
  { name: `${venue}_MAX_POSITIONS`, default: '10', meaning: `Most ${label} positions open at once.` },
  { name: `${venue}_TAKE_PROFIT_ROE`, default: '1.5', meaning: `Take-profit distance as return on margin, in percent (positive).` },
  { name: `${venue}_STOP_LOSS_ROE`, default: '-0.5', meaning: `Stop-loss distance as return on margin, in percent (negative).` },
  { name: `${venue}_RATE_LIMIT_PER_SEC`, default: '10', meaning: `Our own cap on ${label} requests per second, below the venue's limits.` },
];

export const VARIABLES: readonly VariableDoc[] = [
  { name: 'LOG_LEVEL', default: 'info', meaning: 'pino log level: fatal, error, warn, info, debug, trace or silent.' },
  { name: 'TRADING_MODE', default: 'live', meaning: 'live sends orders to the configured venue; paper fills them on the local engine.' },
  { name: 'PARADEX_ENABLED', default: 'false', meaning: 'Trade on Paradex in the bot.' },
  {
    name: 'PARADEX_ENVIRONMENT',
    default: 'local',
    meaning: 'local (the embedded simulator at 127.0.0.1:8787), testnet or prod; picks the default URLs.',
  },
  {
    name: 'PARADEX_PRIVATE_KEY',
    default: '',
    secret: true,
    meaning: 'Ethereum private key; the Paradex Starknet account is derived from it (onboarded on first use).',
  },
  {
    name: 'PARADEX_L2_ADDRESS',
    default: '',
    meaning: 'Paradex (Starknet) account address, for subkey mode, together with PARADEX_SUBKEY_PRIVATE_KEY.',
  },
  {
    name: 'PARADEX_SUBKEY_PRIVATE_KEY',
    default: '',
    secret: true,
    meaning: 'Starknet private key of a subkey (or the main Stark key) of PARADEX_L2_ADDRESS; no Ethereum key needed.',
  },
  { name: 'PARADEX_API_BASE_URL', default: '(from environment)', meaning: 'REST base URL including /v1; overrides the environment.' },
  { name: 'PARADEX_WS_BASE_URL', default: '(from environment)', meaning: 'WebSocket URL including /v1; overrides the environment.' },
  {
    name: 'PARADEX_PRECISION',
    default: 'round',
    meaning: 'round: sizes round down to the step and limit prices to the less aggressive tick; reject: refuse off-grid values.',
  },
  {
    name: 'PARADEX_WS_PUBLIC_ENCODING',
    default: 'auto',
    meaning: 'Public WebSocket payloads: json, sbe (binary), or auto (SBE on the live venue, which requires it since September 2026; JSON elsewhere).',
  },
  ...trading('PARADEX', 'Paradex'),
  { name: 'ASTER_ENABLED', default: 'false', meaning: 'Trade on Aster in the bot.' },
  { name: 'ASTER_ENVIRONMENT', default: 'local', meaning: 'local (the embedded simulator at 127.0.0.1:8788), testnet or prod.' },
  {
    name: 'ASTER_PRECISION',
    default: 'round',
    meaning: 'round: sizes round down to the step and limit prices to the less aggressive tick; reject: refuse off-grid values.',
  },
  { name: 'ASTER_USER', default: '', meaning: 'V3 API: the main wallet address (the account).' },
  { name: 'ASTER_SIGNER', default: '', meaning: 'V3 API: the API wallet address approved for ASTER_USER.' },
  { name: 'ASTER_SIGNER_PRIVATE_KEY', default: '', secret: true, meaning: 'V3 API: private key of ASTER_SIGNER.' },
  { name: 'ASTER_API_KEY', default: '', secret: true, meaning: 'V1 API (legacy HMAC keys): API key.' },
  { name: 'ASTER_API_SECRET', default: '', secret: true, meaning: 'V1 API (legacy HMAC keys): API secret.' },
  { name: 'ASTER_API_BASE_URL', default: '(from environment)', meaning: 'REST base URL (without /fapi); overrides the environment.' },
  { name: 'ASTER_WS_BASE_URL', default: '(from environment)', meaning: 'WebSocket base URL; overrides the environment.' },
  ...trading('ASTER', 'Aster'),
];
