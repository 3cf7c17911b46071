// Inline SVG icons. Drawn here rather than taken from emoji so they look the same on every
// device, including ones without a colour emoji font.

import { svg, html, type TemplateResult } from "lit-html";

const paths = {
  compass: svg`<circle cx="12" cy="12" r="9"/><path d="m15.5 8.5-2 5-5 2 2-5z"/>`,
  clipboard: svg`<rect x="5" y="4" width="14" height="17" rx="2"/><path d="M9 4h6v3H9zM8.5 11h7M8.5 14.5h7M8.5 18h4"/>`,
  users: svg`<circle cx="9" cy="8" r="3.2"/><path d="M3 20c0-3.3 2.7-6 6-6s6 2.7 6 6"/><circle cx="17" cy="9" r="2.6"/><path d="M16 14.2c2.8.2 5 2.6 5 5.8"/>`,
  play: svg`<path d="M8 5.5v13l10.5-6.5z" fill="currentColor" stroke="none"/>`,
  target: svg`<circle cx="12" cy="12" r="8.5"/><circle cx="12" cy="12" r="4.5"/><circle cx="12" cy="12" r="1" fill="currentColor"/>`,
  list: svg`<path d="M9 6.5h11M9 12h11M9 17.5h11"/><circle cx="4.5" cy="6.5" r="1" fill="currentColor"/><circle cx="4.5" cy="12" r="1" fill="currentColor"/><circle cx="4.5" cy="17.5" r="1" fill="currentColor"/>`,
  alert: svg`<path d="M12 3.5 2.8 19.5h18.4z"/><path d="M12 10v4.2M12 17v.2"/>`,
  flame: svg`<path d="M12 21c-3.9 0-6.5-2.6-6.5-6.1 0-3.9 3.4-5.6 3.9-9.4 2.4 1.4 3.5 3.7 3.3 6 1-.5 1.8-1.5 2-2.8 2 1.6 3.3 3.8 3.3 6.3C18 18.4 15.7 21 12 21z"/>`,
  moon: svg`<path d="M19.5 14.5A7.8 7.8 0 0 1 9.5 4.5a7.8 7.8 0 1 0 10 10z"/>`,
  flag: svg`<path d="M5.5 21V4M5.5 4.5h11l-2 4 2 4h-11"/>`,
  hand: svg`<path d="M7 11V6.5a1.5 1.5 0 0 1 3 0V11M10 10V5a1.5 1.5 0 0 1 3 0v5M13 10V6a1.5 1.5 0 0 1 3 0v6"/><path d="M16 9.5a1.5 1.5 0 0 1 3 0V14c0 4-2.7 7-6.5 7S6 18.5 5 15.5l-1.3-3.4a1.5 1.5 0 0 1 2.7-1.2L7 12"/>`,
  bolt: svg`<path d="M13 2.5 4.5 13.5H11l-1 8 8.5-11H12z"/>`,
  prev: svg`<path d="M6.5 5.5v13M18 5.5v13L8.5 12z"/>`,
  next: svg`<path d="M17.5 5.5v13M6 5.5v13l9.5-6.5z"/>`,
  timer: svg`<circle cx="12" cy="13.5" r="7.5"/><path d="M12 13.5V9.5M9.5 2.5h5M19 6.5l-1.5 1.5"/>`,
  check: svg`<path d="m5 12.5 4.5 4.5L19 7.5"/>`,
  volume: svg`<path d="M4 9.5h3.5L12 5.5v13l-4.5-4H4z"/><path d="M15.5 9a4 4 0 0 1 0 6M18 6.5a7.5 7.5 0 0 1 0 11"/>`,
};

export type IconName = keyof typeof paths;

/** icon renders a 24x24 line icon that takes the text colour. */
export function icon(name: IconName, size = 20, label = ""): TemplateResult {
  return html`<svg
    class="icon"
    width=${size}
    height=${size}
    viewBox="0 0 24 24"
    fill="none"
    stroke="currentColor"
    stroke-width="1.9"
    stroke-linecap="round"
    stroke-linejoin="round"
    role=${label ? "img" : "presentation"}
    aria-hidden=${label ? "false" : "true"}
    aria-label=${label || ""}
  >
    ${paths[name]}
  </svg>`;
}
