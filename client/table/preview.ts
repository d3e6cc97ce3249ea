import {
  agreedLevels,
  metersFor,
  openThreats,
  type Package,
  signingCost,
  utility,
} from "../../shared/index.ts";
import type { Known } from "../board.ts";
import { describePackage, levelLabel } from "../describe.ts";
import { fill, h } from "../dom.ts";

/**
 * What a package changes against the levels in force, and what it would do for the seat's team:
 * its brief's utility, each constituency's pressure and the lead's signing cost, with the rules the
 * server runs.
 */
export function renderPreview(
  preview: HTMLElement,
  changes: HTMLElement,
  known: Known,
  team: string | undefined,
  pkg: Package,
): void {
  const { scenario, view } = known;
  const agreed = agreedLevels(view);
  const callOffs = openThreats(view)
    .filter((t) => pkg.levels[t.issue] !== undefined)
    .map(
      (t) =>
        `${scenario.issues.find((i) => i.id === t.issue)?.label}: calls off the threat of ${levelLabel(scenario, t.issue, t.level)} from round ${t.round}`,
    );
  const lines = describePackage(scenario, agreed, pkg).filter(
    (line) => line !== "No change" || !callOffs.length,
  );
  fill(changes, ...[...lines, ...callOffs].map((line) => h("li", {}, line)));
  if (!team) {
    fill(preview, "Previews are for team seats.");
    return;
  }
  const after = { ...agreed, ...pkg.levels };
  const now = metersFor(scenario, view, team, agreed);
  const then = metersFor(scenario, view, team, after);
  fill(
    preview,
    h(
      "p",
      {},
      `Your brief's utility: ${utility(scenario, team, agreed).toFixed(0)} → ${utility(scenario, team, after).toFixed(0)} (of 100) for every round it is in force`,
    ),
    h(
      "ul",
      {},
      ...scenario.constituencies
        .filter((c) => c.team === team)
        .map((c) =>
          h("li", {}, `${c.label}: ${now[c.id]?.toFixed(0)} → ${then[c.id]?.toFixed(0)}`),
        ),
    ),
    h(
      "p",
      { class: "muted" },
      `Signing this would cost your lead ${signingCost(scenario, view, team, pkg)} capital.`,
    ),
  );
}
