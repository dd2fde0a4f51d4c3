declare const FITGAP_BUILD_ID: string | undefined

/**
 * In the bundled build (scripts/build.js defines it): a hash of the sources it was built from, which stands for our
 * code in cache keys because the source files are not there. Undefined when the sources run (tests, tsx).
 */
export const BUILD_ID: string | undefined = typeof FITGAP_BUILD_ID === 'string' ? FITGAP_BUILD_ID : undefined
