import { CLASS_PLANS, KUALA_LUMPUR_2025, timelineRows } from "../shared/index.ts";

const START = "<!-- plans:start -->";
const END = "<!-- plans:end -->";

/** The class plans' timelines on the default scenario, as the teacher's guide prints them. */
export function renderPlans(): string {
  return CLASS_PLANS.map((plan) => {
    const rows = timelineRows(KUALA_LUMPUR_2025, plan, plan);
    const timed = plan.timed;
    return [
      `### ${plan.title}`,
      "",
      timed ? "| starts | step | phases |" : "| step | phases |",
      timed ? "|---|---|---|" : "|---|---|",
      ...rows.map((row) =>
        timed
          ? `| ${row.at ?? ""} | ${row.title} | ${row.detail} |`
          : `| ${row.title} | ${row.detail} |`,
      ),
    ].join("\n");
  }).join("\n\n");
}

/** The guide with its plans section (between the markers) written from the code. */
export function withPlans(guide: string): string {
  const start = guide.indexOf(START);
  const end = guide.indexOf(END);
  if (start < 0 || end < start) throw new Error(`docs/teaching.md needs ${START} and ${END}`);
  return `${guide.slice(0, start + START.length)}\n${renderPlans()}\n${guide.slice(end)}`;
}
