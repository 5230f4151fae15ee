/**
 * What GET /v1/system/config publishes. Values are the testnet snapshot of paradex.md §1 (chain id
 * PRIVATE_SN_POTC_SEPOLIA and the account class hashes of the derivation vectors), so an address a
 * client derives offline for testnet is the address the simulator expects at onboarding.
 */

export interface ParadexSystemConfig {
  readonly starknetChainId: string;
  readonly l1ChainId: string;
  readonly accountClassHash: string;
  readonly accountProxyClassHash: string;
  /** The full response body. */
  readonly body: Readonly<Record<string, unknown>>;
}

export const DEFAULT_STARKNET_CHAIN_ID = 'PRIVATE_SN_POTC_SEPOLIA';

export function createSystemConfig(starknetChainId = DEFAULT_STARKNET_CHAIN_ID): ParadexSystemConfig {
  const accountClassHash = '0x41cb0280ebadaa75f996d8d92c6f265f6d040bb3ba442e5f86a554f1765244e';
  const accountProxyClassHash = '0x3530cc4759d78042f1b543bf797f5f3d647cde0388c33734cf91b7f7b9314a9';
  const l1ChainId = '11155111';
  return {
    starknetChainId,
    l1ChainId,
    accountClassHash,
    accountProxyClassHash,
    body: {
      assets_limit_per_account: 550,
      bridged_tokens: [
        {
          name: 'TEST USDC',
          symbol: 'USDC',
          decimals: 6,
          l1_token_address: '0x29A873159D5e14AcBd63913D4A7E2df04570c666',
          l1_bridge_address: '0x8586e05adc0C35aa11609023d4Ae6075Cb813b4C',
          l2_token_address: '0x6f373b346561036d98ea10fb3e60d2f459c872b1933b50b21fe6ef4fda3b75e',
          l2_bridge_address: '0x46e9237f5408b5f899e72125dd69bd55485a287aaf24663d3ebe00d237fc7ef',
        },
      ],
      block_explorer_url: 'https://voyager.testnet.paradex.trade/',
      environment: 'simulator',
      l1_chain_id: l1ChainId,
      l1_core_contract_address: '0x582CC5d9b509391232cd544cDF9da036e55833Af',
      l1_operator_address: '0x11bACdFbBcd3Febe5e8CEAa75E0Ef6444d9B45FB',
      l1_relayer_address: '0x11bACdFbBcd3Febe5e8CEAa75E0Ef6444d9B45FB',
      l2_relayer_address: '0x11bACdFbBcd3Febe5e8CEAa75E0Ef6444d9B45FB',
      liquidation_fee: '0.2',
      oracle_address: '0x2c6a867917ef858d6b193a0ff9e62b46d0dc760366920d631715d58baeaca1f',
      paraclear_account_hash: accountClassHash,
      paraclear_account_proxy_hash: accountProxyClassHash,
      paraclear_address: '0x286003f7c7bfc3f94e8f0af48b48302e7aee2fb13c23b141479ba00832ef2c6',
      paraclear_decimals: 8,
      partial_liquidation_buffer: '0.2',
      partial_liquidation_share_increment: '0.05',
      starknet_chain_id: starknetChainId,
      starknet_fullnode_rpc_base_url: 'https://rpc.api.testnet.paradex.trade',
      starknet_fullnode_rpc_url: 'https://rpc.api.testnet.paradex.trade/rpc/v0_9',
      universal_deployer_address: '0x41a78e741e5af2fec34b695679bc6891742439f7afb8484ecd7766661ad02bf',
    },
  };
}
