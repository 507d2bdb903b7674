// The dataset footer every saved figure carries, so that a figure drawn from synthetic data is
// never mistaken for one drawn from real Hugging Face metadata (the text: data/datasets.ts `describeDataset`).

/** Height in SVG pixels added below a chart for its footer. */
export const FOOTER_HEIGHT = 18;

const SVG_OPEN =
  /^<svg ([^>]*)width="([\d.]+)" height="([\d.]+)" viewBox="([-\d.]+) ([-\d.]+) [\d.]+ [\d.]+">(<rect width="[\d.]+" height="[\d.]+" fill="[^"]*"\/>)?/;

/** Font size of the footer text in SVG pixels. */
const FOOTER_FONT_SIZE = 10;
/** Generous width of one footer character (DejaVu Sans averages about 0.55 em), so the text never clips. */
const FOOTER_CHAR_WIDTH = 0.62 * FOOTER_FONT_SIZE;

/**
 * Adds a one-line footer at the bottom left of a vega SVG, widening it if needed: `addSvgFooter(svg, "Data: sample")`.
 */
export function addSvgFooter(svg: string, text: string): string {
  const m = SVG_OPEN.exec(svg);
  if (!m) throw new Error("charts/footer: not an SVG as vega writes it (no <svg width height viewBox> head)");
  const [head, attrs, width, height, x0, y0, background] = m;
  const w = Math.max(Number(width), Math.ceil(text.length * FOOTER_CHAR_WIDTH) + 10);
  const h = Number(height) + FOOTER_HEIGHT;
  const fill = background ? /fill="([^"]*)"/.exec(background)![1] : "white";
  const newHead =
    `<svg ${attrs}width="${w}" height="${h}" viewBox="${x0} ${y0} ${w} ${h}">` +
    `<rect x="${x0}" y="${y0}" width="${w}" height="${h}" fill="${fill}"/>`;
  const footer =
    `<text x="${Number(x0) + 5}" y="${Number(y0) + h - 5}" font-family="sans-serif" font-size="${FOOTER_FONT_SIZE}px" fill="#666">` +
    `${escapeXml(text)}</text>`;
  return newHead + svg.slice(head.length, svg.lastIndexOf("</svg>")) + footer + "</svg>";
}

/** Escapes text for an XML text node. */
function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
