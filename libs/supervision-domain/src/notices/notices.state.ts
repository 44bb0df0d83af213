import { assertNever } from '@whistle/kernel';
import type { NoticeEvent, NoticePublished } from '@whistle/contracts';

/** What a quarter's later notices need of an earlier one. */
export interface PublishedNotice {
  readonly publicationId: string;
  readonly kind: NoticePublished['data']['kind'];
  readonly corrects?: string;
  readonly contentSha256: string;
  readonly publishedAt: string;
}

export type NoticesState =
  | { readonly status: 'none' }
  /** the quarter's notices (通报), the results first, then each correction, in the order published */
  | { readonly status: 'published'; readonly quarter: string; readonly notices: readonly PublishedNotice[] };

export const initialNoticesState: NoticesState = { status: 'none' };

export function evolveNotices(state: NoticesState, event: NoticeEvent): NoticesState {
  switch (event.type) {
    case 'supervision.NoticePublished.v1': {
      const { publicationId, quarter, kind, corrects, contentSha256, publishedAt } = event.data;
      const notice: PublishedNotice = { publicationId, kind, ...(corrects !== undefined && { corrects }), contentSha256, publishedAt };
      return { status: 'published', quarter, notices: [...(state.status === 'published' ? state.notices : []), notice] };
    }
    default:
      return assertNever(event.type, 'notice event');
  }
}
