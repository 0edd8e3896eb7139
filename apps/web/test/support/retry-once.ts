/**
 * The browser tier's one retry (jest.config.cjs: the browser project's setupFilesAfterEnv). A browser journey
 * drives a real Chromium against a real api on a shared 2-core machine, beside the other tiers; a step that waits
 * on animation frames, media decoding or a lazily loaded page can miss its 30 s under that load while the same
 * journey passes alone. Such a journey runs once more. Its first failure is printed in full before the retry
 * (`logErrorsBeforeRetry`), and `npm test`'s summary names every test that passed only on its retry
 * (tools/test.mjs), so a flaky journey stays visible instead of turning green in silence. The other tiers never
 * retry.
 */
jest.retryTimes(1, { logErrorsBeforeRetry: true });
