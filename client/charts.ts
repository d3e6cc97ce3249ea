/** A rectangle on the canvas. */
export type Box = {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
};

/**
 * Draws a series as a line across a box, scaled to its range but never tighter than the market's
 * usual 95–105 band; returns where each point landed, for labels.
 */
export function plotLine(
  g: Phaser.GameObjects.Graphics,
  box: Box,
  series: readonly number[],
  color: number,
  dots = false,
): [number, number][] {
  const lo = Math.min(...series, 95);
  const hi = Math.max(...series, 105);
  const points = series.map((v, i): [number, number] => [
    box.x + (i / Math.max(1, series.length - 1)) * box.w,
    box.y + box.h - ((v - lo) / (hi - lo)) * box.h,
  ]);
  g.lineStyle(3, color).beginPath();
  points.forEach(([px, py], i) => {
    if (i === 0) g.moveTo(px, py);
    else g.lineTo(px, py);
  });
  g.strokePath();
  if (dots) for (const [px, py] of points) g.fillStyle(color).fillCircle(px, py, 5);
  return points;
}
