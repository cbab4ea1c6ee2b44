// A theme for the storefront stand-ins, written the way Shopify's Online Store 2.0 themes (Dawn and
// its siblings) expose their settings: colours as "r,g,b" custom properties of the colour scheme,
// the shape settings as --inputs-* and --buttons-*, a root font size of 62.5% (so 1rem is 10px and
// rem-sized blocks come out small), body text at 1.5rem in the theme's font, a `.button` class, a
// `.page-width` container and a sticky header. The blocks must look at home in it: the browser
// tests measure that they take these values instead of their own.
export const THEME = {
  foreground: "38,34,31",
  background: "250,248,244",
  button: "112,64,48",
  buttonText: "255,255,255",
  inputsRadius: "6px",
  inputsBorderWidth: "2px",
  inputsBorderOpacity: "0.55",
  buttonsRadius: "4px",
  bodyFont: '"Noto Serif CJK JP", "Noto Serif JP", "Hiragino Mincho ProN", Georgia, serif',
} as const;

/** The theme's stylesheet; `scope` confines it to one element (the sandbox page has chrome of its own). */
export function themeStyle(scope?: string): string {
  const inside = (...selectors: string[]) => selectors.map((selector) => (scope ? `${scope} ${selector}` : selector)).join(", ");
  return `<style>
${scope ?? ":root"} {
  --color-foreground: ${THEME.foreground};
  --color-background: ${THEME.background};
  --color-button: ${THEME.button};
  --color-button-text: ${THEME.buttonText};
  --color-secondary-button: ${THEME.background};
  --color-secondary-button-text: ${THEME.button};
  --inputs-radius: ${THEME.inputsRadius};
  --inputs-border-width: ${THEME.inputsBorderWidth};
  --inputs-border-opacity: ${THEME.inputsBorderOpacity};
  --buttons-radius: ${THEME.buttonsRadius};
  --font-body-family: ${THEME.bodyFont};
  --font-heading-family: ${THEME.bodyFont};
  --page-width: 120rem;
}
${scope ? "" : "html { font-size: 62.5%; }"}
${scope ?? "body"} { margin: 0; font-family: var(--font-body-family); font-size: ${scope ? "15px" : "1.5rem"}; line-height: 1.8; letter-spacing: .06em; color: rgba(var(--color-foreground), .75); background: rgb(var(--color-background)); }
${inside("h1", "h2", "h3")} { font-family: var(--font-heading-family); color: rgb(var(--color-foreground)); font-weight: 400; line-height: 1.3; letter-spacing: .06em; }
${inside("h1")} { font-size: 2em; }
${inside("h2")} { font-size: 1.6em; }
${inside("a")} { color: rgb(var(--color-foreground)); }
${inside(".page-width")} { max-width: var(--page-width); margin: 0 auto; padding: 0 1.5rem; }
${inside(".theme-header")} { position: sticky; top: 0; z-index: 2; height: 64px; display: flex; align-items: center; padding: 0 15px; background: rgb(var(--color-background)); border-bottom: 1px solid rgba(var(--color-foreground), .08); }
${inside(".button")} { display: inline-flex; align-items: center; justify-content: center; min-height: 45px; min-width: 120px; padding: 0 30px; border: 0; border-radius: var(--buttons-radius); background-color: rgb(var(--color-button)); color: rgb(var(--color-button-text)); font: inherit; letter-spacing: .1em; text-decoration: none; cursor: pointer; }
${inside(".button--secondary")} { --color-button: var(--color-secondary-button); --color-button-text: var(--color-secondary-button-text); box-shadow: inset 0 0 0 1px rgb(var(--color-secondary-button-text)); }
${inside(".button--tertiary")} { --color-button: var(--color-background); --color-button-text: var(--color-foreground); box-shadow: inset 0 0 0 1px rgba(var(--color-foreground), .3); }
${inside(".button:disabled")} { opacity: .5; cursor: not-allowed; }
</style>`;
}
