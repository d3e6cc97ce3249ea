import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { renderPlans } from "../../server/teaching-doc.ts";
import { CLASS_PLANS, matchSeconds, timeline } from "../../shared/index.ts";
import { scenario } from "./helpers.ts";

const plan = (id: string) => {
  const found = CLASS_PLANS.find((p) => p.id === id);
  if (!found) throw new Error(`No plan ${id}`);
  return found;
};

describe("class plans", () => {
  it("fits the 50-minute class: 5 minutes of preparation, 3 rounds, a 2-minute summit, 15 minutes left to debrief", () => {
    const fifty = plan("class-50");
    const steps = timeline(scenario, fifty);
    expect(steps[0]).toMatchObject({ phase: "preparation", seconds: 300, startsAt: 0 });
    expect(steps.filter((s) => s.phase === "summit")).toEqual([
      expect.objectContaining({ round: 3, seconds: 120, label: "Leaders' summit, Busan" }),
    ]);
    expect(Math.max(...steps.map((s) => s.round))).toBe(3);
    expect(matchSeconds(steps)).toBe(30 * 60);
    expect(50 - fifty.introMinutes - matchSeconds(steps) / 60).toBe(15);
  });

  it("fits the 90-minute class with implementation rounds, and leaves homework untimed", () => {
    const ninety = plan("class-90");
    const steps = timeline(scenario, ninety);
    expect(steps.filter((s) => s.round > ninety.rounds).length).toBe(
      ninety.implementationRounds * 4,
    );
    expect(90 - ninety.introMinutes - matchSeconds(steps) / 60).toBeGreaterThanOrEqual(15);
    const homework = timeline(scenario, plan("homework"));
    expect(homework.every((s) => s.seconds === undefined && s.startsAt === undefined)).toBe(true);
    expect(homework[0]?.phase).toBe("preparation");
    expect(matchSeconds(homework)).toBe(0);
  });

  it("starts each step when the one before it ends", () => {
    for (const p of CLASS_PLANS.filter((c) => c.timed)) {
      const steps = timeline(scenario, p);
      steps.slice(1).forEach((step, i) => {
        const before = steps[i];
        expect(step.startsAt).toBe((before?.startsAt ?? 0) + (before?.seconds ?? 0));
      });
    }
  });

  it("are documented in docs/teaching.md as the code computes them (npm run docs)", () => {
    const guide = readFileSync(resolve(import.meta.dirname, "../../docs/teaching.md"), "utf8");
    expect(guide).toContain(renderPlans());
    expect(renderPlans()).toContain("| 35:00 | Debrief | 15 minutes |");
  });
});
