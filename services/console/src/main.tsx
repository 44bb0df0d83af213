import { prefetchCatalogue } from './api/catalogue-request';
import { preloadPage, SIGN_IN } from './page-table';
import { storedSession } from './session/session';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
// This first chunk is small: it starts what the first page needs at once and side by side, the
// console's own code, the page's code, and signed in the catalogue and the page's own first
// request, then renders when both codes are there (so the page shows in the first frame rather
// than after a spinner). The requests are not waited for: the dashboard does not read the catalogue.
const session = storedSession();
if (session) prefetchCatalogue(session.token);
const firstPage = session ? preloadPage(window.location, session.token) : SIGN_IN.preload();
// A page's chunk that did not come is asked for again as it renders, where its error shows.
void Promise.all([import('./console-root'), firstPage.catch(() => undefined)]).then(([{ renderConsole }]) => renderConsole(root));
