import {
  agreedLevels,
  type Issue,
  type LegalAction,
  type Levels,
  lastRound,
  readout,
  trustEffects,
} from "../../shared/index.ts";
import type { Known } from "../board.ts";
import { levelLabel } from "../describe.ts";
import { fill, h } from "../dom.ts";
import { formatFixed, t } from "../i18n.ts";
import type { Part } from "./part.ts";

/** What the board's keyboard tracks drive: the package being built. */
export type TrackInput = {
  /** The level the package gives an issue, if it changes it. */
  draft(): Levels | undefined;
  pick(issue: string, level: number): void;
  /** The track the keyboard is on, for the board to ring. */
  focus(issue: string | undefined): void;
  /** Enter on a track: go to the button that tables the package. */
  done(): void;
};

const STEPS: Record<string, (level: number, top: number) => number> = {
  ArrowRight: (l) => l + 1,
  ArrowUp: (l) => l + 1,
  ArrowLeft: (l) => l - 1,
  ArrowDown: (l) => l - 1,
  Home: () => 0,
  End: (_, top) => top,
};

/**
 * The board in words, for screen readers and tests (which cannot read the canvas). For a seat that
 * builds packages, each negotiable issue is also a slider: arrow keys set its level in the package.
 */
export class BoardSummary implements Part {
  readonly element = h("section", {
    id: "board-summary",
    class: "visually-hidden",
    "aria-label": t("table:summary.label"),
  });
  private readonly intro = h("div");
  private readonly list = h("ul");
  private readonly items = new Map<string, { item: HTMLElement; slider?: HTMLElement }>();

  constructor(private readonly input: TrackInput | undefined) {
    this.element.append(this.intro, this.list);
  }

  render(known: Known, _legal: readonly LegalAction[]): void {
    const { view, scenario } = known;
    const effects = trustEffects(view.trust);
    fill(
      this.intro,
      h(
        "p",
        {},
        t("table:summary.intro", {
          round: view.round,
          last: lastRound(view),
          summit: view.rounds,
          phase: t(`common:phase.${view.phase}`),
          market: formatFixed(view.market.index, 1),
          trust: Math.round(view.trust),
          signing: formatFixed(effects.signing, 2),
          noise: Math.round(effects.noise * 100),
        }),
      ),
      ...scenario.readouts.map((figure) =>
        h(
          "p",
          { "data-readout": figure.id },
          t("table:summary.readout", {
            label: figure.label,
            value: readout(scenario, figure, view.levels),
            unit: figure.unit,
          }),
        ),
      ),
    );
    const draft = this.input?.draft();
    const agreed = agreedLevels(view);
    for (const issue of scenario.issues) {
      const entry = this.items.get(issue.id) ?? this.add(issue);
      entry.item.firstChild?.replaceWith(
        `${issue.label}: ${levelLabel(scenario, issue.id, view.levels[issue.id])}`,
      );
      const level = draft?.[issue.id] ?? agreed[issue.id] ?? 0;
      entry.slider?.setAttribute("aria-valuenow", String(level));
      entry.slider?.setAttribute("aria-valuetext", levelLabel(scenario, issue.id, level));
      if (entry.slider) entry.slider.dataset.level = String(level);
    }
  }

  private add({ id: issue, label, levels, domestic }: Issue) {
    const item = h("li", { "data-issue": issue }, "");
    const input = this.input;
    const top = levels.length - 1;
    const slider =
      input && !domestic
        ? h("span", {
            role: "slider",
            tabindex: 0,
            "aria-label": t("table:summary.slider", { issue: label }),
            "aria-valuemin": 0,
            "aria-valuemax": top,
          })
        : undefined;
    if (slider && input) {
      slider.addEventListener("focus", () => input.focus(issue));
      slider.addEventListener("blur", () => input.focus(undefined));
      slider.addEventListener("keydown", (e) => {
        if (e.key === "Enter") {
          e.preventDefault();
          input.done();
          return;
        }
        const step = STEPS[e.key];
        if (!step) return;
        e.preventDefault();
        const level = Math.max(0, Math.min(top, step(Number(slider.dataset.level), top)));
        input.pick(issue, level);
      });
      item.append(slider);
    }
    this.list.append(item);
    const entry = { item, slider };
    this.items.set(issue, entry);
    return entry;
  }
}
