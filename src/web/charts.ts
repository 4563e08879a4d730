// Accessible SVG charts for server-rendered pages: role="img" named by its <title> and described by its
// <desc> (which states every number), real <text> labels on every bar (the value is written, never shown
// by length or colour alone), fills with enough contrast, and a viewBox so the chart shrinks to 320 px.
// Pages always put the same numbers in a table next to the chart. Every text is escaped here.

export interface Bar {
  label: string;
  value: number;
  /** A style name from STYLES (default "primary"). */
  style?: keyof typeof STYLES;
}

export interface BarGroup {
  label: string;
  bars: Bar[];
}

export interface ChartSpec {
  id: string;
  title: string;
  /** One sentence saying what the chart shows; the numbers are appended to the description. */
  summary: string;
}

// Dark fills (contrast >= 3:1 against white, WCAG 1.4.11); "fail" also carries a hatch pattern.
const STYLES = {
  primary: { fill: '#1d70b8', pattern: false },
  pass: { fill: '#00703c', pattern: false },
  fail: { fill: '#d4351c', pattern: true },
  neutral: { fill: '#505a5f', pattern: false },
  warning: { fill: '#b35900', pattern: false },
} as const;

const FONT = 22;
const WIDTH = 640;

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function open(spec: ChartSpec, height: number, description: string): string {
  const id = escapeXml(spec.id);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="app-chart" role="img" aria-labelledby="${id}-title ${id}-desc" viewBox="0 0 ${WIDTH} ${height}" width="100%" preserveAspectRatio="xMinYMin meet" font-family="system-ui, sans-serif" font-size="${FONT}">` +
    `<title id="${id}-title">${escapeXml(spec.title)}</title><desc id="${id}-desc">${escapeXml(`${spec.summary} ${description}`)}</desc>` +
    `<defs><pattern id="${id}-hatch" width="10" height="10" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="10" height="10" fill="${STYLES.fail.fill}"/><line x1="0" y1="0" x2="0" y2="10" stroke="#ffffff" stroke-width="3"/></pattern></defs>`
  );
}

function fillOf(spec: ChartSpec, bar: Bar): string {
  const style = STYLES[bar.style ?? 'primary'];
  return style.pattern ? `url(#${escapeXml(spec.id)}-hatch)` : style.fill;
}

/** Horizontal bars in labelled groups: each group's name, then one bar a line with "name: value" written after it. */
export function horizontalBarChart(spec: ChartSpec, groups: readonly BarGroup[]): string {
  const max = Math.max(1, ...groups.flatMap((g) => g.bars.map((b) => b.value)));
  const barHeight = 26;
  const gap = 8;
  const labelRoom = 230;
  const barRoom = WIDTH - labelRoom - 60;
  let y = 0;
  let body = '';
  for (const group of groups) {
    y += FONT + 10;
    body += `<text x="0" y="${y}" font-weight="bold">${escapeXml(group.label)}</text>`;
    y += gap;
    for (const bar of group.bars) {
      const width = bar.value === 0 ? 0 : Math.max(2, Math.round((bar.value / max) * barRoom));
      body +=
        `<text x="0" y="${y + barHeight - 6}">${escapeXml(bar.label)}</text>` +
        `<rect x="${labelRoom}" y="${y}" width="${width}" height="${barHeight}" fill="${fillOf(spec, bar)}"/>` +
        `<text x="${labelRoom + width + 8}" y="${y + barHeight - 6}">${bar.value}</text>`;
      y += barHeight + gap;
    }
  }
  const description = groups
    .map((g) => `${g.label}: ${g.bars.map((b) => `${b.label} ${b.value}`).join(', ')}.`)
    .join(' ');
  return `${open(spec, Math.max(y + 4, 40), description)}${body}</svg>`;
}

/**
 * One stacked bar per group (a product type), its parts in the same order in every row, the group's name
 * above it, its total after it, and every part's number written out below it; a key names the parts once.
 */
export function stackedBarChart(spec: ChartSpec, groups: readonly BarGroup[]): string {
  const parts = groups[0]?.bars ?? [];
  const max = Math.max(1, ...groups.map((g) => g.bars.reduce((n, b) => n + b.value, 0)));
  const barHeight = 28;
  const barRoom = WIDTH - 70;
  const small = 18;
  let y = 0;
  let body = '';
  // The key: a swatch and name per part, wrapped over as many lines as needed.
  let x = 0;
  y += FONT + 4;
  for (const part of parts) {
    const room = 30 + part.label.length * 11;
    if (x > 0 && x + room > WIDTH) {
      x = 0;
      y += FONT + 10;
    }
    body +=
      `<rect x="${x}" y="${y - 18}" width="20" height="20" fill="${fillOf(spec, part)}"/>` +
      `<text x="${x + 26}" y="${y}">${escapeXml(part.label)}</text>`;
    x += room + 20;
  }
  y += 14;
  for (const group of groups) {
    const total = group.bars.reduce((n, b) => n + b.value, 0);
    y += FONT + 10;
    body += `<text x="0" y="${y}" font-weight="bold">${escapeXml(group.label)}</text>`;
    y += 8;
    let at = 0;
    for (const bar of group.bars) {
      const width = bar.value === 0 ? 0 : Math.max(3, Math.round((bar.value / max) * barRoom));
      if (width > 0)
        body += `<rect x="${at}" y="${y}" width="${width}" height="${barHeight}" fill="${fillOf(spec, bar)}" stroke="#ffffff" stroke-width="1"/>`;
      at += width;
    }
    body += `<text x="${at + 8}" y="${y + barHeight - 7}" font-weight="bold">${total}</text>`;
    y += barHeight + small + 6;
    const numbers = group.bars.filter((b) => b.value > 0).map((b) => `${b.label} ${b.value}`);
    body += `<text x="0" y="${y}" font-size="${small}">${escapeXml(numbers.join(' · ') || 'none')}</text>`;
  }
  const description = groups
    .map((g) => `${g.label}: ${g.bars.map((b) => `${b.label} ${b.value}`).join(', ')}.`)
    .join(' ');
  return `${open(spec, Math.max(y + 8, 40), description)}${body}</svg>`;
}

/** Vertical columns along an axis (e.g. years), the value written above each column and the label below. */
export function columnChart(spec: ChartSpec, bars: readonly Bar[]): string {
  const height = 320;
  const slotWidth = bars.length === 0 ? WIDTH : WIDTH / bars.length;
  // Narrow columns get their labels turned, so long runs of years stay readable.
  const turned = slotWidth < 64;
  const axis = height - (turned ? 70 : FONT + 14);
  const top = FONT + 12;
  const max = Math.max(1, ...bars.map((b) => b.value));
  const slot = slotWidth;
  const width = Math.max(8, Math.min(80, slot * 0.6));
  let body = `<line x1="0" y1="${axis}" x2="${WIDTH}" y2="${axis}" stroke="#0b0c0c" stroke-width="2"/>`;
  bars.forEach((bar, i) => {
    const h = bar.value === 0 ? 0 : Math.max(2, Math.round((bar.value / max) * (axis - top)));
    const cx = slot * i + slot / 2;
    body +=
      `<rect x="${cx - width / 2}" y="${axis - h}" width="${width}" height="${h}" fill="${fillOf(spec, bar)}"/>` +
      `<text x="${cx}" y="${axis - h - 6}" text-anchor="middle">${bar.value}</text>` +
      (turned
        ? `<text x="${cx}" y="${axis + 12}" text-anchor="end" transform="rotate(-60 ${cx} ${axis + 12})">${escapeXml(bar.label)}</text>`
        : `<text x="${cx}" y="${height - 6}" text-anchor="middle">${escapeXml(bar.label)}</text>`);
  });
  const description = bars.length === 0 ? 'No data.' : `${bars.map((b) => `${b.label}: ${b.value}`).join(', ')}.`;
  return `${open(spec, height, description)}${body}</svg>`;
}
