import { Badge, createTheme } from '@mantine/core';

const fontFamily =
  '"Hiragino Sans", "Hiragino Kaku Gothic ProN", "Noto Sans JP", "Yu Gothic UI", Meiryo, system-ui, -apple-system, "Segoe UI", sans-serif';

export const theme = createTheme({
  primaryColor: 'teal',
  fontFamily,
  headings: { fontFamily, fontWeight: '600' },
  defaultRadius: 'md',
  cursorType: 'pointer',
  components: {
    // Upper-casing does nothing for Japanese and shouts in English ("WEB CHAT").
    Badge: Badge.extend({ defaultProps: { tt: 'none' } }),
  },
});
