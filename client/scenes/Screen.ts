import * as Phaser from "phaser";
import type { App } from "../app.ts";

/** Palette that stays distinguishable for colour-blind players (Okabe–Ito). */
export const COLORS = {
  us: 0x0072b2,
  cn: 0xd55e00,
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
    fontFamily: '"DejaVu Sans", system-ui, sans-serif',
    fontSize: `${Math.round(size)}px`,
    color,
  };
}

/** A team's colour on the board. */
export function teamColor(team: string): number {
  return team === "us" ? COLORS.us : team === "cn" ? COLORS.cn : COLORS.muted;
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

  /** Marks the page as showing this screen (CSS lays out canvas and panel per screen). */
  protected show(screen: string, title: string): void {
    document.body.className = `screen-${screen}`;
    document.title = `${title} — Trade Truce`;
    this.ui.replaceChildren();
    requestAnimationFrame(() => this.scale.refresh());
  }

  /** Redraws when the canvas is resized (projector, laptop, window changes). */
  protected onResize(draw: () => void): void {
    this.scale.on("resize", draw);
    this.events.once("shutdown", () => this.scale.off("resize", draw));
  }
}
