import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { CardFailed } from '../board/CardFailed.js';
import { ErrorBoundary } from './ErrorBoundary.js';
import { withWords } from '../../testing/i18n.js';
import { ScreenFailed } from './ScreenFailed.js';

/*
 * The renderer's unit tests run without a DOM, and React's server renderer does not use error
 * boundaries; so these drive the boundary's lifecycle methods as React calls them. That React does
 * catch with it in a browser is shown by e2e/robustness.e2e.test.ts.
 */

const fallback = (error: Error, retry: () => void) => (
  <button type="button" onClick={retry}>
    failed: {error.message}
  </button>
);

function boundary(props: Partial<ConstructorParameters<typeof ErrorBoundary>[0]> = {}) {
  const instance = new ErrorBoundary({ children: <p>all good</p>, fallback, ...props });
  // No React root here: setState just merges, as React would before the next render.
  instance.setState = (update) => Object.assign(instance.state, update);
  return instance;
}

describe('ErrorBoundary', () => {
  it('renders its children while nothing has thrown', () => {
    expect(renderToStaticMarkup(boundary().render())).toBe('<p>all good</p>');
  });

  it('renders the fallback with the error once a child threw, and the children again after retry', () => {
    const instance = boundary();
    Object.assign(instance.state, ErrorBoundary.getDerivedStateFromError(new TypeError('items is undefined')));
    expect(renderToStaticMarkup(instance.render())).toBe('<button type="button">failed: items is undefined</button>');
    instance.retry();
    expect(renderToStaticMarkup(instance.render())).toBe('<p>all good</p>');
  });

  it('turns anything thrown into an Error', () => {
    expect(ErrorBoundary.getDerivedStateFromError('a string')).toEqual({ error: new Error('a string') });
  });

  it('gives the children another try when the reset key changes, not before', () => {
    const instance = boundary({ resetKey: 1 });
    const failed = { ...instance.state, error: new Error('bad') };
    expect(ErrorBoundary.getDerivedStateFromProps({ children: null, fallback, resetKey: 1 }, failed)).toBeNull();
    expect(ErrorBoundary.getDerivedStateFromProps({ children: null, fallback, resetKey: 2 }, failed)).toEqual({ error: undefined, resetKey: 2 });
  });
});

describe('the fallbacks', () => {
  it('a card that failed names its ticket and says what went wrong', () => {
    const html = renderToStaticMarkup(withWords(<CardFailed number="42" orderId="o-7" error={new Error('Objects are not valid as a React child')} />));
    expect(html).toContain('data-testid="card-failed-42"');
    expect(html).toContain('This ticket could not be shown — #42');
    expect(html).toContain('Objects are not valid as a React child');
  });

  it('a screen that failed says which, why, and offers another try', () => {
    const html = renderToStaticMarkup(withWords(<ScreenFailed route="print-log" error={new Error('boom')} onRetry={() => undefined} />));
    expect(html).toContain('The print log screen could not be shown');
    expect(html).toContain('boom');
    expect(html).toContain('data-testid="screen-retry"');
  });
});

describe('the fallbacks in another language', () => {
  it("say it in the board's language", () => {
    const html = renderToStaticMarkup(withWords(<ScreenFailed route="print-log" error={new Error('boom')} onRetry={() => undefined} />, 'de'));
    expect(html).toContain('Das Druckprotokoll konnte nicht angezeigt werden');
    expect(html).toContain('Erneut versuchen');
  });
});
