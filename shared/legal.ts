import { permitType, RULES } from "./apply.ts";
import { actorFor, type Intent, type IntentType } from "./commands.ts";
import type { Rule } from "./rules/kit.ts";
import type { Scenario } from "./scenario/schema.ts";
import type { View } from "./view.ts";

/** An action a seat may take now: an intent type and its target (proposal, issue, instalment...). */
export type LegalAction = { readonly type: IntentType } & Readonly<Record<string, unknown>>;

/**
 * What a seat may do now, from its view alone (as chessground is told its legal moves): each entry
 * passes the same who/when/target checks `apply` makes, so a control enabled for it is one the
 * server accepts, given valid details (levels, text).
 */
export function legalCommands(scenario: Scenario, view: View): readonly LegalAction[] {
  const actor = actorFor({ ...view.seat, name: "view" });
  if (!actor) return [];
  const actions: LegalAction[] = [];
  for (const type of Object.keys(RULES) as IntentType[]) {
    if (permitType(scenario, view, actor, type)) continue;
    const rule = RULES[type] as Rule<IntentType>;
    for (const target of rule.targets?.(scenario, view, actor) ?? [{}]) {
      const candidate = { ...target, type } as Intent;
      if (!rule.permit?.(scenario, view, actor, candidate)) actions.push({ ...target, type });
    }
  }
  return actions;
}
