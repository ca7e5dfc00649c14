/*
 * React picks its build from NODE_ENV when it is first imported, and unset that is the
 * development build. The agent renders the board's first screen with React on every page load
 * (renderer/first-screen/board-page.tsx): 30 cards took ~60 ms in the development build and
 * ~8 ms in the production one, on the page's critical path. So the processes that serve the board
 * import this module before anything else; a NODE_ENV that is set (vitest's "test") is kept.
 */
process.env.NODE_ENV ??= 'production';
