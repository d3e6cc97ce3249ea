import {
  type Intent,
  type LegalAction,
  legalCommands,
  metersFor,
  type Package,
  type Scenario,
  signingCost,
  utility,
  type View,
} from "../../shared/index.ts";
import type { Connection } from "../app.ts";
import type { Known } from "../board.ts";
import { describePackage, levelLabel, proposalTitle, teamName } from "../describe.ts";
import { errorArea, field, fill, h, select } from "../dom.ts";
import { COLORS, Screen, teamColor, textStyle } from "./Screen.ts";

const TABS = [
  "Proposals",
  "Build",
  "Moves",
  "Deliver",
  "Team chat",
  "Table chat",
  "Statements",
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
  private connection!: Connection;
  private known: Known | undefined;
  private legal: readonly LegalAction[] = [];
  private tab: Tab = "Proposals";
  private readonly panels = new Map<Tab, HTMLElement>();
  private readonly tabButtons = new Map<Tab, HTMLButtonElement>();
  private readonly builder = new Map<string, HTMLSelectElement>();
  private header!: HTMLElement;
  private draftLevels: Record<string, number> | undefined;
  private unsubscribe: (() => void) | undefined;

  constructor() {
    super("TableScene");
  }

  init(data: { connection: Connection }): void {
    this.connection = data.connection;
    this.known = undefined;
    this.panels.clear();
    this.tabButtons.clear();
    this.builder.clear();
    this.draftLevels = undefined;
  }

  create(): void {
    this.show("table", "Table");
    location.hash = `#/table/${this.connection.room.roomId}`;
    if (this.connection.seat.kind === "facilitator") this.tab = "Proposals";
    this.header = h("div");
    const tabs = h("div", { class: "tabs", role: "tablist", "aria-label": "Table controls" });
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
    this.unsubscribe = this.connection.subscribe((known) => this.onState(known));
    this.events.once("shutdown", () => this.unsubscribe?.());
  }

  private select(tab: Tab): void {
    this.tab = tab;
    for (const [name, button] of this.tabButtons)
      button.setAttribute("aria-selected", String(name === tab));
    for (const [name, panel] of this.panels) panel.hidden = name !== tab;
  }

  private get myTeam(): string | undefined {
    const seat = this.connection.seat;
    return seat.kind === "player" ? seat.team : undefined;
  }

  private can(type: Intent["type"], target: Record<string, unknown> = {}): boolean {
    return this.legal.some(
      (a) => a.type === type && Object.entries(target).every(([k, v]) => a[k] === v),
    );
  }

  /** Sends an intent and shows a refusal next to the control that sent it. */
  private async act(intent: Intent, error: HTMLElement): Promise<boolean> {
    error.textContent = "";
    const result = await this.connection.send(intent);
    if (!result.ok) error.textContent = plain(result.message);
    return result.ok;
  }

  private onState(known: Known): void {
    const first = !this.known;
    this.known = known;
    this.legal = legalCommands(known.scenario, known.view);
    if (known.view.phase === "ended" && this.connection.seat.kind !== "facilitator") {
      this.scene.start("DebriefScene", { connection: this.connection });
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
    if (!known) return;
    const { view, scenario } = known;
    const { width, height } = this.scale;
    const pad = Math.max(12, width * 0.02);
    const g = this.add.graphics();
    g.fillStyle(COLORS.bg).fillRect(0, 0, width, height);
    const plan =
      scenario.rounds[view.round === view.rounds ? scenario.rounds.length - 1 : view.round - 1];
    const size = Math.max(12, Math.min(22, width / 55));
    this.add.text(
      pad,
      pad,
      `Round ${view.round} of ${view.rounds}${plan ? ` — ${plan.label}` : ""}`,
      textStyle(size * 1.2),
    );
    this.add.text(
      pad,
      pad + size * 1.7,
      `${view.phase.toUpperCase()}${view.paused ? " · PAUSED" : ""}${plan?.date ? ` · ${plan.date}` : ""}`,
      textStyle(size, "#a9b3c4"),
    );
    this.drawMarket(g, width * 0.55, pad, width * 0.45 - pad, size * 3.2, view, size);

    const top = pad + size * 4.4;
    const ticker = size * 2.2;
    const own =
      this.myTeam ?? (this.connection.seat.kind === "facilitator" ? undefined : undefined);
    const meters = own ? scenario.constituencies.filter((c) => c.team === own) : [];
    const meterRows =
      this.connection.seat.kind === "facilitator" ? scenario.constituencies.length : meters.length;
    const meterHeight = meterRows
      ? Math.min(
          size * 1.6 * (meterRows / (this.connection.seat.kind === "facilitator" ? 2 : 1) + 1.5),
          height * 0.3,
        )
      : 0;
    const tracksHeight = height - top - meterHeight - ticker - pad;
    this.drawTracks(g, pad, top, width - 2 * pad, tracksHeight, known, size);
    this.drawMeters(g, pad, top + tracksHeight, width - 2 * pad, meterHeight, known, size);
    this.drawTicker(g, pad, height - ticker - pad / 2, width - 2 * pad, ticker, view, size);
    this.drawClock();
  }

  private clockText: Phaser.GameObjects.Text | undefined;

  private drawClock(): void {
    const decoded = this.known?.decoded;
    if (!decoded) return;
    const { width } = this.scale;
    const pad = Math.max(12, width * 0.02);
    const size = Math.max(12, Math.min(22, width / 55));
    const ms = decoded.paused
      ? decoded.remainingMs
      : decoded.deadlineAt
        ? decoded.deadlineAt - Date.now()
        : -1;
    const text =
      ms < 0
        ? decoded.timed
          ? ""
          : "untimed"
        : `${Math.floor(ms / 60000)}:${String(Math.floor((ms % 60000) / 1000)).padStart(2, "0")}`;
    if (!this.clockText?.active)
      this.clockText = this.add.text(width * 0.42, pad, "", textStyle(size * 1.6, "#f0e442"));
    this.clockText.setText(text);
  }

  private drawMarket(
    g: Phaser.GameObjects.Graphics,
    x: number,
    y: number,
    w: number,
    hgt: number,
    view: View,
    size: number,
  ): void {
    const series = [...view.market.history, view.market.index];
    const lo = Math.min(...series, 95);
    const hi = Math.max(...series, 105);
    g.lineStyle(1, COLORS.line).strokeRect(x, y, w, hgt);
    g.lineStyle(3, COLORS.sky).beginPath();
    series.forEach((v, i) => {
      const px = x + (i / Math.max(1, series.length - 1)) * w;
      const py = y + hgt - ((v - lo) / (hi - lo)) * hgt;
      if (i === 0) g.moveTo(px, py);
      else g.lineTo(px, py);
    });
    g.strokePath();
    this.add.text(
      x + 6,
      y + 4,
      `Market ${view.market.index.toFixed(1)}   Trust ${Math.round(view.trust)}`,
      textStyle(size * 0.9),
    );
  }

  private drawTracks(
    g: Phaser.GameObjects.Graphics,
    x: number,
    y: number,
    w: number,
    hgt: number,
    known: Known,
    size: number,
  ): void {
    const { view, scenario } = known;
    const rows = scenario.issues.length;
    const row = hgt / rows;
    const labelWidth = w * 0.34;
    const pending = view.agreements
      .filter((a) => a.status === "pending")
      .flatMap((a) => Object.entries(a.levels));
    const open = view.proposals
      .filter((p) => p.status === "open")
      .flatMap((p) => Object.entries(p.package.levels));
    scenario.issues.forEach((issue, i) => {
      const cy = y + row * i + row / 2;
      const color = teamColor(issue.holder);
      g.fillStyle(color).fillRect(x, cy - row * 0.3, 6, row * 0.6);
      this.add.text(
        x + 12,
        cy - row * 0.42,
        issue.label,
        textStyle(Math.min(size * 0.85, row * 0.38)),
      );
      const current = view.levels[issue.id] ?? issue.start;
      this.add.text(
        x + 12,
        cy + row * 0.02,
        levelLabel(scenario, issue.id, current),
        textStyle(Math.min(size * 0.7, row * 0.3), "#a9b3c4"),
      );
      const x0 = x + labelWidth + 20;
      const span = w - labelWidth - 40;
      const step = span / (issue.levels.length - 1);
      const r = Math.max(5, Math.min(row * 0.28, 14));
      g.lineStyle(2, COLORS.line).lineBetween(x0, cy, x0 + span, cy);
      issue.levels.forEach((_, level) => {
        const cx = x0 + step * level;
        g.fillStyle(COLORS.bg).fillCircle(cx, cy, r);
        g.lineStyle(2, COLORS.muted).strokeCircle(cx, cy, r);
        if (level === issue.start) g.lineStyle(2, COLORS.ink).strokeCircle(cx, cy, r + 4);
      });
      g.fillStyle(color).fillCircle(x0 + step * current, cy, r);
      for (const [id, level] of open)
        if (id === issue.id) g.lineStyle(3, COLORS.sky).strokeCircle(x0 + step * level, cy, r + 7);
      for (const [id, level] of pending)
        if (id === issue.id) g.lineStyle(3, COLORS.ok).strokeCircle(x0 + step * level, cy, r + 7);
      const draft = this.draftLevels?.[issue.id];
      if (draft !== undefined && draft !== current)
        g.lineStyle(3, COLORS.gold).strokeCircle(x0 + step * draft, cy, r + 10);
      for (const threat of view.threats.filter((t) => t.issue === issue.id)) {
        const tx = x0 + step * threat.level;
        g.fillStyle(COLORS.warn).fillTriangle(tx - r, cy - r - 4, tx + r, cy - r - 4, tx, cy - 3);
        this.add.text(
          tx + r + 2,
          cy - r - size * 0.8,
          `R${threat.round}`,
          textStyle(size * 0.6, "#cc79a7"),
        );
      }
    });
  }

  private drawMeters(
    g: Phaser.GameObjects.Graphics,
    x: number,
    y: number,
    w: number,
    hgt: number,
    known: Known,
    size: number,
  ): void {
    if (!hgt) return;
    const { view, scenario } = known;
    const teams = scenario.teams.filter((t) => view.teams[t.id]?.private);
    teams.forEach((team, k) => {
      const own = view.teams[team.id]?.private;
      if (!own) return;
      const colW = w / teams.length;
      const cx = x + colW * k;
      const list = scenario.constituencies.filter((c) => c.team === team.id);
      const rowH = hgt / (list.length + 1.5);
      this.add.text(
        cx,
        y + 4,
        `${team.name}: pressure · capital ${own.capital.toFixed(0)}`,
        textStyle(size * 0.8, "#a9b3c4"),
      );
      list.forEach((c, i) => {
        const value = own.meters[c.id] ?? 0;
        const by = y + rowH * (i + 1.3);
        const bw = colW * 0.5;
        this.add.text(cx, by, c.label, textStyle(Math.min(size * 0.75, rowH * 0.7)));
        const bx = cx + colW * 0.42;
        g.fillStyle(COLORS.line).fillRect(bx, by + 2, bw, rowH * 0.6);
        g.fillStyle(value >= 70 ? COLORS.warn : value >= 50 ? COLORS.gold : COLORS.ok).fillRect(
          bx,
          by + 2,
          (bw * value) / 100,
          rowH * 0.6,
        );
        this.add.text(
          bx + bw + 6,
          by,
          value.toFixed(0),
          textStyle(Math.min(size * 0.75, rowH * 0.7)),
        );
      });
    });
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
    g.fillStyle(0x000000, 0.5).fillRect(x, y, w, hgt);
    const latest = view.news.at(-1);
    const text = this.add.text(
      x + w,
      y + hgt * 0.2,
      latest ? `NEWS · ${latest.title} — ${latest.text}` : "",
      textStyle(size * 0.9, "#f0e442"),
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

  private builderPackage(): Package {
    const levels: Record<string, number> = {};
    for (const [issue, control] of this.builder) levels[issue] = Number(control.value);
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
          .filter((i) => i.holder === team.id)
          .map((issue) => {
            const control = select(
              issue.levels.map((l, k) => [String(k), l.label]),
              String(view.levels[issue.id] ?? issue.start),
              { onchange: onChange },
            );
            this.builder.set(issue.id, control);
            return field(issue.label, control);
          }),
      ),
    );
    const deliverable = scenario.issues.filter((i) => i.delivery);
    const instalments = deliverable.flatMap((issue) =>
      [0, 1].map((k) => {
        const round = select(
          Array.from({ length: view.rounds }, (_, r) => [String(r + 1), `round ${r + 1}`] as const),
          String(Math.min(view.rounds, view.round + k)),
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
    const table = async () => {
      const pkg = this.builderPackage();
      if (
        await this.act(
          { type: "proposal/table", package: pkg, note: note.value.trim() || undefined },
          error,
        )
      )
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
        { class: "primary", id: "table-proposal", onclick: table },
        "Table this proposal",
      ),
      h("button", { id: "save-draft", onclick: draft }, "Save as team draft"),
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
    const after = { ...view.levels, ...pkg.levels };
    const now = metersFor(scenario, view, team);
    const then = metersFor(scenario, view, team, after);
    fill(
      preview,
      h(
        "p",
        {},
        `Your brief's utility: ${utility(scenario, team, view.levels).toFixed(0)} → ${utility(scenario, team, after).toFixed(0)} (of 100)`,
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
      h("ul", {}, ...describePackage(scenario, view, pkg).map((line) => h("li", {}, line))),
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
      h("button", { "data-send": type, onclick: send }, "Send"),
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
      h("button", { "data-send": "statement/make", onclick: send }, "Make statement"),
      error,
    );
  }

  private renderPanels(known: Known): void {
    const { view, scenario } = known;
    const seat = this.connection.seat;
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
    for (const [button, type] of [
      ["table-proposal", "proposal/table"],
      ["save-draft", "draft/save"],
    ] as const) {
      const element = document.getElementById(button) as HTMLButtonElement | null;
      if (element) element.disabled = !this.can(type);
    }
    for (const send of this.ui.querySelectorAll<HTMLButtonElement>("[data-send]"))
      send.disabled = !this.can(send.dataset.send as Intent["type"]);
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
          class: "primary",
          onclick: () => this.act({ type: "summit/endorse", endorse: true }, error),
        },
        "Endorse",
      ),
      h(
        "button",
        {
          class: "danger",
          onclick: () => this.act({ type: "summit/endorse", endorse: false }, error),
        },
        "Decline",
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
            { ...view, levels: a.before },
            { levels: a.levels, commitments: [], snapback: a.snapback },
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
    const target = { proposalId: p.id };
    const counter = () => {
      for (const [issue, control] of this.builder)
        control.value = String(p.package.levels[issue] ?? view.levels[issue] ?? 0);
      this.draftLevels = this.builderPackage().levels;
      this.select("Build");
      const button = document.getElementById("table-proposal");
      if (button) {
        button.textContent = `Counter ${p.id} with this`;
        button.onclick = async () => {
          if (
            await this.act(
              { type: "proposal/counter", proposalId: p.id, package: this.builderPackage() },
              error,
            )
          )
            this.select("Proposals");
        };
      }
      this.draw();
    };
    const costLine =
      this.myTeam && p.by !== this.myTeam && p.status === "open"
        ? `Signing costs your lead ${signingCost(scenario, view, this.myTeam, p.package)} capital.`
        : undefined;
    return h(
      "li",
      { class: `item ${p.by}`, "data-proposal": p.id },
      h("strong", {}, proposalTitle(scenario, p)),
      p.note && h("p", {}, `“${p.note}”`),
      h("ul", {}, ...describePackage(scenario, view, p.package).map((line) => h("li", {}, line))),
      costLine && h("p", { class: "muted" }, costLine),
      this.can("proposal/accept", target) &&
        h(
          "button",
          {
            class: "primary",
            onclick: () => this.act({ type: "proposal/accept", proposalId: p.id }, error),
          },
          `Accept ${p.id}`,
        ),
      this.can("proposal/reject", target) &&
        h(
          "button",
          {
            class: "danger",
            onclick: () => this.act({ type: "proposal/reject", proposalId: p.id }, error),
          },
          `Reject ${p.id}`,
        ),
      this.can("proposal/counter", target) && h("button", { onclick: counter }, `Counter ${p.id}`),
      this.can("proposal/withdraw", target) &&
        h(
          "button",
          { onclick: () => this.act({ type: "proposal/withdraw", proposalId: p.id }, error) },
          `Withdraw ${p.id}`,
        ),
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
        h("button", { onclick: confirm }, `Move ${issue.label}`),
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

  private renderBrief(known: Known): void {
    const panel = this.panels.get("Brief");
    if (!panel || panel.childElementCount) return;
    const { scenario, view } = known;
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
