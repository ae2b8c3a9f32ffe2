import type { ComponentChildren } from 'preact';

/** A wide table that scrolls sideways in its own box on a phone: focusable, so the keyboard can scroll it too. */
export function TableBox({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    <div class="table-wrap" tabIndex={0} role="region" aria-label={label}>
      {children}
    </div>
  );
}
