// Contrast of the brand's accent colour (WCAG 2 relative luminance), so a pale or dark accent stays readable.

const channel = (c: number) => {
  const s = c / 255;
  return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
};
const rgb = (hex: string): [number, number, number] => {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
};
const luminance = (hex: string) => {
  const [r, g, b] = rgb(hex).map(channel) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
};

/** WCAG contrast ratio of two #rrggbb colours, 1 to 21. */
export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** White or near-black, whichever reads better on the accent (header, buttons). */
export const textOn = (accent: string): string =>
  contrast(accent, '#ffffff') >= contrast(accent, '#1a1a1a') ? '#ffffff' : '#1a1a1a';

/** The accent darkened until it reads as text on white (4.5 : 1, WCAG AA): the colour of links. */
export function inkOf(accent: string): string {
  let [r, g, b] = rgb(accent);
  const hex = () => `#${[r, g, b].map((c) => c.toString(16).padStart(2, '0')).join('')}`;
  for (let i = 0; i < 40 && contrast(hex(), '#ffffff') < 4.5; i++) {
    r = Math.floor(r * 0.9);
    g = Math.floor(g * 0.9);
    b = Math.floor(b * 0.9);
  }
  return hex();
}
