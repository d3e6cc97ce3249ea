import type { MatchState } from "../state.ts";
import { clamp, tenth } from "./kit.ts";

/** How far a report of a delivery may stray from the truth, either way, at middling trust (SCENARIO-FACTS: noisy verification). */
export const REPORT_NOISE = 0.15;

/**
 * What trust does (DESIGN: compliance and trust), from 0 to 100: below 50 signing costs more capital
 * and delivery reports are read more noisily, above 50 both ease. `signing` multiplies the capital a
 * lead spends to sign; `noise` is the widest error of a report, as a fraction of the truth.
 */
export function trustEffects(trust: number): { readonly signing: number; readonly noise: number } {
  const factor = 1.5 - trust / 100;
  return {
    signing: tenth(factor * 10) / 10,
    noise: Math.round(REPORT_NOISE * factor * 1000) / 1000,
  };
}

/** Changes trust between the teams, within 0–100. */
export function moveTrust(state: MatchState, delta: number): MatchState {
  return delta === 0 ? state : { ...state, trust: tenth(clamp(state.trust + delta, 0, 100)) };
}
