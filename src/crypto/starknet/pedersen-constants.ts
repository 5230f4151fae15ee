/**
 * The five Pedersen constant points of Starknet (public protocol data, "nothing up my sleeve"
 * points derived from the digits of pi; see the Starknet/StarkEx Pedersen hash specification).
 *
 *   H(a, b) = x( SHIFT + a_low·P1 + a_high·P2 + b_low·P3 + b_high·P4 )
 *
 * with a_low = the low 248 bits of a and a_high = its top 4 bits (same for b).
 * Unit tests check these against @scure/starknet's pedersen on thousands of inputs.
 */
import type { AffinePoint } from './stark-jacobian.js';

export const PEDERSEN_SHIFT_POINT: AffinePoint = {
  x: 2089986280348253421170679821480865132823066470938446095505822317253594081284n,
  y: 1713931329540660377023406109199410414810705867260802078187082345529207694986n,
};

/** Multiplies the low 248 bits of the first input. */
export const PEDERSEN_P1: AffinePoint = {
  x: 996781205833008774514500082376783249102396023663454813447423147977397232763n,
  y: 1668503676786377725805489344771023921079126552019160156920634619255970485781n,
};

/** Multiplies the high 4 bits of the first input. */
export const PEDERSEN_P2: AffinePoint = {
  x: 2251563274489750535117886426533222435294046428347329203627021249169616184184n,
  y: 1798716007562728905295480679789526322175868328062420237419143593021674992973n,
};

/** Multiplies the low 248 bits of the second input. */
export const PEDERSEN_P3: AffinePoint = {
  x: 2138414695194151160943305727036575959195309218611738193261179310511854807447n,
  y: 113410276730064486255102093846540133784865286929052426931474106396135072156n,
};

/** Multiplies the high 4 bits of the second input. */
export const PEDERSEN_P4: AffinePoint = {
  x: 2379962749567351885752724891227938183011949129833673362440656643086021394946n,
  y: 776496453633298175483985398648758586525933812536653089401905292063708816422n,
};

/** Starknet's curve: y^2 = x^3 + ALPHA·x + BETA. Used to check the constants are on the curve. */
export const STARK_CURVE_ALPHA = 1n;
export const STARK_CURVE_BETA = 3141592653589793238462643383279502884197169399375105820974944592307816406665n;
