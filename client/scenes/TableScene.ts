import {
  agreedLevels,
  type Intent,
  type LegalAction,
  lastRound,
  legalCommands,
  metersFor,
  openThreats,
  type Package,
  readout,
  roundPlan,
  type Scenario,
  signingCost,
  trustEffects,
  utility,
  type View,
} from "../../shared/index.ts";
import type { Known } from "../board.ts";
import { type Box, plotLine } from "../charts.ts";
import {
  describePackage,
  describeProposal,
  levelLabel,
  proposalTitle,
  teamName,
} from "../describe.ts";
import { errorArea, field, fill, h, select } from "../dom.ts";
import { type Replay, SPEEDS, type TableSource } from "../replay.ts";
import { COLORS, Screen, teamColor, textStyle } from "./Screen.ts";

const TABS = [
  "Proposals",
  "Build",
  "Moves",
  "Deliver",
  "Team chat",
  "Table chat",
  "Statements",
  "Log",
  "Brief",
] as const;
type Tab = (typeof TABS)[number];

/** Plain words for a refusal: the server's message without its code. */
const plain = (message: string) => message.replace(/^[a-z]+\/[a-z-]+: /, "");

/**
 * The negotiation table: the canvas draws every issue as a track, the team's meters, the market
 * and the news; the panel holds every control, enabled from `legalCommands` of the seat's view.
 */
export class TableScene extends Screen {
  private source!: TableSource;
  private known: Known | undefined;
  private legal: readonly LegalAction[] = [];
  private tab: Tab = "Proposals";
  private readonly panels = new Map<Tab, HTMLElement>();
  private readonly tabButtons = new Map<Tab, HTMLButtonElement>();
  private readonly builder = new Map<string, HTMLSelectElement>();
  private header!: HTMLElement;
  private summary!: HTMLElement;
  private draftLevels: Record<string, number> | undefined;
  private unsubscribe: (() => void) | undefined;

  constructor() {
    super("TableScene");
  }

  init(data: { source: TableSource }): void {
    this.source = data.source;
    this.known = undefined;
    this.panels.clear();
    this.tabButtons.clear();
    this.builder.clear();
    this.draftLevels = undefined;
    this.briefsShown = "";
  }

  create(): void {
    this.show("table", "Table");
    location.hash = this.source.address;
    if (this.source.seat.kind === "facilitator") this.tab = "Proposals";
    this.header = h("div");
    this.summary = h("section", {
      id: "board-summary",
      class: "visually-hidden",
      "aria-label": "The board in words",
    });
    const tabs = h("div", { class: "tabs", role: "tablist", "aria-label": "Table controls" });
    this.ui.append(this.summary);
    if (this.source.replay) this.ui.append(this.replayBar(this.source.replay));
    this.ui.append(this.header, tabs);
    for (const tab of TABS) {
      const id = `tab-${tab.replace(/\W+/g, "-").toLowerCase()}`;
      const button = h(
        "button",
        { role: "tab", id, "aria-controls": `${id}-panel`, onclick: () => this.select(tab) },
        tab,
      );
      const panel = h("section", { role: "tabpanel", id: `${id}-panel`, "aria-labelledby": id });
      this.tabButtons.set(tab, button);
      this.panels.set(tab, panel);
      tabs.append(button);
      this.ui.append(panel);
    }
    this.select(this.tab);
    this.onResize(() => this.draw());
    this.time.addEvent({ delay: 500, loop: true, callback: () => this.drawClock() });
    this.unsubscribe = this.source.subscribe((known) => this.onState(known));
    this.events.once("shutdown", () => this.unsubscribe?.());
  }

  private replayControls:
    | { position: HTMLInputElement; play: HTMLButtonElement; status: HTMLElement }
    | undefined;

  /** The replay's controls: step, play, jump to a round, scrub the timeline, speed and perspective. */
  private replayBar(replay: Replay): HTMLElement {
    const position = h("input", {
      type: "range",
      min: 0,
      max: replay.length,
      value: replay.at,
      "aria-label": "Position in the match",
      oninput: (e: Event) => replay.seek(Number((e.target as HTMLInputElement).value)),
    });
    const play = h(
      "button",
      { class: "primary", onclick: () => (replay.playing ? replay.pause() : replay.play()) },
      "Play",
    );
    const status = h("p", { id: "replay-status", "aria-live": "polite" });
    const round = select(
      Array.from(
        { length: lastRound(replay.log.header.settings) },
        (_, r) => [String(r + 1), `Round ${r + 1}`] as const,
      ),
      undefined,
      {
        "aria-label": "Jump to round",
        onchange: (e: Event) =>
          replay.seek(replay.roundStart(Number((e.target as HTMLSelectElement).value))),
      },
    );
    const speed = select(
      SPEEDS.map((s) => [String(s), `${s} entries a second`]),
      String(replay.speed),
      {
        "aria-label": "Playback speed",
        onchange: (e: Event) => {
          replay.speed = Number((e.target as HTMLSelectElement).value) as Replay["speed"];
          if (replay.playing) replay.play();
        },
      },
    );
    const leads = replay.scenario.teams.map(
      (t) =>
        [
          `${t.id}:${t.roles.find((r) => r.lead)?.id ?? t.roles[0]?.id}`,
          `As ${t.name} saw it`,
        ] as const,
    );
    const perspective = select(
      [["facilitator", "As the facilitator saw it"], ...leads],
      "facilitator",
      {
        "aria-label": "Perspective",
        onchange: (e: Event) => {
          const [team, role] = (e.target as HTMLSelectElement).value.split(":");
          replay.view(team && role ? { kind: "team", team, role } : { kind: "facilitator" });
        },
      },
    );
    const marks = h(
      "div",
      { class: "marks", "aria-hidden": "true" },
      ...replay.markers().map((m) =>
        h("span", {
          class: `mark ${m.kind}`,
          style: `left:${(100 * m.seq) / Math.max(1, replay.length)}%`,
          title: m.label,
        }),
      ),
    );
    const copy = replay.matchId
      ? h(
          "button",
          {
            onclick: () =>
              void navigator.clipboard?.writeText(`${location.origin}/${replay.address}`),
          },
          "Copy link to this moment",
        )
      : undefined;
    this.replayControls = { position, play, status };
    return h(
      "section",
      { class: "item", "aria-label": "Replay controls" },
      h("h2", {}, "Replay"),
      h(
        "div",
        {},
        h("button", { onclick: () => replay.seek(0), "aria-label": "To the start" }, "|◀"),
        h("button", { onclick: () => replay.step(-1), "aria-label": "Back one command" }, "◀"),
        play,
        h("button", { onclick: () => replay.step(1), "aria-label": "Forward one command" }, "▶"),
        h(
          "button",
          { onclick: () => replay.seek(replay.length), "aria-label": "To the end" },
          "▶|",
        ),
      ),
      marks,
      position,
      h("div", { class: "row" }, round, speed, perspective),
      status,
      copy,
      h("button", { onclick: () => this.scene.start("LobbyScene") }, "Close the replay"),
    );
  }

  private updateReplayBar(replay: Replay): void {
    const controls = this.replayControls;
    if (!controls) return;
    controls.position.value = String(replay.at);
    controls.play.textContent = replay.playing ? "Pause" : "Play";
    const state = this.known?.view;
    controls.status.textContent = `Entry ${replay.at} of ${replay.length}${state ? ` · round ${state.round}, ${state.phase}` : ""} · verified, final hash ${replay.finalHash.slice(0, 12)}…`;
    controls.status.dataset.finalHash = replay.finalHash;
  }

  private select(tab: Tab): void {
    const redraw = (this.tab === "Build") !== (tab === "Build");
    this.tab = tab;
    if (redraw) this.draw();
    for (const [name, button] of this.tabButtons)
      button.setAttribute("aria-selected", String(name === tab));
    for (const [name, panel] of this.panels) panel.hidden = name !== tab;
  }

  private get myTeam(): string | undefined {
    const seat = this.source.seat;
    return seat.kind === "player" ? seat.team : undefined;
  }

  /** Whether the seat may send an intent now, at a target (a proposal, issue, commitment...) if one is named. */
  private can(type: string | undefined, target?: string): boolean {
    return this.legal.some(
      (a) =>
        a.type === type &&
        (target === undefined || Object.entries(a).some(([k, v]) => k !== "type" && v === target)),
    );
  }

  /** Sends an intent and shows a refusal next to the control that sent it. */
  private async act(intent: Intent, error: HTMLElement): Promise<boolean> {
    error.textContent = "";
    const result = await this.source.send(intent);
    if (!result.ok) error.textContent = plain(result.message);
    return result.ok;
  }

  private onState(known: Known): void {
    const first = !this.known;
    this.known = known;
    this.legal = this.source.replay ? [] : legalCommands(known.scenario, known.view);
    if (this.source.replay) {
      this.updateReplayBar(this.source.replay);
      history.replaceState(null, "", this.source.address);
    } else if (known.view.phase === "ended" && this.source.seat.kind !== "facilitator") {
      this.scene.start("DebriefScene", { connection: this.source });
      return;
    }
    if (first) this.buildForms(known);
    this.renderPanels(known);
    this.draw();
  }

  // ——— canvas ———

  private draw(): void {
    const known = this.known;
    this.children.removeAll();
    this.clockText = undefined;
    if (!known) return;
    const { view, scenario } = known;
    const { width, height } = this.scale;
    const pad = Math.max(12, width * 0.02);
    const size = Math.max(12, Math.min(24, width / 50));
    const g = this.add.graphics();
    g.fillStyle(COLORS.bg).fillRect(0, 0, width, height);
    const plan = roundPlan(scenario, view.rounds, view.round);
    this.add.text(
      pad,
      pad,
      `Round ${view.round} of ${lastRound(view)} — ${plan.label}`,
      textStyle(size * 1.15),
    );
    this.add.text(
      pad,
      pad + size * 1.6,
      `${view.phase.toUpperCase()}${view.paused ? " · PAUSED" : ""}${plan.date ? ` · ${plan.date}` : ""}`,
      textStyle(size * 0.85, "#a9b3c4"),
    );
    const top = pad + size * 3.4;
    const ticker = size * 2;
    const bottom = height - ticker - pad;
    const tracksWidth = (width - 3 * pad) * 0.62;
    this.drawTracks(g, { x: pad, y: top, w: tracksWidth, h: bottom - top }, known, size);
    const sideX = pad * 2 + tracksWidth;
    const sideW = width - sideX - pad;
    const chartH = (bottom - top) * 0.26;
    this.drawMarket(g, { x: sideX, y: top + size * 1.2, w: sideW, h: chartH }, view, size);
    this.drawTrust(g, sideX, top + size * 2.4 + chartH, sideW, view, size);
    const metersTop = top + size * 5 + chartH;
    this.drawMeters(g, { x: sideX, y: metersTop, w: sideW, h: bottom - metersTop }, known, size);
    this.drawTicker(g, pad, bottom + pad / 2, width - 2 * pad, ticker, view, size);
    this.drawClock();
  }

  private clockText: Phaser.GameObjects.Text | undefined;

  /** The phase countdown, redrawn every half second. */
  private drawClock(): void {
    const decoded = this.known?.decoded;
    if (!decoded) return;
    const { width } = this.scale;
    const pad = Math.max(12, width * 0.02);
    const size = Math.max(12, Math.min(24, width / 50));
    const ms = decoded.paused
      ? decoded.remainingMs
      : decoded.deadlineAt
        ? decoded.deadlineAt - Date.now()
        : -1;
    const text =
      ms < 0
        ? decoded.timed || decoded.phase === "ended"
          ? ""
          : "untimed"
        : `${Math.floor(ms / 60000)}:${String(Math.floor((Math.max(0, ms) % 60000) / 1000)).padStart(2, "0")}`;
    if (!this.clockText?.active)
      this.clockText = this.add
        .text(width - pad, pad, "", textStyle(size * 1.6, "#f0e442"))
        .setOrigin(1, 0);
    this.clockText.setText(text);
  }

  private drawMarket(g: Phaser.GameObjects.Graphics, box: Box, view: View, size: number): void {
    this.add.text(
      box.x,
      box.y - size * 1.2,
      `Market index ${view.market.index.toFixed(1)}`,
      textStyle(size * 0.85),
    );
    g.lineStyle(1, COLORS.line).strokeRect(box.x, box.y, box.w, box.h);
    plotLine(g, box, [...view.market.history, view.market.index], COLORS.sky);
  }

  private drawTrust(
    g: Phaser.GameObjects.Graphics,
    x: number,
    y: number,
    w: number,
    view: View,
    size: number,
  ): void {
    this.add.text(x, y, `Trust ${Math.round(view.trust)}`, textStyle(size * 0.85));
    g.fillStyle(COLORS.line).fillRect(x, y + size * 1.2, w, size * 0.6);
    g.fillStyle(COLORS.ok).fillRect(x, y + size * 1.2, (w * view.trust) / 100, size * 0.6);
  }

  private drawTracks(g: Phaser.GameObjects.Graphics, box: Box, known: Known, size: number): void {
    const { x, y, w, h: hgt } = box;
    const { view, scenario } = known;
    const row = hgt / scenario.issues.length;
    const text = Math.min(size * 0.8, row * 0.34);
    const pending = view.agreements
      .filter((a) => a.status === "pending")
      .flatMap((a) => Object.entries(a.levels));
    const open = view.proposals
      .filter((p) => p.status === "open")
      .flatMap((p) =>
        Object.entries(p.package.levels).filter(([id, level]) => view.levels[id] !== level),
      );
    const trackW = w * 0.42;
    scenario.issues.forEach((issue, i) => {
      const y0 = y + row * i;
      const cy = y0 + row * 0.68;
      const color = teamColor(issue.holder);
      g.fillStyle(color).fillRect(x, y0 + row * 0.12, 5, row * 0.76);
      this.add.text(x + 12, y0 + row * 0.06, issue.label, textStyle(text));
      const current = view.levels[issue.id] ?? issue.start;
      const x0 = x + 12 + Math.max(6, row * 0.16);
      const step = (trackW - 2 * (x0 - x)) / (issue.levels.length - 1);
      const r = Math.max(4, Math.min(row * 0.15, 10));
      g.lineStyle(2, COLORS.line).lineBetween(x0, cy, x0 + step * (issue.levels.length - 1), cy);
      issue.levels.forEach((_, level) => {
        const cx = x0 + step * level;
        g.fillStyle(COLORS.bg).fillCircle(cx, cy, r);
        g.lineStyle(2, COLORS.muted).strokeCircle(cx, cy, r);
        if (level === issue.start) g.lineStyle(1, COLORS.ink).strokeCircle(cx, cy, r + 3);
      });
      g.fillStyle(color).fillCircle(x0 + step * current, cy, r);
      for (const [id, level] of open)
        if (id === issue.id) g.lineStyle(2, COLORS.sky).strokeCircle(x0 + step * level, cy, r + 5);
      for (const [id, level] of pending)
        if (id === issue.id) g.lineStyle(3, COLORS.ok).strokeCircle(x0 + step * level, cy, r + 6);
      const draft = this.tab === "Build" ? this.draftLevels?.[issue.id] : undefined;
      if (draft !== undefined && draft !== current)
        g.lineStyle(3, COLORS.gold).strokeCircle(x0 + step * draft, cy, r + 8);
      for (const threat of view.threats.filter((t) => t.issue === issue.id)) {
        const tx = x0 + step * threat.level;
        g.fillStyle(COLORS.warn).fillTriangle(tx - r, cy - r - 8, tx + r, cy - r - 8, tx, cy - r);
      }
      const threat = view.threats.find((t) => t.issue === issue.id);
      const note = threat
        ? `  ▼ round ${threat.round}: ${levelLabel(scenario, issue.id, threat.level)}`
        : "";
      this.add
        .text(
          x + trackW + 4,
          cy - text * 0.7,
          `${levelLabel(scenario, issue.id, current)}${note}`,
          textStyle(text * 0.85, threat ? "#e7a9cf" : "#a9b3c4"),
        )
        .setWordWrapWidth(w - trackW - 4)
        .setMaxLines(2);
    });
  }

  private drawMeters(g: Phaser.GameObjects.Graphics, box: Box, known: Known, size: number): void {
    const { x, y, w, h: hgt } = box;
    const { view, scenario } = known;
    const teams = scenario.teams.filter((t) => view.teams[t.id]?.private);
    const rows = teams.reduce(
      (n, t) => n + scenario.constituencies.filter((c) => c.team === t.id).length + 1.5,
      0,
    );
    if (!rows) {
      this.add
        .text(
          x,
          y,
          "Each team sees its own constituencies here.",
          textStyle(size * 0.75, "#a9b3c4"),
        )
        .setWordWrapWidth(w);
      return;
    }
    const rowH = Math.min(size * 2.2, hgt / rows);
    let cy = y;
    for (const team of teams) {
      const own = view.teams[team.id]?.private;
      if (!own) continue;
      this.add.text(
        x,
        cy,
        `${team.name} · pressure · capital ${own.capital.toFixed(0)}`,
        textStyle(Math.min(size * 0.8, rowH * 0.55), "#a9b3c4"),
      );
      cy += rowH * 1.2;
      for (const c of scenario.constituencies.filter((k) => k.team === team.id)) {
        const value = own.meters[c.id] ?? 0;
        this.add.text(
          x,
          cy,
          `${c.label} ${value.toFixed(0)}`,
          textStyle(Math.min(size * 0.72, rowH * 0.42)),
        );
        g.fillStyle(COLORS.line).fillRect(x, cy + rowH * 0.48, w, rowH * 0.3);
        g.fillStyle(value >= 70 ? COLORS.warn : value >= 50 ? COLORS.gold : COLORS.ok).fillRect(
          x,
          cy + rowH * 0.48,
          (w * value) / 100,
          rowH * 0.3,
        );
        cy += rowH;
      }
      cy += rowH * 0.3;
    }
  }

  private drawTicker(
    g: Phaser.GameObjects.Graphics,
    x: number,
    y: number,
    w: number,
    hgt: number,
    view: View,
    size: number,
  ): void {
    g.fillStyle(0x000000, 0.6).fillRect(x, y, w, hgt);
    const latest = view.news.at(-1);
    if (!latest) return;
    const text = this.add.text(
      x + w,
      y + hgt * 0.22,
      `NEWS · ${latest.title} — ${latest.text}`,
      textStyle(size * 0.85, "#f0e442"),
    );
    const mask = this.add.graphics().fillRect(x, y, w, hgt).setVisible(false);
    text.setMask(mask.createGeometryMask());
    this.tweens.add({
      targets: text,
      x: x - text.width,
      duration: Math.max(8000, text.width * 18),
      repeat: -1,
    });
  }

  // ——— panel ———

  private buildForms(known: Known): void {
    const { scenario } = known;
    this.buildBuilder(scenario, known.view);
    this.buildChat("Team chat", "chat/team", "Message to your team (the other team never sees it)");
    this.buildChat("Table chat", "chat/table", "Message across the table");
    this.buildStatements();
  }

  /**
   * The package the builder describes: the issues whose chosen level differs from the agreed one,
   * and the threats the seat ticked to call off (DESIGN: packages name only what they change).
   */
  private builderPackage(): Package {
    const agreed = this.known ? agreedLevels(this.known.view) : {};
    const levels: Record<string, number> = {};
    for (const [issue, control] of this.builder)
      if (Number(control.value) !== agreed[issue]) levels[issue] = Number(control.value);
    const callOffs =
      this.panels.get("Build")?.querySelectorAll<HTMLInputElement>("[data-call-off]") ?? [];
    for (const box of callOffs) {
      const issue = box.dataset.callOff ?? "";
      if (box.checked && levels[issue] === undefined) levels[issue] = agreed[issue] ?? 0;
    }
    const commitments = [];
    const rounds =
      this.panels.get("Build")?.querySelectorAll<HTMLElement>("[data-instalment]") ?? [];
    for (const row of rounds) {
      const amount = Number(row.querySelector<HTMLInputElement>("input")?.value ?? 0);
      const round = Number(row.querySelector<HTMLSelectElement>("select")?.value ?? 0);
      const issue = row.dataset.instalment ?? "";
      const by = this.known?.scenario.issues.find((i) => i.id === issue)?.holder ?? "";
      if (amount > 0) commitments.push({ issue, by, instalments: [{ round, amount }] });
    }
    const merged = Object.values(
      commitments.reduce<Record<string, Package["commitments"][number]>>((all, c) => {
        const prior = all[c.issue];
        all[c.issue] = prior
          ? { ...prior, instalments: [...prior.instalments, ...c.instalments] }
          : c;
        return all;
      }, {}),
    );
    const snapback =
      this.panels.get("Build")?.querySelector<HTMLInputElement>("#snapback")?.checked ?? false;
    return { levels, commitments: merged, snapback };
  }

  private buildBuilder(scenario: Scenario, view: View): void {
    const panel = this.panels.get("Build");
    if (!panel) return;
    const preview = h("div", { class: "item", "aria-live": "polite" });
    const error = errorArea();
    const onChange = () => {
      this.draftLevels = this.builderPackage().levels;
      this.renderPreview(preview);
      this.draw();
    };
    const issues = scenario.teams.map((team) =>
      h(
        "fieldset",
        {},
        h("legend", {}, `${team.name}'s levers`),
        ...scenario.issues
          .filter((i) => i.holder === team.id && !i.domestic)
          .map((issue) => {
            const control = select(
              issue.levels.map((l, k) => [String(k), l.label]),
              String(agreedLevels(view)[issue.id] ?? issue.start),
              { onchange: onChange },
            );
            this.builder.set(issue.id, control);
            const threat = openThreats(view).find((t) => t.issue === issue.id);
            const callOff =
              threat &&
              h(
                "label",
                {},
                h("input", {
                  type: "checkbox",
                  style: "width:auto",
                  "data-call-off": issue.id,
                  onchange: onChange,
                }),
                ` Call off the threat: ${levelLabel(scenario, issue.id, threat.level)} from round ${threat.round}${threat.date ? ` (${threat.date})` : ""}`,
              );
            return h("div", {}, field(issue.label, control), callOff);
          }),
      ),
    );
    const deliverable = scenario.issues.filter((i) => i.delivery);
    const instalments = deliverable.flatMap((issue) =>
      [0, 1].map((k) => {
        const round = select(
          Array.from(
            { length: lastRound(view) },
            (_, r) => [String(r + 1), `round ${r + 1}`] as const,
          ),
          String(Math.min(lastRound(view), view.round + k)),
          { "aria-label": `${issue.label}: instalment ${k + 1} round` },
        );
        const amount = h("input", {
          type: "number",
          min: 0,
          step: 1,
          value: 0,
          "aria-label": `${issue.label}: instalment ${k + 1} amount (${issue.delivery?.unit})`,
          onchange: onChange,
        });
        return h(
          "div",
          { class: "row", "data-instalment": issue.id },
          h("span", {}, `${issue.label}, instalment ${k + 1} (${issue.delivery?.unit})`),
          amount,
          round,
        );
      }),
    );
    const snapback = h("input", {
      type: "checkbox",
      id: "snapback",
      style: "width:auto",
      onchange: onChange,
    });
    const note = h("input", { maxlength: 280 });
    const submit = async (event: Event) => {
      const button = event.currentTarget as HTMLButtonElement;
      const pkg = this.builderPackage();
      const text = note.value.trim() || undefined;
      const counter =
        button.dataset.intent === "proposal/counter" ? button.dataset.target : undefined;
      const intent: Intent = counter
        ? { type: "proposal/counter", proposalId: counter, package: pkg, note: text }
        : { type: "proposal/table", package: pkg, note: text };
      if (!(await this.act(intent, error))) return;
      Object.assign(button.dataset, { intent: "proposal/table" });
      delete button.dataset.target;
      button.textContent = "Table this proposal";
      this.select("Proposals");
    };
    const draft = async () => {
      await this.act(
        {
          type: "draft/save",
          title: note.value.trim() || `Draft, round ${this.known?.view.round}`,
          package: this.builderPackage(),
        },
        error,
      );
    };
    panel.append(
      h(
        "p",
        { class: "muted" },
        "Pick levels on both sides' issues. The preview uses the same rules as the server.",
      ),
      ...issues,
      h(
        "fieldset",
        {},
        h("legend", {}, "Deliveries"),
        ...instalments,
        h("label", {}, snapback, " Snapback if a delivery is missed"),
      ),
      field("Note to the other team (optional)", note),
      h(
        "button",
        {
          "data-intent": "proposal/table",
          class: "primary",
          id: "table-proposal",
          onclick: submit,
        },
        "Table this proposal",
      ),
      h(
        "button",
        { id: "save-draft", "data-intent": "draft/save", onclick: draft },
        "Save as team draft",
      ),
      error,
      h("h3", {}, "What it would do for you"),
      preview,
    );
    this.renderPreview(preview);
  }

  private renderPreview(preview: HTMLElement): void {
    const known = this.known;
    const team = this.myTeam;
    if (!known || !team) {
      fill(preview, "Previews are for team seats.");
      return;
    }
    const pkg = this.builderPackage();
    const { scenario, view } = known;
    const agreed = agreedLevels(view);
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
      h("ul", {}, ...describePackage(scenario, agreed, pkg).map((line) => h("li", {}, line))),
    );
  }

  private buildChat(tab: Tab, type: "chat/team" | "chat/table", label: string): void {
    const panel = this.panels.get(tab);
    if (!panel) return;
    const log = h("div", {
      class: "chat",
      "data-log": type,
      tabindex: 0,
      "aria-label": `${tab} messages`,
    });
    const input = h("input", { maxlength: 500 });
    const error = errorArea();
    const send = async () => {
      if (!input.value.trim()) return;
      if (await this.act({ type, text: input.value }, error)) input.value = "";
    };
    input.addEventListener("keydown", (e) => (e as KeyboardEvent).key === "Enter" && void send());
    panel.append(
      log,
      field(label, input),
      h("button", { "data-intent": type, onclick: send }, "Send"),
      error,
    );
  }

  private buildStatements(): void {
    const panel = this.panels.get("Statements");
    if (!panel) return;
    const log = h("div", {
      class: "chat",
      "data-log": "statements",
      tabindex: 0,
      "aria-label": "Public statements",
    });
    const input = h("input", { maxlength: 280 });
    const tone = select([
      ["conciliatory", "Conciliatory (markets like it)"],
      ["firm", "Firm (plays well at home)"],
    ]);
    const error = errorArea();
    const send = async () => {
      if (
        await this.act(
          {
            type: "statement/make",
            text: input.value,
            tone: tone.value as "firm" | "conciliatory",
          },
          error,
        )
      )
        input.value = "";
    };
    panel.append(
      log,
      field("Statement to the press", input),
      field("Tone", tone),
      h("button", { "data-intent": "statement/make", onclick: send }, "Make statement"),
      error,
    );
  }

  private renderPanels(known: Known): void {
    const { view, scenario } = known;
    const seat = this.source.seat;
    const error = errorArea();
    const me =
      seat.kind === "player"
        ? `${teamName(scenario, seat.team)} — ${scenario.teams.find((t) => t.id === seat.team)?.roles.find((r) => r.id === seat.role)?.title} (${seat.name})`
        : seat.kind === "facilitator"
          ? "Facilitator"
          : "Observer";
    const ready = this.myTeam ? view.teams[this.myTeam]?.ready : false;
    fill(
      this.header,
      h(
        "div",
        { class: "topline" },
        h(
          "h1",
          { style: "font-size:1.2rem" },
          h("span", { class: `badge ${this.myTeam ?? ""}` }, me),
        ),
        this.myTeam &&
          h(
            "button",
            {
              "data-intent": "team/ready",
              id: "ready",
              disabled: !this.can("team/ready"),
              "aria-pressed": String(!!ready),
              onclick: () => this.act({ type: "team/ready", ready: !ready }, error),
            },
            ready ? "Team ready ✓ (undo)" : "Mark team ready",
          ),
      ),
      this.summitControls(view, error),
      error,
    );
    this.renderSummary(known);
    this.renderProposals(known);
    this.renderMoves(known);
    this.renderDeliveries(known);
    this.renderLog(
      "chat/team",
      this.myTeam ? (view.teams[this.myTeam]?.private?.caucus ?? []) : [],
    );
    this.renderLog("chat/table", view.tableChat);
    this.renderLog("statements", view.statements);
    this.renderBrief(known);
    this.renderEvents();
    for (const button of this.ui.querySelectorAll<HTMLButtonElement>("button[data-intent]"))
      button.disabled = !this.can(button.dataset.intent, button.dataset.target);
  }

  private summitControls(view: View, error: HTMLElement): HTMLElement | undefined {
    if (!this.can("summit/endorse")) return undefined;
    const mine = this.myTeam ? view.teams[this.myTeam]?.endorsed : undefined;
    return h(
      "div",
      { class: "item" },
      h(
        "p",
        {},
        "Leaders' summit: endorse the framework your teams agreed?",
        mine === undefined ? "" : ` You said ${mine ? "yes" : "no"}.`,
      ),
      h(
        "button",
        {
          "data-intent": "summit/endorse",
          class: "primary",
          onclick: () => this.act({ type: "summit/endorse", endorse: true }, error),
        },
        "Endorse",
      ),
      h(
        "button",
        {
          "data-intent": "summit/endorse",
          class: "danger",
          onclick: () => this.act({ type: "summit/endorse", endorse: false }, error),
        },
        "Decline",
      ),
    );
  }

  /** The board in words, for screen readers (and for tests, which cannot read the canvas). */
  private renderSummary(known: Known): void {
    const { view, scenario } = known;
    fill(
      this.summary,
      h(
        "p",
        {},
        `Round ${view.round} of ${lastRound(view)} (summit in round ${view.rounds}), ${view.phase} phase. Market ${view.market.index.toFixed(1)}, trust ${Math.round(view.trust)}: signing costs ×${trustEffects(view.trust).signing}, delivery reports read within ±${Math.round(trustEffects(view.trust).noise * 100)}%.`,
      ),
      ...scenario.readouts.map((figure) =>
        h(
          "p",
          { "data-readout": figure.id },
          `${figure.label}: about ${readout(scenario, figure, view.levels)}${figure.unit}.`,
        ),
      ),
      h(
        "ul",
        {},
        ...scenario.issues.map((issue) =>
          h(
            "li",
            { "data-issue": issue.id },
            `${issue.label}: ${levelLabel(scenario, issue.id, view.levels[issue.id])}`,
          ),
        ),
      ),
    );
  }

  private renderProposals(known: Known): void {
    const panel = this.panels.get("Proposals");
    if (!panel) return;
    const { view, scenario } = known;
    const list = [...view.proposals].reverse();
    const agreements = view.agreements.map((a) =>
      h(
        "li",
        { class: "item" },
        h("strong", {}, `Agreement ${a.id} (${a.status})`),
        h(
          "ul",
          {},
          ...describePackage(
            scenario,
            a.status === "pending" ? view.levels : { ...view.levels, ...a.before },
            {
              levels: a.levels,
              commitments: a.commitments.map((c) => ({ ...c, instalments: [...c.instalments] })),
              snapback: a.snapback,
            },
          ).map((l) => h("li", {}, l)),
        ),
      ),
    );
    fill(
      panel,
      h("h2", {}, "On the table"),
      list.length
        ? h("ul", { class: "plain" }, ...list.map((p) => this.proposalItem(known, p)))
        : h("p", { class: "muted" }, "No proposal yet. Build one in the Build tab."),
      agreements.length ? h("h2", {}, "Agreements") : undefined,
      agreements.length ? h("ul", { class: "plain" }, ...agreements) : undefined,
    );
  }

  private proposalItem(known: Known, p: View["proposals"][number]): HTMLElement {
    const { scenario, view } = known;
    const error = errorArea();
    const counter = () => {
      for (const [issue, control] of this.builder)
        control.value = String(p.package.levels[issue] ?? agreedLevels(view)[issue] ?? 0);
      this.draftLevels = this.builderPackage().levels;
      this.select("Build");
      const button = document.getElementById("table-proposal");
      if (button) {
        button.textContent = `Counter ${p.id} with this`;
        button.dataset.intent = "proposal/counter";
        button.dataset.target = p.id;
      }
      [...this.builder.values()][0]?.dispatchEvent(new Event("change"));
    };
    const answer = (
      type: "proposal/accept" | "proposal/reject" | "proposal/withdraw",
      verb: string,
      style = "",
    ) =>
      this.can(type, p.id) &&
      h(
        "button",
        {
          "data-intent": type,
          "data-target": p.id,
          class: style || undefined,
          onclick: () => this.act({ type, proposalId: p.id }, error),
        },
        `${verb} ${p.id}`,
      );
    const costLine =
      this.myTeam && p.by !== this.myTeam && p.status === "open"
        ? `Signing costs your lead ${signingCost(scenario, view, this.myTeam, p.package)} capital.`
        : undefined;
    return h(
      "li",
      { class: `item ${p.by}`, "data-proposal": p.id },
      h("strong", {}, proposalTitle(scenario, p)),
      p.note && h("p", {}, `“${p.note}”`),
      h("ul", {}, ...describeProposal(scenario, p).map((line) => h("li", {}, line))),
      costLine && h("p", { class: "muted" }, costLine),
      answer("proposal/accept", "Accept", "primary"),
      answer("proposal/reject", "Reject", "danger"),
      this.can("proposal/counter", p.id) &&
        h(
          "button",
          { "data-intent": "proposal/counter", "data-target": p.id, onclick: counter },
          `Counter ${p.id}`,
        ),
      answer("proposal/withdraw", "Withdraw"),
      error,
    );
  }

  private renderMoves(known: Known): void {
    const panel = this.panels.get("Moves");
    if (!panel) return;
    const { scenario, view } = known;
    const moves = this.legal.filter((a) => a.type === "issue/move");
    const snaps = this.legal.filter((a) => a.type === "agreement/snapback");
    const dialog = h("dialog", { "aria-labelledby": "confirm-title" });
    const rows = moves.map((action) => {
      const issue = scenario.issues.find((i) => i.id === action.issue);
      if (!issue) return undefined;
      const level = select(
        issue.levels.map((l, k) => [String(k), l.label]),
        String(view.levels[issue.id]),
      );
      const when = select([
        ["0", "now"],
        ["1", "from next round"],
        ["2", "in two rounds"],
      ]);
      const error = errorArea();
      const confirm = () => {
        fill(
          dialog,
          h("h2", { id: "confirm-title" }, "Confirm a unilateral move"),
          h(
            "p",
            {},
            `${issue.label}: ${levelLabel(scenario, issue.id, view.levels[issue.id])} → ${levelLabel(scenario, issue.id, Number(level.value))}, ${when.selectedOptions[0]?.textContent}. Markets react at once.`,
          ),
          h(
            "button",
            {
              class: "danger",
              onclick: async () => {
                dialog.close();
                await this.act(
                  {
                    type: "issue/move",
                    issue: issue.id,
                    level: Number(level.value),
                    inRounds: Number(when.value),
                  },
                  error,
                );
              },
            },
            "Announce it",
          ),
          h("button", { onclick: () => dialog.close() }, "Cancel"),
        );
        dialog.showModal();
      };
      return h(
        "div",
        { class: "item" },
        field(issue.label, level),
        field("Takes effect", when),
        h(
          "button",
          { "data-intent": "issue/move", "data-target": issue.id, onclick: confirm },
          `Move ${issue.label}`,
        ),
        error,
      );
    });
    const snapRows = snaps.map((a) => {
      const error = errorArea();
      return h(
        "div",
        { class: "item" },
        h(
          "button",
          {
            "data-intent": "agreement/snapback",
            "data-target": String(a.agreementId),
            class: "danger",
            onclick: () =>
              this.act({ type: "agreement/snapback", agreementId: String(a.agreementId) }, error),
          },
          `Snap back agreement ${a.agreementId}`,
        ),
        error,
      );
    });
    fill(
      panel,
      h(
        "p",
        { class: "muted" },
        "Your lead can move your own levers, now or with an effective date (a threat).",
      ),
      ...(rows.length ? rows : [h("p", {}, "No unilateral move is open to you now.")]),
      ...snapRows,
      dialog,
    );
  }

  private renderDeliveries(known: Known): void {
    const panel = this.panels.get("Deliver");
    if (!panel) return;
    const { scenario, view } = known;
    const due = this.legal.filter((a) => a.type === "commitment/deliver");
    const owed = view.agreements.flatMap((a) =>
      a.commitments.flatMap((c) => c.instalments.map((i, k) => ({ c, i, k, a }))),
    );
    fill(
      panel,
      h("h2", {}, "Due now"),
      ...(due.length
        ? due.map((action) => {
            const entry = owed.find(
              (o) => o.c.id === action.commitmentId && o.k === action.instalment,
            );
            const unit = scenario.issues.find((i) => i.id === entry?.c.issue)?.delivery?.unit ?? "";
            const fraction = select([
              ["1", "all of it"],
              ["0.75", "three quarters"],
              ["0.5", "half"],
              ["0.25", "a quarter"],
              ["0", "nothing"],
            ]);
            const error = errorArea();
            return h(
              "div",
              { class: "item" },
              h(
                "p",
                {},
                `${entry?.i.amount} ${unit} of ${entry?.c.issue} due in round ${entry?.i.round}`,
              ),
              field("Deliver", fraction),
              h(
                "button",
                {
                  class: "primary",
                  "data-intent": "commitment/deliver",
                  "data-target": String(action.commitmentId),
                  onclick: () =>
                    this.act(
                      {
                        type: "commitment/deliver",
                        commitmentId: String(action.commitmentId),
                        instalment: Number(action.instalment),
                        fraction: Number(fraction.value),
                      },
                      error,
                    ),
                },
                "Deliver",
              ),
              error,
            );
          })
        : [
            h(
              "p",
              { class: "muted" },
              "Nothing is due from your team now. Deliveries happen in the resolution phase.",
            ),
          ]),
      h("h2", {}, "All commitments"),
      h(
        "ul",
        {},
        ...owed.map(({ c, i }) =>
          h(
            "li",
            {},
            `${teamName(scenario, c.by)}: ${i.amount} of ${c.issue} in round ${i.round} — ${i.delivered !== undefined ? `delivered ${Math.round(i.delivered * 100)}%` : ""}${i.reported !== undefined ? ` reported ${i.reported}` : i.delivered === undefined ? "pending" : ""}`,
          ),
        ),
      ),
    );
  }

  private renderLog(
    kind: string,
    lines: readonly { team: string; role: string; text: string; round: number }[],
  ): void {
    const log = this.ui.querySelector<HTMLElement>(`[data-log="${kind}"]`);
    if (!log || log.childElementCount === lines.length) return;
    const atBottom = log.scrollTop + log.clientHeight >= log.scrollHeight - 8;
    fill(
      log,
      ...lines.map((l) =>
        h(
          "p",
          {},
          h("span", { class: `badge ${l.team}` }, `${l.team.toUpperCase()} ${l.role}`),
          ` ${l.text}`,
        ),
      ),
    );
    if (atBottom) log.scrollTop = log.scrollHeight;
  }

  /** What happened at the table, newest first: news, offers, moves, and the bots' reasons. */
  private renderEvents(): void {
    const panel = this.panels.get("Log");
    if (!panel) return;
    const events = this.source.events.slice(-100).reverse();
    fill(
      panel,
      events.length
        ? h("ul", { class: "plain" }, ...events.map((e) => h("li", { class: "item" }, e.text)))
        : h("p", { class: "muted" }, "Nothing has happened yet."),
    );
  }

  private briefsShown = "";

  /** The briefs this seat may read: redrawn only when that set changes (a replay's perspective, the debrief). */
  private renderBrief(known: Known): void {
    const panel = this.panels.get("Brief");
    const { scenario, view } = known;
    const shown = Object.keys(view.briefs).join();
    if (!panel || (panel.childElementCount && shown === this.briefsShown)) return;
    this.briefsShown = shown;
    const briefs = Object.entries(view.briefs);
    fill(
      panel,
      h("h2", {}, scenario.title),
      h("p", {}, scenario.summary),
      ...briefs.map(([team, brief]) =>
        h(
          "div",
          { class: `item ${team}` },
          h("h3", {}, `${teamName(scenario, team)} — confidential brief`),
          h("p", {}, brief.summary),
          h("p", {}, brief.constituencies),
          h("h3", {}, "Red lines"),
          h(
            "ul",
            {},
            ...brief.redLines.map((r) =>
              h(
                "li",
                {},
                `${scenario.issues.find((i) => i.id === r.issue)?.label}: never ${r.levels.map((l) => levelLabel(scenario, r.issue, l)).join(" or ")}. ${r.reason}`,
              ),
            ),
          ),
          ...Object.entries(brief.roles).map(([role, text]) =>
            h("p", {}, h("strong", {}, `${role}: `), text),
          ),
        ),
      ),
    );
  }
}
