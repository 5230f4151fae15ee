// Lint: typescript-eslint's recommended rules plus the import directions of the architecture
// (../shared/design/architecture.md §1), enforced with no-restricted-imports per layer.
import tseslint from 'typescript-eslint';

const layer = (files, patterns) => ({
  files,
  rules: { 'no-restricted-imports': ['error', { patterns }] },
});

const noTransportOrVenues = (what) => [
  { group: ['**/exchanges/**', '**/exchanges/*', '../exchanges', '../../exchanges'], message: `${what} never imports an exchange client.` },
  { group: ['**/transport/**', '**/transport/*'], message: `${what} never imports transport.` },
  { group: ['**/simulator/**', '**/simulator/*'], message: `${what} never imports the simulator.` },
];

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'bench/results/**', 'coverage/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  layer(['src/core/**/*.ts'], [
    ...noTransportOrVenues('core'),
    { group: ['**/execution/**', '**/config/**', '**/bot/**'], message: 'core depends on nothing but itself.' },
  ]),
  layer(['src/execution/**/*.ts'], noTransportOrVenues('execution')),
  layer(['src/exchanges/paradex/**/*.ts'], [
    { group: ['**/aster/**', '**/aster/*'], message: 'one exchange never imports another.' },
    { group: ['**/simulator/**', '**/simulator/*'], message: 'a client never imports the simulator.' },
    { group: ['**/execution/**', '**/bot/**'], message: 'exchanges sit below execution.' },
  ]),
  layer(['src/exchanges/aster/**/*.ts'], [
    { group: ['**/paradex/**', '**/paradex/*'], message: 'one exchange never imports another.' },
    { group: ['**/simulator/**', '**/simulator/*'], message: 'a client never imports the simulator.' },
    { group: ['**/execution/**', '**/bot/**'], message: 'exchanges sit below execution.' },
  ]),
  layer(['src/paper/**/*.ts'], [
    { group: ['**/exchanges/**', '**/exchanges/*'], message: 'paper trading works over any ExchangeClient; it never imports a client.' },
    { group: ['**/transport/**', '**/transport/*'], message: 'paper trading never imports transport.' },
    { group: ['**/dialects/**'], message: 'paper trading uses the engine, not a venue dialect.' },
  ]),
  layer(['src/crypto/**/*.ts'], [
    ...noTransportOrVenues('crypto'),
    { group: ['**/execution/**', '**/config/**', '**/bot/**'], message: 'crypto primitives depend on core only.' },
  ]),
  layer(['src/transport/**/*.ts'], [
    { group: ['**/exchanges/**', '**/simulator/**', '**/execution/**', '**/bot/**'], message: 'transport knows nothing about venues.' },
  ]),
  layer(['src/simulator/**/*.ts'], [
    {
      group: ['**/exchanges/**', '**/exchanges/*'],
      message: 'the simulator must not share the client’s understanding of the venue: never import src/exchanges.',
    },
    { group: ['**/execution/**', '**/bot/**'], message: 'the simulator sits below execution.' },
  ]),
);
