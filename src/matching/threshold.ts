/** The score at or above which a top candidate is worth proposing (map suggest, analyze and the eval). */
export const DEFAULT_ACCEPT_THRESHOLD = 0.6
