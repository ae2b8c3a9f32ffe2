/** Category pictograms, drawn here so the kiosk fetches nothing from outside and needs no emoji font. */
const paths: Record<string, preact.JSX.Element> = {
  appliances: (
    <g>
      <rect x="18" y="10" width="28" height="44" rx="3" />
      <line x1="18" y1="26" x2="46" y2="26" />
      <line x1="40" y1="16" x2="40" y2="21" />
      <line x1="40" y1="31" x2="40" y2="38" />
    </g>
  ),
  phones: (
    <g>
      <rect x="22" y="8" width="20" height="48" rx="4" />
      <line x1="29" y1="50" x2="35" y2="50" />
    </g>
  ),
  electronics: (
    <g>
      <rect x="8" y="14" width="48" height="30" rx="2" />
      <line x1="24" y1="52" x2="40" y2="52" />
      <line x1="32" y1="44" x2="32" y2="52" />
    </g>
  ),
  household: (
    <g>
      <path d="M12 26h40v10a18 18 0 0 1-40 0z" />
      <line x1="8" y1="26" x2="56" y2="26" />
      <line x1="28" y1="18" x2="36" y2="18" />
    </g>
  ),
  groceries: (
    <g>
      <path d="M10 30h44a22 22 0 0 1-44 0z" />
      <path d="M20 24c4-8 8-8 12 0M32 24c4-8 8-8 12 0" />
    </g>
  ),
  clothing: <path d="M22 10l-12 8 6 10 6-4v30h20V24l6 4 6-10-12-8c-2 5-6 7-10 7s-8-2-10-7z" />,
  agriculture: (
    <g>
      <line x1="32" y1="56" x2="32" y2="24" />
      <path d="M32 34c-12 0-18-8-18-16 10 0 18 6 18 16zM32 28c0-10 8-16 18-16 0 8-6 16-18 16z" />
    </g>
  ),
  building: (
    <g>
      <rect x="8" y="36" width="22" height="14" />
      <rect x="34" y="36" width="22" height="14" />
      <rect x="20" y="20" width="24" height="14" />
    </g>
  ),
  health: <path d="M26 10h12v16h16v12H38v16H26V38H10V26h16z" />,
  baby: (
    <g>
      <rect x="22" y="20" width="20" height="34" rx="6" />
      <path d="M26 20v-6h12v6M28 14v-4h8v4" />
      <line x1="22" y1="32" x2="42" y2="32" />
    </g>
  ),
};

export const categoryColour: Record<string, string> = {
  appliances: '#1d6fa5',
  phones: '#6b4fa1',
  electronics: '#2f6f5e',
  household: '#b3541e',
  groceries: '#9a6b00',
  clothing: '#a3326b',
  agriculture: '#3d7a1f',
  building: '#6b5a4b',
  health: '#b02a2a',
  baby: '#2a7fa8',
};

export function CategoryIcon({ category, size = 48 }: { category: string; size?: number }) {
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 64 64"
      aria-hidden="true"
      focusable="false"
      fill="none"
      stroke="currentColor"
      stroke-width="4"
      stroke-linecap="round"
      stroke-linejoin="round"
    >
      {paths[category] ?? <circle cx="32" cy="32" r="20" />}
    </svg>
  );
}

/** The product's picture: its category's colour and pictogram, and the start of its name. */
export function ProductPicture({ category, title }: { category: string; title: string }) {
  return (
    <div class="picture" style={{ background: categoryColour[category] ?? '#555' }} aria-hidden="true">
      <CategoryIcon category={category} size={88} />
      <span>{title.split(/\s+/)[0]}</span>
    </div>
  );
}

export function SpeakerIcon() {
  return (
    <svg
      width="28"
      height="28"
      viewBox="0 0 64 64"
      aria-hidden="true"
      focusable="false"
      fill="none"
      stroke="currentColor"
      stroke-width="5"
      stroke-linecap="round"
      stroke-linejoin="round"
    >
      <path d="M10 24h10l14-12v40L20 40H10z" />
      <path d="M44 22a14 14 0 0 1 0 20M50 14a24 24 0 0 1 0 36" />
    </svg>
  );
}
