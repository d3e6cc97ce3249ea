import type { Package, Proposal, Scenario, View } from "../shared/index.ts";
import { hasText, t } from "./i18n.ts";

/** An issue's level label. */
export function levelLabel(scenario: Scenario, issue: string, level: number | undefined): string {
  const found = scenario.issues.find((i) => i.id === issue);
  return found?.levels[level ?? -1]?.label ?? "—";
}

/** A bot strategy's name in the page's language. */
export function strategyName(strategy: string): string {
  return hasText(`common:strategy.${strategy}`) ? t(`common:strategy.${strategy}`) : strategy;
}

/** A bot in a seat, as people read it: "A linear bot". */
export function botName(strategy: string): string {
  return t("common:bot", { strategy: strategyName(strategy) });
}

/** A team's display name. */
export function teamName(scenario: Pick<Scenario, "teams">, team: string): string {
  return scenario.teams.find((t) => t.id === team)?.name ?? team;
}

/** What a package changes from the given levels, in plain words, one line per change. */
export function describePackage(
  scenario: Scenario,
  before: View["levels"],
  pkg: Package,
): string[] {
  const lines = Object.entries(pkg.levels)
    .filter(([issue, level]) => before[issue] !== level)
    .map(([issue, level]) => {
      const label = scenario.issues.find((i) => i.id === issue)?.label ?? issue;
      return t("common:describe.change", {
        issue: label,
        from: levelLabel(scenario, issue, before[issue]),
        to: levelLabel(scenario, issue, level),
      });
    });
  for (const c of pkg.commitments) {
    const unit = scenario.issues.find((i) => i.id === c.issue)?.delivery?.unit ?? "";
    const parts = c.instalments
      .map((i) => t("common:describe.instalment", { amount: i.amount, unit, round: i.round }))
      .join(t("common:describe.listSeparator"));
    lines.push(t("common:describe.delivers", { team: teamName(scenario, c.by), parts }));
  }
  if (pkg.snapback) lines.push(t("common:describe.snapback"));
  return lines.length ? lines : [t("common:describe.noChange")];
}

/**
 * A proposal as what it changed against the levels agreed when it was tabled, with the threats it
 * would call off: true in the history and the replay as much as on the table.
 */
export function describeProposal(scenario: Scenario, p: Proposal): string[] {
  const lines = p.changes.map((c) => {
    const label = scenario.issues.find((i) => i.id === c.issue)?.label ?? c.issue;
    const values = {
      issue: label,
      from: levelLabel(scenario, c.issue, c.from),
      to: levelLabel(scenario, c.issue, c.to),
    };
    const move = t(c.from === c.to ? "common:describe.stays" : "common:describe.change", values);
    return c.cancels
      ? t("common:describe.callsOff", {
          move,
          threat: levelLabel(scenario, c.issue, c.cancels.level),
          round: c.cancels.round,
        })
      : move;
  });
  const rest = describePackage(scenario, {}, { ...p.package, levels: {} });
  return [...lines, ...rest.filter((line) => line !== t("common:describe.noChange"))];
}

/** A proposal's heading: who tabled it, when, and whether it counters another. */
export function proposalTitle(scenario: Scenario, p: Proposal): string {
  return t("common:describe.proposalTitle", {
    id: p.id,
    team: teamName(scenario, p.by),
    round: p.round,
    counters: p.counterTo ?? "none",
    status: t(`common:status.${p.status}`),
  });
}

/** A team's side: its place among the scenario's teams, which its colours follow (0 or 1). */
export function sideOf(scenario: Pick<Scenario, "teams">, team: string): number {
  return scenario.teams.findIndex((t) => t.id === team);
}

/** The CSS class of what belongs to a team (`side-0`, `side-1`): its colour in the panel. */
export function sideClass(scenario: Pick<Scenario, "teams">, team: string): string {
  return `side-${sideOf(scenario, team)}`;
}
