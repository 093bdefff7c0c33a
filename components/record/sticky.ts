/** The height of the record's sticky header. */
export const HEADER_HEIGHT = "2.25rem";
/** The record panel's padding: what sticks to its top sits this far above the padding, at the visible edge. */
const PADDING = "1rem";
/** Where the record's header sticks. */
export const HEADER_TOP = `-${PADDING}`;
/** Where what else sticks (the completions' names, a dialogue's outline) sits: below the header. */
export const BELOW_HEADER = `calc(${HEADER_HEIGHT} - ${PADDING})`;
