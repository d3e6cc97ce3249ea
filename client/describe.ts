import type { Package, Proposal, Scenario, View } from "../shared/index.ts";

/** An issue's level label. */
export function levelLabel(scenario: Scenario, issue: string, level: number | undefined): string {
  const found = scenario.issues.find((i) => i.id === issue);
  return found?.levels[level ?? -1]?.label ?? "—";
}

/** A team's display name. */
export function teamName(scenario: Scenario, team: string): string {
  return scenario.teams.find((t) => t.id === team)?.name ?? team;
}

/** What a package changes, in plain words, one line per change. */
export function describePackage(scenario: Scenario, view: View, pkg: Package): string[] {
  const lines = Object.entries(pkg.levels)
    .filter(([issue, level]) => view.levels[issue] !== level)
    .map(([issue, level]) => {
      const label = scenario.issues.find((i) => i.id === issue)?.label ?? issue;
      return `${label}: ${levelLabel(scenario, issue, view.levels[issue])} → ${levelLabel(scenario, issue, level)}`;
    });
  for (const c of pkg.commitments) {
    const unit = scenario.issues.find((i) => i.id === c.issue)?.delivery?.unit ?? "";
    const parts = c.instalments.map((i) => `${i.amount} ${unit} in round ${i.round}`).join(", ");
    lines.push(`${teamName(scenario, c.by)} delivers ${parts}`);
  }
  if (pkg.snapback) lines.push("Snapback if a delivery is missed");
  return lines.length ? lines : ["No change"];
}

/** A proposal's heading: who tabled it, when, and whether it counters another. */
export function proposalTitle(scenario: Scenario, p: Proposal): string {
  return `${p.id} · ${teamName(scenario, p.by)} · round ${p.round}${p.counterTo ? ` · counters ${p.counterTo}` : ""} · ${p.status}`;
}
