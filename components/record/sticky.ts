/** The height of the record's sticky header. */
export const HEADER_HEIGHT = "2.25rem";
/** The height of the search's "Match 2 of 7" bar, which sticks above the header while a search is on. */
export const STEPPER_HEIGHT = "2rem";
/** The record panel's padding: what sticks to its top sits this far above the padding, at the visible edge. */
const PADDING = "1rem";
/** Set on the record panel: the stepper's height while it is shown, else nothing. */
export const STEPPER_VAR = "--match-stepper";
/** Where the record's header sticks: below the stepper, when there is one. */
export const HEADER_TOP = `calc(var(${STEPPER_VAR}, 0px) - ${PADDING})`;
/** Where what else sticks (the completions' names, a dialogue's outline) sits: below the header. */
export const BELOW_HEADER = `calc(var(${STEPPER_VAR}, 0px) + ${HEADER_HEIGHT} - ${PADDING})`;
