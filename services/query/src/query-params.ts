/** The read side's query parameters use the platform's (shared with the audit's paged lists). */
export { IsWholeNumber, QueryBoolean, QueryInt, QueryList, QueryText } from '@whistle/http';
