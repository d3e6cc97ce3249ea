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
import { formatFixed, t } from "../i18n.ts";

/** A whole number as the page's language writes it. */
const whole = (n: number | undefined) => formatFixed(n ?? 0);

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
    .filter((threat) => pkg.levels[threat.issue] !== undefined)
    .map((threat) =>
      t("table:preview.callOff", {
        issue: scenario.issues.find((i) => i.id === threat.issue)?.label ?? threat.issue,
        level: levelLabel(scenario, threat.issue, threat.level),
        round: threat.round,
      }),
    );
  const [noChange] = describePackage(scenario, agreed, {
    levels: {},
    commitments: [],
    snapback: false,
  });
  const lines = describePackage(scenario, agreed, pkg).filter(
    (line) => line !== noChange || !callOffs.length,
  );
  fill(changes, ...[...lines, ...callOffs].map((line) => h("li", {}, line)));
  if (!team) {
    fill(preview, t("table:preview.teamsOnly"));
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
      t("table:preview.utility", {
        before: whole(utility(scenario, team, agreed)),
        after: whole(utility(scenario, team, after)),
      }),
    ),
    h(
      "ul",
      {},
      ...scenario.constituencies
        .filter((c) => c.team === team)
        .map((c) =>
          h(
            "li",
            {},
            t("table:preview.meter", {
              label: c.label,
              before: whole(now[c.id]),
              after: whole(then[c.id]),
            }),
          ),
        ),
    ),
    h(
      "p",
      { class: "muted" },
      t("table:preview.cost", { cost: signingCost(scenario, view, team, pkg) }),
    ),
  );
}
