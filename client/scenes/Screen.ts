import * as Phaser from "phaser";
import type { Scenario } from "../../shared/index.ts";
import type { App } from "../app.ts";
import { sideOf } from "../describe.ts";
import { t } from "../i18n.ts";

/** Palette that stays distinguishable for colour-blind players (Okabe–Ito). */
export const COLORS = {
  /** The scenario's first team (the United States in the built-in scenarios) and its second. */
  first: 0x0072b2,
  second: 0xd55e00,
  ok: 0x009e73,
  warn: 0xcc79a7,
  gold: 0xf0e442,
  sky: 0x56b4e9,
  ink: 0xf2f4f8,
  muted: 0xa9b3c4,
  line: 0x2b3a52,
  bg: 0x0f1724,
} as const;

/** The text style of the board: readable on a projector. */
export function textStyle(
  size: number,
  color = "#f2f4f8",
): Phaser.Types.GameObjects.Text.TextStyle {
  return {
    fontFamily: '"DejaVu Sans", "Noto Sans CJK SC", system-ui, sans-serif',
    fontSize: `${Math.round(size)}px`,
    color,
  };
}

/** The smallest text a canvas draws, in CSS pixels (legible on a laptop at 1280×720). */
export const MIN_TEXT = 14;

/** A text size never under the legible minimum. */
export const px = (size: number) => Math.max(MIN_TEXT, size);

/** A team's colour on the board: the first team's or the second's. */
export function teamColor(scenario: Pick<Scenario, "teams">, team: string): number {
  return [COLORS.first, COLORS.second][sideOf(scenario, team)] ?? COLORS.muted;
}

/** A team's colour for text on the canvas, lighter than its board colour. */
export function teamTextColor(scenario: Pick<Scenario, "teams">, team: string): string {
  return ["#56b4e9", "#ff9f5a"][sideOf(scenario, team)] ?? "#a9b3c4";
}

/**
 * Clears a scene for a redraw: every game object destroyed, not only removed from the display list
 * (a removed text keeps its canvas in Phaser's pool and its texture, for good: a board redrawn on
 * every update would grow without end).
 */
export function clearScene(scene: Phaser.Scene): void {
  for (const child of [...scene.children.list]) child.destroy();
}

/**
 * A screen: a Phaser scene that draws on the canvas and owns the HTML overlay (`#ui`), where every
 * control is a real, labelled element reachable by keyboard.
 */
export abstract class Screen extends Phaser.Scene {
  protected get app(): App {
    return this.registry.get("app") as App;
  }

  protected get ui(): HTMLElement {
    const ui = document.getElementById("ui");
    if (!ui) throw new Error("No #ui element");
    return ui;
  }

  /**
   * Marks the page as showing this screen (CSS lays out canvas and panel per screen) at an address
   * (location hash): a new address is a new browser history entry, so Back returns to the last screen.
   */
  protected show(screen: string, title: string, address = ""): void {
    document.body.className = `screen-${screen}`;
    document.body.dataset.address = address;
    document.title = t("common:documentTitle", { title });
    if (address && location.hash !== address) location.hash = address;
    this.ui.replaceChildren();
    this.ui.scrollTop = 0;
    document.getElementById("toasts")?.replaceChildren();
    requestAnimationFrame(() => this.scale.refresh());
  }

  /** Redraws when the canvas is resized (projector, laptop, window changes). */
  protected onResize(draw: () => void): void {
    this.scale.on("resize", draw);
    this.events.once("shutdown", () => this.scale.off("resize", draw));
  }
}
