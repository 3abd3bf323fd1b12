import { formatDate } from '../format';

/**
 * A record's period in a list table ("01.01.2025 – 31.12.2028", "… – 31.12.2028",
 * "–" when it has no dates). Each date is kept whole: the column wraps between
 * them, never inside one.
 */
export function PeriodText({ from, to }: { readonly from: string | null; readonly to: string | null }) {
  if (!from && !to) return '–';
  return (
    <>
      <span className="nowrap">{from ? formatDate(from) : '…'} –</span> <span className="nowrap">{to ? formatDate(to) : '…'}</span>
    </>
  );
}
