import { Component, type ReactNode } from 'react';

interface ErrorBoundaryProps {
  children: ReactNode;
  /** What to show instead of the children once they threw; `retry` renders them again. */
  fallback: (error: Error, retry: () => void) => ReactNode;
  /**
   * When this changes (a card's order updated, another screen chosen), the children get another
   * try: the data that broke them may be gone.
   */
  resetKey?: unknown;
}

interface ErrorBoundaryState {
  error: Error | undefined;
  resetKey: unknown;
}

const asError = (thrown: unknown): Error => (thrown instanceof Error ? thrown : new Error(String(thrown)));

/**
 * Keeps a render failure to the part of the board that failed. Without one, React unmounts the
 * whole tree on any throw during render: one bad ticket would blank every screen in the kitchen.
 * The fallback is the visible message, in place of what failed; React itself logs the error to
 * the console. (A class: React offers error boundaries to class components only.)
 */
export class ErrorBoundary extends Component<ErrorBoundaryProps, ErrorBoundaryState> {
  constructor(props: ErrorBoundaryProps) {
    super(props);
    this.state = { error: undefined, resetKey: props.resetKey };
  }

  static getDerivedStateFromError(thrown: unknown): Partial<ErrorBoundaryState> {
    return { error: asError(thrown) };
  }

  static getDerivedStateFromProps(props: ErrorBoundaryProps, state: ErrorBoundaryState): Partial<ErrorBoundaryState> | null {
    return Object.is(props.resetKey, state.resetKey) ? null : { error: undefined, resetKey: props.resetKey };
  }

  readonly retry = (): void => this.setState({ error: undefined });

  override render(): ReactNode {
    return this.state.error ? this.props.fallback(this.state.error, this.retry) : this.props.children;
  }
}
