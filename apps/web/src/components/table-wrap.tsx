import { ReactNode, useEffect, useRef, useState } from 'react';

/**
 * A wide table on a narrow phone scrolls sideways inside this box. While it does, the box takes
 * the keyboard focus (arrow keys then scroll it) and is announced with its label: a keyboard user
 * can reach the columns out of view too (axe: scrollable-region-focusable). When everything fits,
 * it is no tab stop at all.
 */
export function TableWrap({ label, children }: { label: string; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  const [scrolls, setScrolls] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const check = () => setScrolls(el.scrollWidth > el.clientWidth + 1);
    check();
    if (typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(check);
    ro.observe(el);
    if (el.firstElementChild) ro.observe(el.firstElementChild);
    return () => ro.disconnect();
  }, []);
  return (
    <div
      ref={ref}
      className="table-wrap"
      {...(scrolls ? { tabIndex: 0, role: 'region', 'aria-label': label } : {})}
    >
      {children}
    </div>
  );
}
