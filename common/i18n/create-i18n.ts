import i18next, { type BackendModule, type i18n, type ResourceKey } from 'i18next';
import { DEFAULT_LANGUAGE, LANGUAGES, type Language } from './languages.js';
import type { Namespace } from './namespaces.js';

/** Translation files already in memory: bundled ones, or (in Node) all of them. */
export type BundledResources = Partial<Record<Language, Partial<Record<Namespace, ResourceKey>>>>;

/** Fetches one translation file (a lazily loaded chunk in the browser). */
export type ResourceLoader = (language: Language, namespace: Namespace) => Promise<ResourceKey>;

export interface I18nSetup {
  language: Language;
  /** Namespaces loaded before `ready` resolves; `t` without one reads the first. */
  namespaces: readonly [Namespace, ...Namespace[]];
  bundled?: BundledResources;
  /** For files not bundled. Without one, only `bundled` exists (and `ready` is already settled). */
  load?: ResourceLoader;
}

/** i18next's backend interface around a loader: the ~10 lines i18next-resources-to-backend would add as a dependency. */
function loaderBackend(load: ResourceLoader): BackendModule {
  return {
    type: 'backend',
    callbackApi: true,
    init: () => undefined,
    read(language, namespace, callback) {
      load(language as Language, namespace as Namespace).then(
        (resource) => callback(null, resource),
        (error: unknown) => callback(error instanceof Error ? error : new Error(String(error)), null),
      );
    },
  };
}

/**
 * One i18next instance (never the global one: the agent renders pages in several languages side
 * by side). English is the fallback of every language, so a key a translation lacks — which the
 * locale tests refuse — would still show words, never the key. Values are not HTML-escaped: React
 * escapes what it renders, and a ticket is not HTML.
 */
export function createI18n(setup: I18nSetup): { i18n: i18n; ready: Promise<unknown> } {
  const instance = i18next.createInstance();
  if (setup.load) instance.use(loaderBackend(setup.load));
  const ready = instance.init({
    lng: setup.language,
    fallbackLng: DEFAULT_LANGUAGE,
    supportedLngs: LANGUAGES,
    ns: setup.namespaces,
    defaultNS: setup.namespaces[0],
    resources: setup.bundled ?? {},
    partialBundledLanguages: setup.load !== undefined,
    // Synchronous when everything is in memory: a server render must not wait.
    initAsync: setup.load !== undefined,
    interpolation: { escapeValue: false },
    returnEmptyString: false,
  });
  return { i18n: instance, ready };
}
