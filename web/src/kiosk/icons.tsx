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

/**
 * Each product's own picture, drawn here (nothing fetched from outside, no emoji font needed):
 * by SKU, else by the SKU's first word, else the category's pictogram.
 */
const productDrawings: Record<string, preact.JSX.Element> = {
  'AC-MIDEA-2P': (
    <g>
      <rect x="20" y="6" width="24" height="52" rx="3" />
      <line x1="24" y1="16" x2="40" y2="16" />
      <line x1="24" y1="21" x2="40" y2="21" />
      <circle cx="32" cy="42" r="6" />
    </g>
  ),
  'AC-GREE-15': (
    <g>
      <rect x="6" y="16" width="52" height="18" rx="5" />
      <line x1="12" y1="28" x2="52" y2="28" />
      <path d="M18 42c2 3 2 6 0 9M32 42c2 3 2 6 0 9M46 42c2 3 2 6 0 9" />
    </g>
  ),
  FRIDGE: (
    <g>
      <rect x="18" y="6" width="28" height="52" rx="3" />
      <line x1="18" y1="24" x2="46" y2="24" />
      <line x1="18" y1="40" x2="46" y2="40" />
      <line x1="40" y1="12" x2="40" y2="18" />
      <line x1="40" y1="29" x2="40" y2="35" />
    </g>
  ),
  WASHER: (
    <g>
      <rect x="12" y="8" width="40" height="48" rx="3" />
      <line x1="12" y1="18" x2="52" y2="18" />
      <circle cx="32" cy="37" r="11" />
      <path d="M25 38c4-4 10 4 14 0" />
    </g>
  ),
  TV: (
    <g>
      <rect x="6" y="12" width="52" height="32" rx="2" />
      <line x1="22" y1="54" x2="42" y2="54" />
      <line x1="26" y1="44" x2="24" y2="54" />
      <line x1="38" y1="44" x2="40" y2="54" />
    </g>
  ),
  HEATER: (
    <g>
      <rect x="8" y="18" width="48" height="26" rx="13" />
      <circle cx="44" cy="31" r="4" />
      <line x1="24" y1="44" x2="24" y2="54" />
      <line x1="40" y1="44" x2="40" y2="54" />
    </g>
  ),
  SOLAR: (
    <g>
      <path d="M8 48L24 20h32L40 48z" />
      <line x1="16" y1="34" x2="48" y2="34" />
      <line x1="32" y1="20" x2="24" y2="48" />
      <circle cx="12" cy="12" r="5" />
    </g>
  ),
  RICECOOKER: (
    <g>
      <path d="M10 30h44v16a8 8 0 0 1-8 8H18a8 8 0 0 1-8-8z" />
      <path d="M12 30c0-10 40-10 40 0" />
      <line x1="28" y1="18" x2="36" y2="18" />
      <circle cx="32" cy="42" r="3" />
    </g>
  ),
  FAN: (
    <g>
      <circle cx="32" cy="22" r="14" />
      <path d="M32 22l-6-10M32 22l11 3M32 22l-5 11" />
      <line x1="32" y1="36" x2="32" y2="54" />
      <line x1="22" y1="56" x2="42" y2="56" />
    </g>
  ),
  GAS: (
    <g>
      <rect x="6" y="30" width="52" height="18" rx="2" />
      <circle cx="20" cy="30" r="8" />
      <circle cx="44" cy="30" r="8" />
      <circle cx="20" cy="40" r="2" />
      <circle cx="44" cy="40" r="2" />
    </g>
  ),
  'PHONE-HONOR-X50': (
    <g>
      <rect x="20" y="6" width="24" height="52" rx="4" />
      <rect x="24" y="12" width="16" height="36" rx="1" />
      <circle cx="32" cy="53" r="1.5" />
    </g>
  ),
  'PHONE-ELDER-4G': (
    <g>
      <rect x="18" y="6" width="28" height="52" rx="5" />
      <rect x="23" y="11" width="18" height="14" />
      <path d="M24 32h4M30 32h4M36 32h4M24 39h4M30 39h4M36 39h4M24 46h4M30 46h4M36 46h4" />
    </g>
  ),
  RADIO: (
    <g>
      <rect x="8" y="22" width="48" height="30" rx="4" />
      <line x1="16" y1="22" x2="40" y2="8" />
      <circle cx="22" cy="37" r="8" />
      <line x1="38" y1="32" x2="50" y2="32" />
      <line x1="38" y1="40" x2="50" y2="40" />
    </g>
  ),
  TRICYCLE: (
    <g>
      <circle cx="14" cy="46" r="7" />
      <circle cx="48" cy="46" r="7" />
      <rect x="30" y="26" width="28" height="12" />
      <path d="M14 46l8-18h8M22 28l-4-8h6" />
    </g>
  ),
  PUMP: (
    <g>
      <circle cx="26" cy="34" r="14" />
      <path d="M40 34h16M26 20V8h12" />
      <line x1="14" y1="52" x2="38" y2="52" />
      <circle cx="26" cy="34" r="4" />
    </g>
  ),
  'FERT-NPK-50': (
    <g>
      <path d="M16 10h32l4 44H12z" />
      <path d="M16 10c4 4 28 4 32 0" />
      <circle cx="24" cy="34" r="3" />
      <circle cx="32" cy="40" r="3" />
      <circle cx="40" cy="34" r="3" />
    </g>
  ),
  'FERT-UREA-40': (
    <g>
      <path d="M16 10h32l4 44H12z" />
      <path d="M16 10c4 4 28 4 32 0" />
      <path d="M32 24c6 8 8 12 8 16a8 8 0 0 1-16 0c0-4 2-8 8-16z" />
    </g>
  ),
  SPRAYER: (
    <g>
      <rect x="14" y="14" width="22" height="38" rx="6" />
      <path d="M36 20h8l12 20" />
      <path d="M54 44l4 4M58 40l-2 6" />
      <line x1="20" y1="8" x2="30" y2="8" />
    </g>
  ),
  SEED: (
    <g>
      <path d="M32 56V26" />
      <path d="M32 26c-6-4-8-12-2-18 4 6 4 12 2 18zM32 38c-8-2-12-8-10-14 6 2 10 8 10 14zM32 38c8-2 12-8 10-14-6 2-10 8-10 14z" />
    </g>
  ),
  FEED: (
    <g>
      <path d="M14 12h36l2 42H12z" />
      <ellipse cx="32" cy="34" rx="12" ry="9" />
      <circle cx="28" cy="34" r="1.5" />
      <circle cx="36" cy="34" r="1.5" />
    </g>
  ),
  RICE: (
    <g>
      <path d="M14 14h36v40H14z" />
      <path d="M14 14l6-6h24l6 6" />
      <path d="M26 30c2-4 6-4 8 0-2 4-6 4-8 0zM22 40c2-4 6-4 8 0-2 4-6 4-8 0zM34 40c2-4 6-4 8 0-2 4-6 4-8 0z" />
    </g>
  ),
  OIL: (
    <g>
      <path d="M22 16h20l6 10v28H16V26z" />
      <rect x="26" y="8" width="12" height="8" />
      <path d="M32 32c4 6 5 8 5 10a5 5 0 0 1-10 0c0-2 1-4 5-10z" />
    </g>
  ),
  MILK: (
    <g>
      <rect x="16" y="16" width="32" height="40" rx="4" />
      <rect x="18" y="8" width="28" height="8" rx="2" />
      <path d="M26 34a6 6 0 0 0 12 0" />
      <circle cx="28" cy="30" r="1" />
      <circle cx="36" cy="30" r="1" />
    </g>
  ),
  DIAPER: (
    <g>
      <path d="M8 18h48v8c0 16-10 26-24 26S8 42 8 26z" />
      <path d="M20 18v8M44 18v8" />
    </g>
  ),
  SHOES: (
    <g>
      <path d="M6 44V24h14c4 8 12 10 22 12 10 2 16 4 16 8v4H6z" />
      <line x1="6" y1="52" x2="58" y2="52" />
      <path d="M24 30l4-4M30 33l4-4" />
    </g>
  ),
  JACKET: (
    <g>
      <path d="M22 8l-12 8v38h44V16L42 8c-2 5-6 8-10 8s-8-3-10-8z" />
      <line x1="32" y1="16" x2="32" y2="54" />
      <path d="M10 28h44M10 40h44" />
    </g>
  ),
  QUILT: (
    <g>
      <rect x="8" y="14" width="48" height="36" rx="4" />
      <path d="M8 26h48M8 38h48M24 14v36M40 14v36" />
    </g>
  ),
  BP: (
    <g>
      <rect x="8" y="20" width="30" height="30" rx="4" />
      <rect x="13" y="25" width="20" height="10" />
      <path d="M38 40h8a8 8 0 0 0 8-8V20" />
      <rect x="48" y="10" width="12" height="10" rx="3" />
    </g>
  ),
  GLASSES: (
    <g>
      <circle cx="18" cy="36" r="10" />
      <circle cx="46" cy="36" r="10" />
      <path d="M28 34c2-3 6-3 8 0M8 34L4 22M56 34l4-12" />
    </g>
  ),
  CEMENT: (
    <g>
      <path d="M12 16h40l4 36H8z" />
      <path d="M12 16c6 5 34 5 40 0" />
      <path d="M20 30h24M18 40h28" />
    </g>
  ),
  TILE: (
    <g>
      <rect x="10" y="10" width="20" height="20" />
      <rect x="34" y="10" width="20" height="20" />
      <rect x="10" y="34" width="20" height="20" />
      <rect x="34" y="34" width="20" height="20" />
    </g>
  ),
};

export const drawingOf = (sku: string) => productDrawings[sku] ?? productDrawings[sku.split('-')[0]!];

/** The product's picture: its own drawing on its category's colour. */
export function ProductPicture({ sku, category }: { sku: string; category: string }) {
  const drawing = drawingOf(sku);
  return (
    <div class="picture" style={{ background: categoryColour[category] ?? '#555' }} aria-hidden="true" data-sku={sku}>
      {drawing ? (
        <svg
          width={96}
          height={96}
          viewBox="0 0 64 64"
          focusable="false"
          fill="none"
          stroke="currentColor"
          stroke-width="3.5"
          stroke-linecap="round"
          stroke-linejoin="round"
        >
          {drawing}
        </svg>
      ) : (
        <CategoryIcon category={category} size={96} />
      )}
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
