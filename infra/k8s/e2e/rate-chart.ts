/** One series of a Prometheus range query: its labels and [unix seconds, value] points. */
export interface RangeSeries {
  metric: Record<string, string>;
  values: [number, string][];
}

const WIDTH = 960;
const HEIGHT = 420;
const MARGIN = { top: 56, right: 220, bottom: 44, left: 64 };
const COLOURS = ['#2563eb', '#16a34a', '#dc2626', '#9333ea', '#ea580c', '#0891b2', '#64748b'];

const escape = (text: string) =>
  text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
const clock = (seconds: number) => new Date(seconds * 1000).toISOString().slice(11, 19);

/**
 * A standalone HTML page with an SVG line chart of a Prometheus range query (the Prometheus
 * built here has no web UI): one line per series, labelled by `label`, time on the x axis in UTC.
 */
export function rateChartPage(
  title: string,
  series: RangeSeries[],
  label: (metric: Record<string, string>) => string,
): string {
  const points = series.flatMap((s) => s.values.map(([t, v]) => [t, Number(v)] as const));
  const [t0, t1] = [Math.min(...points.map((p) => p[0])), Math.max(...points.map((p) => p[0]))];
  const highest = Math.max(1, ...points.map((p) => p[1]));
  // Four to eight gridlines at a round step: 1, 2 or 5 times a power of ten.
  const magnitude = 10 ** Math.floor(Math.log10(highest / 4));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => highest / s <= 8)!;
  const top = Math.ceil(highest / step) * step;
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const x = (t: number) => MARGIN.left + ((t - t0) / Math.max(1, t1 - t0)) * plotWidth;
  const y = (v: number) => MARGIN.top + plotHeight - (v / top) * plotHeight;

  const gridLines = Array.from({ length: Math.round(top / step) + 1 }, (_, i) =>
    Number((i * step).toPrecision(6)),
  ).map(
    (
      value,
    ) => `<line x1="${MARGIN.left}" x2="${MARGIN.left + plotWidth}" y1="${y(value)}" y2="${y(value)}" class="grid"/>
      <text x="${MARGIN.left - 8}" y="${y(value) + 4}" text-anchor="end">${value}</text>`,
  );
  const timeTicks = [0, 0.25, 0.5, 0.75, 1].map((share) => {
    const t = t0 + (t1 - t0) * share;
    return `<text x="${x(t)}" y="${HEIGHT - MARGIN.bottom + 20}" text-anchor="middle">${clock(t)}</text>`;
  });
  const lines = series.map((s, i) => {
    const colour = COLOURS[i % COLOURS.length];
    const path = s.values.map(([t, v], j) => `${j ? 'L' : 'M'}${x(t)},${y(Number(v))}`).join('');
    const legendY = MARGIN.top + 8 + i * 22;
    return `<path d="${path}" stroke="${colour}" class="line"/>
      <rect x="${WIDTH - MARGIN.right + 20}" y="${legendY - 9}" width="14" height="4" fill="${colour}"/>
      <text x="${WIDTH - MARGIN.right + 40}" y="${legendY}">${escape(label(s.metric))}</text>`;
  });

  return `<!doctype html><html><head><meta charset="utf-8"><style>
    body { margin: 0; background: #fff; font: 13px system-ui, sans-serif; color: #0f172a; }
    text { fill: #334155; font-size: 12px; }
    .title { font-size: 16px; font-weight: 600; fill: #0f172a; }
    .grid { stroke: #e2e8f0; }
    .line { fill: none; stroke-width: 2; }
  </style></head><body>
  <svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}">
    <text x="${MARGIN.left}" y="28" class="title">${escape(title)}</text>
    <text x="${MARGIN.left}" y="46">requests per second (rate over 1 min) · UTC</text>
    ${gridLines.join('')}${timeTicks.join('')}${lines.join('')}
  </svg></body></html>`;
}
