/** Typed access to test/fixtures/vectors/paradex-vectors.json (a copy of ../shared/vectors). */
import { readFileSync } from 'node:fs';
import type { StarknetTypedDataV0 } from '../../../../src/exchanges/paradex/auth/index.js';

export interface SignatureVector {
  readonly r: string;
  readonly s: string;
  readonly header_value: string;
}

export interface HashVector {
  readonly label?: string;
  readonly typed_data: StarknetTypedDataV0 & { readonly message: Record<string, string | number> };
  readonly message_hash: string;
  readonly message_hash_decimal: string;
  readonly signature: SignatureVector;
}

export interface OrderVector extends HashVector {
  readonly rest_body_ccxt?: {
    readonly market: string;
    readonly side: 'BUY' | 'SELL';
    readonly type: string;
    readonly size: string;
    readonly price?: string;
    readonly signature: string;
    readonly signature_timestamp: number;
  };
}

export interface ParadexVectors {
  readonly fixed_account: {
    readonly stark_private_key: string;
    readonly stark_public_key: string;
    readonly account_address: string;
    readonly account_constructor_calldata: readonly string[];
    readonly starknet_chain_id: string;
    readonly starknet_chain_id_felt: string;
  };
  readonly system_config_snapshot_testnet: {
    readonly paraclear_account_hash: string;
    readonly paraclear_account_proxy_hash: string;
    readonly starknet_chain_id: string;
  };
  readonly derivation_from_eth_key: {
    readonly inputs: {
      readonly eth_private_key: string;
      readonly eth_address: string;
      readonly l1_chain_id: string;
      readonly paraclear_account_hash: string;
      readonly paraclear_account_proxy_hash: string;
    };
    readonly eip712_digest: string;
    readonly eth_signature: string;
    readonly grind_seed_r: string;
    readonly stark_private_key: string;
    readonly stark_public_key: string;
    readonly account_constructor_calldata: readonly string[];
    readonly account_address: string;
  };
  readonly derivation_upstream_paradex_js_test_cases: readonly {
    readonly mnemonic: string;
    readonly eth_address: string;
    readonly eth_private_key: string;
    readonly stark_private_key: string;
    readonly stark_public_key: string;
    readonly expected_address_from_upstream_test: string;
  }[];
  readonly onboarding: HashVector;
  readonly auth: HashVector;
  readonly auth_24h_expiry_paradex_py_style: HashVector;
  readonly orders: readonly OrderVector[];
  readonly modify_order: HashVector & {
    readonly request: {
      readonly body_ccxt: {
        readonly market: string;
        readonly side: 'BUY' | 'SELL';
        readonly type: string;
        readonly price: string;
        readonly size: string;
        readonly id: string;
        readonly signature: string;
        readonly signature_timestamp: number;
      };
    };
  };
  readonly negative_vectors_for_order_0: readonly { readonly label: string; readonly message_hash: string }[];
  readonly grind_key_leading_zero_edge_case: {
    readonly cases: readonly {
      readonly grind_seed_r: string;
      readonly js_grindKey_scure: string;
      readonly js_grindKey_starkware: string;
      readonly paradex_py_port: string;
    }[];
  };
}

export const vectors = JSON.parse(
  readFileSync(new URL('../../../fixtures/vectors/paradex-vectors.json', import.meta.url), 'utf8'),
) as ParadexVectors;

export const FIXED = vectors.fixed_account;
export const CHAIN_ID = FIXED.starknet_chain_id;
