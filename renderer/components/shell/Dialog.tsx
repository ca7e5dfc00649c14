import { useEffect, useRef, type ReactNode } from 'react';

interface DialogProps {
  title: string;
  testId: string;
  onClose: () => void;
  children: ReactNode;
}

/** A modal box over the screen; Escape or a click outside closes it. Focus starts inside it. */
export function Dialog({ title, testId, onClose, children }: DialogProps) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const first = box.current?.querySelector<HTMLElement>('textarea, input, button');
    first?.focus();
  }, []);
  return (
    <div className="dialog-backdrop" onClick={onClose}>
      <div
        ref={box}
        className="dialog"
        role="dialog"
        aria-modal="true"
        aria-label={title}
        data-testid={testId}
        onClick={(event) => event.stopPropagation()}
        onKeyDown={(event) => {
          if (event.key === 'Escape') onClose();
        }}
      >
        <h2 className="dialog-title">{title}</h2>
        {children}
      </div>
    </div>
  );
}
