import { prefetchCatalogue } from './api/catalogue-request';
import { isPublicPath, preloadPage } from './page-table';
import { storedSession } from './session/session';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
// This first chunk is small: it starts what the first page needs at once and side by side, the
// console's own code, the page's code and, signed in, the catalogue and the page's own first
// request (the dashboard's figures), and renders once the codes and the catalogue are there, so
// the page shows in the first frame rather than after a spinner (React keeps a spinner it showed
// for at least 300 ms). The page's own request is not waited for: the page shows it as it comes.
const session = storedSession();
// A public page (公示, the questionnaire) reads no catalogue.
const catalogue = session && !isPublicPath(window.location.pathname) ? prefetchCatalogue(session.token) : Promise.resolve();
const firstPage = preloadPage(window.location, session?.token ?? null);
// A page's chunk that did not come is asked for again as it renders, where its error shows.
void Promise.all([import('./console-root'), firstPage.catch(() => undefined), catalogue]).then(([{ renderConsole }]) => renderConsole(root));
